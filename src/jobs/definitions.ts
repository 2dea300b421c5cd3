import { flagMissingFilings, MISSING_FILINGS_JOB } from '../modules/flags/missing-filings';
import { REEVALUATE_JOB, reevaluateForVersion } from '../modules/flags/reevaluation';
import { JobDefinition } from './queue';

/** Every background job of the registry. */
export const JOBS: JobDefinition[] = [
  { name: REEVALUATE_JOB, handler: reevaluateForVersion },
  // daily at 01:00 China time: flag periods whose filing is overdue
  { name: MISSING_FILINGS_JOB, handler: flagMissingFilings, cron: '0 1 * * *' },
];
