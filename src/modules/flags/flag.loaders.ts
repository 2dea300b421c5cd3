import { sql } from '../../shared/sql';
import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { childrenLoader } from '../../shared/loader-helpers';
import { EvaluationError } from './evaluation-error.entity';
import { Flag } from './flag.entity';

/** Open flags of a platform counted by severity. */
export interface FlagCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

/** Per-request loaders of flags. */
export function createFlagLoaders(em: EntityManager) {
  return {
    flagsOfFiling: childrenLoader(em, Flag, 'filing', { ruleCode: 'asc', id: 'asc' }),
    evaluationErrorsOfFiling: childrenLoader(em, EvaluationError, 'filing', { ruleCode: 'asc', id: 'asc' }),
    openFlagCounts: new DataLoader<string, FlagCounts>(async (platformIds) => {
      const rows: { platform_id: string; severity: string; n: string }[] = await sql(em, 
        `select platform_id, severity, count(*) as n from flag where status = 'OPEN' and platform_id in (${platformIds.map(() => '?').join(',')}) group by platform_id, severity`,
        [...platformIds],
      );
      const counts = new Map(platformIds.map((id) => [id, { critical: 0, high: 0, medium: 0, low: 0 }]));
      for (const row of rows) counts.get(row.platform_id)![row.severity.toLowerCase() as keyof FlagCounts] = Number(row.n);
      return platformIds.map((id) => counts.get(id)!);
    }),
  };
}
