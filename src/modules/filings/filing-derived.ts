import { Field, ObjectType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';

/** One share the registry derives from two raw amounts of `filing.ops`: part / whole, in basis points. */
export interface ShareRatio {
  part: string;
  whole: string;
}

/**
 * The derived shares, each defined once: `derivedShares` computes them for a filing, and the compare
 * module's figures store them (src/modules/compare/indicators.ts), with the same formula.
 */
export const SHARE_RATIOS = {
  top10BorrowerShareBps: { part: 'top10BorrowerOutstandingMinor', whole: 'outstandingPrincipalMinor' },
  largestBorrowerShareBps: { part: 'largestBorrowerOutstandingMinor', whole: 'outstandingPrincipalMinor' },
  relatedPartyShareBps: { part: 'relatedPartyOutstandingMinor', whole: 'outstandingPrincipalMinor' },
  overdueRateBps: { part: 'overdueAmountMinor', whole: 'outstandingPrincipalMinor' },
  overdue90PlusRateBps: { part: 'overdue90PlusAmountMinor', whole: 'outstandingPrincipalMinor' },
} as const satisfies Record<string, ShareRatio>;

/** Shares and rates the registry computes from the raw amounts (basis points, rounded down; null when the base is zero or an amount was not disclosed). */
@ObjectType({ description: 'Shares and rates derived by the registry from raw amounts, in basis points (null when the base is 0 or either amount was not disclosed).' })
export class FilingDerived {
  @Field(() => Int64, { nullable: true, description: 'top10BorrowerOutstanding / outstandingPrincipal.' }) top10BorrowerShareBps!: bigint | null;
  @Field(() => Int64, { nullable: true, description: 'largestBorrowerOutstanding / outstandingPrincipal.' }) largestBorrowerShareBps!: bigint | null;
  @Field(() => Int64, { nullable: true, description: 'relatedPartyOutstanding / outstandingPrincipal.' }) relatedPartyShareBps!: bigint | null;
  @Field(() => Int64, { nullable: true, description: 'overdueAmount / outstandingPrincipal.' }) overdueRateBps!: bigint | null;
  @Field(() => Int64, { nullable: true, description: 'overdue90PlusAmount / outstandingPrincipal.' }) overdue90PlusRateBps!: bigint | null;
}

const bps = (part: bigint | undefined, whole: bigint | undefined): bigint | null =>
  part !== undefined && whole !== undefined && whole > 0n ? (part * 10_000n) / whole : null;

/** Computes the derived shares from a filing's operating indicators; an imported record may lack some of them. */
export function derivedShares(ops: Partial<Record<string, bigint>>): FilingDerived {
  const entries = Object.entries(SHARE_RATIOS).map(([name, { part, whole }]) => [name, bps(ops[part], ops[whole])]);
  return Object.fromEntries(entries) as FilingDerived;
}
