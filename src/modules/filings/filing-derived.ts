import { Field, ObjectType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';

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
  const principal = ops.outstandingPrincipalMinor;
  return {
    top10BorrowerShareBps: bps(ops.top10BorrowerOutstandingMinor, principal),
    largestBorrowerShareBps: bps(ops.largestBorrowerOutstandingMinor, principal),
    relatedPartyShareBps: bps(ops.relatedPartyOutstandingMinor, principal),
    overdueRateBps: bps(ops.overdueAmountMinor, principal),
    overdue90PlusRateBps: bps(ops.overdue90PlusAmountMinor, principal),
  };
}
