/** What picking the version in force reads of a published rule version. */
export interface Dated {
  effectiveFrom: Date | null;
  number: number | null;
  retires: boolean;
}

/**
 * The version in force at `at` among a rule's published versions, as versionsInForce picks it in SQL: the
 * latest effective by then (ties: the higher number), or null when none is or it retires the rule. Pure,
 * so the recompute CLI picks exactly as the registry does.
 */
export function versionInForceAt<V extends Dated>(published: V[], at: Date): V | null {
  const effective = published.filter((v) => v.effectiveFrom && v.effectiveFrom <= at);
  const [latest] = effective.sort((a, b) => b.effectiveFrom!.getTime() - a.effectiveFrom!.getTime() || (b.number ?? 0) - (a.number ?? 0));
  return latest && !latest.retires ? latest : null;
}
