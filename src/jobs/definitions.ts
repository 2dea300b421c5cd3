import { flagMissingFilings, MISSING_FILINGS_JOB } from '../modules/flags/missing-filings';
import { reevaluateForVersion } from '../modules/flags/reevaluation';
import { REEVALUATE_JOB } from '../modules/rules/publish-rule';
import { JobDefinition } from './queue';

/** Every background job of the registry. */
export const JOBS: JobDefinition[] = [
  { name: REEVALUATE_JOB, handler: reevaluateForVersion },
  // daily at 01:00 China time: flag periods whose filing is overdue
  { name: MISSING_FILINGS_JOB, handler: flagMissingFilings, cron: '0 1 * * *' },
];
