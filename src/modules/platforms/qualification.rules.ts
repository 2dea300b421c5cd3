import { FieldProblem } from '../../errors';
import { QualificationFiledStatus, QualificationState } from './platform.enums';
import { QualificationInput } from './platform.inputs';

/** How far ahead a validity end counts as "expiring". */
export const EXPIRING_WITHIN_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What `qualificationState` needs of a qualification. */
export interface QualificationDates {
  status: QualificationFiledStatus;
  validFrom: Date;
  validTo: Date | null;
}

/**
 * Where a qualification stands at `now`: derived from its dates, filed status and whether a newer
 * record superseded it; never stored. Validity is inclusive at both ends. Mirrors `qualificationStateSql`.
 */
export function qualificationState(q: QualificationDates, superseded: boolean, now: Date): QualificationState {
  if (superseded) return QualificationState.SUPERSEDED;
  if (q.status === QualificationFiledStatus.REVOKED) return QualificationState.REVOKED;
  if (now < q.validFrom) return QualificationState.NOT_YET_VALID;
  if (q.validTo === null) return QualificationState.VALID;
  if (now > q.validTo) return QualificationState.EXPIRED;
  return q.validTo.getTime() - now.getTime() <= EXPIRING_WITHIN_DAYS * DAY_MS ? QualificationState.EXPIRING : QualificationState.VALID;
}

/** Domain checks on a qualification beyond field formats. */
export function qualificationProblems(q: QualificationInput, path: string): FieldProblem[] {
  if (q.validTo && q.validTo < q.validFrom) {
    return [{ path: `${path}.validTo`, message: 'must not be before validFrom' }];
  }
  return [];
}
