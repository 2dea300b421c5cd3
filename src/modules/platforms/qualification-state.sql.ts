import { QualificationState } from './platform.enums';
import { EXPIRING_WITHIN_DAYS } from './qualification.rules';

/**
 * SQL condition (over alias `q`, with `?` bound to the as-of instant) true when a qualification is in
 * `state`: the database twin of `qualificationState`, used to filter platform lists. `table` holds the
 * qualifications (the table, or the same columns read from the ledger as of a past point).
 */
export function qualificationStateSql(state: QualificationState, table = 'qualification'): { sql: string; params: number } {
  const notSuperseded = `not exists (select 1 from ${table} s where s.supersedes_id = q.id)`;
  const active = `q.status = 'ACTIVE' and ${notSuperseded}`;
  const started = 'q.valid_from <= ?::timestamptz';
  const horizon = `(?::timestamptz + interval '${EXPIRING_WITHIN_DAYS} days')`;
  switch (state) {
    case QualificationState.SUPERSEDED:
      return { sql: `exists (select 1 from ${table} s where s.supersedes_id = q.id)`, params: 0 };
    case QualificationState.REVOKED:
      return { sql: `q.status = 'REVOKED' and ${notSuperseded}`, params: 0 };
    case QualificationState.NOT_YET_VALID:
      return { sql: `${active} and q.valid_from > ?::timestamptz`, params: 1 };
    case QualificationState.EXPIRED:
      return { sql: `${active} and q.valid_from <= ?::timestamptz and q.valid_to < ?::timestamptz`, params: 2 };
    case QualificationState.EXPIRING:
      return { sql: `${active} and ${started} and q.valid_to >= ?::timestamptz and q.valid_to <= ${horizon}`, params: 3 };
    case QualificationState.VALID:
      return { sql: `${active} and ${started} and (q.valid_to is null or q.valid_to > ${horizon})`, params: 2 };
  }
}
