import { EntityManager } from '@mikro-orm/postgresql';
import { boundSql } from '../../shared/sql';
import type { Flag } from '../flags/flag.entity';
import type { FlagCaseState } from '../flags/flag.enums';
import { CASE_TRANSITIONS, CaseAction } from './case-transitions';
import type { FlagCaseStep } from './flag-case-step.entity';

/** The organisation a CLOSE step names: the registry itself (as the ledger's `system` actor), no member. */
export const SYSTEM_ORGANISATION = 'system';

/** The role a CLOSE step names. */
export const SYSTEM_ROLE = 'SYSTEM';

/** The ledger action of a CLOSE step (as `flag.case-<action>` for the members' steps). */
export const CASE_CLOSED = 'flag.case-close';

/** The fields of a step, as the single and the bulk write paths create it. */
export type CaseStepFields = Pick<FlagCaseStep, 'flag' | 'seq' | 'action' | 'fromState' | 'toState' | 'organisationId' | 'role' | 'at' | 'text' | 'documentSha256s' | 'remediatingFiling'>;

/**
 * The CLOSE step the registry appends when a flag whose case someone acted on stops standing and no new flag
 * carries the case over: from the state the case was in, to CLOSED, at `at`, with the reason (the amendment's,
 * the re-evaluation's, the resolution's). `seq` is the next position in the flag's case.
 */
export function closeStep(flag: Flag, seq: number, fromState: FlagCaseState, at: Date, reason: string): CaseStepFields {
  const transition = CASE_TRANSITIONS[CaseAction.CLOSE];
  if (!transition.from.includes(fromState)) throw new Error(`A ${fromState} case of flag ${flag.id} cannot be closed`);
  return {
    flag,
    seq,
    action: CaseAction.CLOSE,
    fromState,
    toState: transition.to,
    organisationId: SYSTEM_ORGANISATION,
    role: SYSTEM_ROLE,
    at,
    text: reason,
    documentSha256s: [],
    remediatingFiling: null,
  };
}

/** How many steps each of these flags' cases has (one statement; none for no flags). Lock the flags first. */
export async function caseStepCounts(em: EntityManager, flagIds: string[]): Promise<Map<string, number>> {
  if (!flagIds.length) return new Map();
  const rows = await boundSql<{ flag_id: string; n: number }>(em, `select flag_id, count(*)::int as n from flag_case_step where flag_id = any(?) group by flag_id`, [flagIds]);
  return new Map(rows.map((row) => [row.flag_id, row.n]));
}
