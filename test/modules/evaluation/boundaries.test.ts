import { evaluateRules, type QualificationType, type RuleInput } from '../../../src/modules/evaluation';
import { exampleInput, seedRules } from './fixtures';

/** A change to the clean base filing (S01 June, prev = S01 May). */
type Change = (input: RuleInput) => void;

/** One boundary of one rule: the last value that passes and the first that flags (one unit further). */
interface Boundary {
  rule: string;
  boundary: string;
  passes: Change;
  flags: Change;
}

/** A boundary on one field of the base filing. */
function field<T extends object, K extends keyof T>(rule: string, boundary: string, target: (input: RuleInput) => T, key: K, passing: T[K], flagging: T[K]): Boundary {
  return { rule, boundary, passes: (i) => void (target(i)[key] = passing), flags: (i) => void (target(i)[key] = flagging) };
}

const registration = (i: RuleInput) => i.platform.registration;
const platform = (i: RuleInput) => i.platform;
const icp = (i: RuleInput) => qualification(i, 'icp_license');
const agreement = (i: RuleInput) => qualification(i, 'custody_agreement');
const filing = (i: RuleInput) => i.filing;
const ops = (i: RuleInput) => i.filing.ops;
const custody = (i: RuleInput) => i.filing.custody;
const caps = (i: RuleInput) => i.filing.borrowerCaps;
const productA = (i: RuleInput) => i.filing.products[0]; // transfer market, third-party guarantee, 360/360 days
const productB = (i: RuleInput) => i.filing.products[1]; // hold to maturity, no guarantee, 180/180 days
const params = (i: RuleInput) => i.ctx.params;
const END = '2019-06-30T23:59:59+08:00'; // periodEnd of the base filing

const boundaries: Boundary[] = [
  field('QUAL-001', 'registration status', registration, 'status', 'registered', 'pending'),
  field('QUAL-002', 'ICP licence expires exactly at period end', icp, 'validTo', END, '2019-06-30T23:59:58+08:00'),
  field('QUAL-002', 'ICP licence starts exactly at period end', icp, 'validFrom', END, '2019-07-01T00:00:00+08:00'),
  field('QUAL-002', 'ICP licence status', icp, 'status', 'active', 'revoked'),
  field('CUST-001', 'lender funds outside custody', custody, 'lenderFundsOutsideCustodyMinor', 0n, 1n),
  field('CUST-002', 'bank CNY 10,000 above a small ledger', custody, 'bankLenderSubAccountBalanceMinor', 1_201_000_000n, 1_201_000_001n),
  field('CUST-002', 'ledger CNY 10,000 above the bank', custody, 'ledgerLenderCashMinor', 1_201_000_000n, 1_201_000_001n),
  {
    rule: 'CUST-002',
    boundary: '1 bp of a CNY 200m ledger',
    passes: (i) => setCustody(i, 20_002_000_000n, 20_000_000_000n),
    flags: (i) => setCustody(i, 20_002_000_001n, 20_000_000_000n),
  },
  field('CUST-002', 'days without reconciliation', custody, 'reconciliationDaysMissed', 0n, 1n),
  field('CUST-003', 'agreement expires exactly at period end', agreement, 'validTo', END, '2019-06-30T23:59:58+08:00'),
  field('CUST-003', 'agreement issued by the reported bank', custody, 'custodyBankName', '江南商业银行股份有限公司', '滨海银行股份有限公司'),
  field('POOL-001', 'unmatched funds at 10% of new loans', custody, 'unmatchedCommittedFundsMinor', 860_000_000n, 860_000_001n),
  field('POOL-002', 'subscriptions at 105% of loans and transfers', ops, 'lenderSubscriptionsMinor', 9_555_000_000n, 9_555_000_001n),
  field('GUAR-001', 'platform-funded compensation', ops, 'platformFundedCompensationMinor', 0n, 1n),
  field('GUAR-001', 'third-party vs platform guarantee', productA, 'guaranteeType', 'third_party_guarantee', 'platform_guarantee'),
  field('GUAR-001', 'credit insurance vs risk reserve fund', productB, 'guaranteeType', 'credit_insurance', 'risk_reserve_fund'),
  field('GUAR-001', 'no guarantee vs platform buy-back', productB, 'guaranteeType', 'none', 'platform_buyback'),
  field('GUAR-002', 'neutral vs promise wording', productB, 'guaranteeWording', '由第三方担保公司提供保证', '本息保障，放心出借'),
  {
    rule: 'GUAR-002',
    boundary: 'the same words in the risk warning (not screened) vs the guarantee wording',
    passes: (i) => void (productB(i).riskWarningText = '出借有风险，不保本不保息'),
    flags: (i) => void (productB(i).guaranteeWording = '出借有风险，不保本不保息'),
  },
  field('YIELD-001', 'promised yield at 150% of the 950 bps median', productA, 'promisedYieldBps', 1425n, 1426n),
  field('YIELD-001', 'median low enough to make 1000 bps excessive', params, 'marketMedianLenderYieldBps', 667n, 666n),
  field('YIELD-002', 'lender yield reaching the borrower APR', ops, 'weightedAvgLenderYieldBps', 1799n, 1800n),
  { rule: 'YIELD-002', boundary: 'no new loans', passes: (i) => setNegativeSpread(i, 0n), flags: (i) => setNegativeSpread(i, 1n) },
  field('TERM-001', 'lender term vs underlying loan term', productB, 'underlyingLoanTermDaysMax', 180n, 181n),
  {
    rule: 'TERM-001',
    boundary: 'shorter term via transfer market, liquidity risk acknowledged or not',
    passes: (i) => setShortTransferProduct(i, true),
    flags: (i) => setShortTransferProduct(i, false),
  },
  field('TERM-001', 'hold to maturity vs demand redemption', productB, 'exitMechanism', 'hold_to_maturity', 'demand_redemption'),
  field('TERM-001', 'auto transfer at term vs platform buy-back', productB, 'exitMechanism', 'auto_transfer_at_term', 'platform_buyback'),
  field('TERM-002', 'lender term at 60% of loan term', ops, 'weightedAvgLenderTermDays', 180n, 179n),
  field('PROD-001', 'fundraising period of 20 working days', productA, 'fundraisingPeriodWorkingDays', 20n, 21n),
  field('CAP-001', 'natural person at CNY 200,000', caps, 'naturalPersonMaxOutstandingMinor', 20_000_000n, 20_000_001n),
  field('CAP-002', 'legal person at CNY 1,000,000', caps, 'legalPersonMaxOutstandingMinor', 100_000_000n, 100_000_001n),
  field('CAP-003', 'natural person across platforms at CNY 1m', caps, 'crossPlatformNaturalPersonMaxOutstandingMinor', 100_000_000n, 100_000_001n),
  field('CAP-003', 'legal person across platforms at CNY 5m', caps, 'crossPlatformLegalPersonMaxOutstandingMinor', 500_000_000n, 500_000_001n),
  field('CONC-001', 'top-10 borrowers at 20% of the book', ops, 'top10BorrowerOutstandingMinor', 6_500_000_000n, 6_500_000_001n),
  field('CONC-001', 'largest borrower at 5% of the book', ops, 'largestBorrowerOutstandingMinor', 1_625_000_000n, 1_625_000_001n),
  {
    rule: 'CONC-001',
    boundary: 'book of CNY 50m, top-10 at 30%',
    passes: (i) => setConcentratedBook(i, 4_999_999_999n),
    flags: (i) => setConcentratedBook(i, 5_000_000_000n),
  },
  field('REL-001', 'related-party balance', ops, 'relatedPartyOutstandingMinor', 0n, 1n),
  field('REL-001', 'related-party loan count', ops, 'relatedPartyLoanCount', 0n, 1n),
  {
    rule: 'OVD-001',
    boundary: 'delinquency at 3% of the book, mostly compensated',
    passes: (i) => setDelinquency(i, 300_000_000n, 674_999_999n),
    flags: (i) => setDelinquency(i, 300_000_000n, 675_000_000n),
  },
  {
    rule: 'OVD-001',
    boundary: 'one third of delinquency visible as overdue',
    passes: (i) => setDelinquency(i, 400_000_000n, 800_000_000n),
    flags: (i) => setDelinquency(i, 400_000_000n, 800_000_001n),
  },
  // Double division: the exact boundary (868,750,000) is avoided; one fen either side is far above double precision.
  field('OVD-002', '90+ ratio up 2 points from 0.673%', ops, 'overdue90PlusAmountMinor', 868_749_999n, 868_750_001n),
  { rule: 'OVD-002', boundary: 'previous filing missing', passes: (i) => setOverdueJump(i, false), flags: (i) => setOverdueJump(i, true) },
  field('GROW-001', 'book growth of 30%', ops, 'outstandingPrincipalMinor', 40_560_000_000n, 40_560_000_001n),
  { rule: 'GROW-001', boundary: 'previous book of CNY 10m, doubled', passes: (i) => setDoubling(i, 999_999_999n), flags: (i) => setDoubling(i, 1_000_000_000n) },
  field('FILE-001', 'every due period submitted', platform, 'submittedPeriods', ['2019-04', '2019-05', '2019-06'], ['2019-04', '2019-06']),
  field('FILE-002', 'submitted at the due instant (other offset)', filing, 'submittedAt', '2019-07-05T15:59:59Z', '2019-07-06T00:00:00+08:00'),
  field('DATA-001', 'disclosure indicator present', ops, 'outstandingInterestMinor', 0n, undefined),
  field('DATA-001', '90+ overdue within overdue', ops, 'overdue90PlusAmountMinor', 480_000_000n, 480_000_001n),
  field('DATA-001', 'top-10 at most 10 x largest', ops, 'top10BorrowerOutstandingMinor', 900_000_000n, 900_000_001n),
  field('DATA-001', 'cumulative loans roll forward by new loans', ops, 'cumulativeLoanAmountMinor', 267_000_000_000n, 267_000_000_001n),
  field('DATA-001', 'cross-platform maximum not below on-platform', caps, 'crossPlatformLegalPersonMaxOutstandingMinor', 90_000_000n, 89_999_999n),
];

describe('seed rule boundaries (base: S01 June, prev S01 May)', () => {
  const rules = new Map(seedRules().map((rule) => [rule.ruleCode, rule]));
  const outcomeOf = (code: string, change: Change) => {
    const input = exampleInput('S01', '2019-06');
    change(input);
    const [finding] = evaluateRules([rules.get(code)!], input, new Date());
    return finding.error ?? finding.outcome;
  };

  it('has a boundary for each of the 25 seed rules', () => {
    expect(new Set(boundaries.map((b) => b.rule))).toEqual(new Set(rules.keys()));
  });

  it.each(boundaries.map((b) => [b.rule, b.boundary, b]))('%s %s: passes at the last value, flags one unit beyond', (rule, _boundary, b) => {
    expect([outcomeOf(rule, b.passes), outcomeOf(rule, b.flags)]).toEqual(['PASSED', 'FLAGGED']);
  });
});

function qualification(input: RuleInput, type: QualificationType) {
  const found = input.platform.qualifications.find((q) => q.type === type);
  if (found === undefined) throw new Error(`base platform has no ${type}`);
  return found;
}

function setCustody(input: RuleInput, bank: bigint, ledger: bigint): void {
  input.filing.custody.bankLenderSubAccountBalanceMinor = bank;
  input.filing.custody.ledgerLenderCashMinor = ledger;
}

function setNegativeSpread(input: RuleInput, newLoans: bigint): void {
  input.filing.ops.newLoanAmountMinor = newLoans;
  input.filing.ops.weightedAvgLenderYieldBps = 2000n;
}

function setShortTransferProduct(input: RuleInput, acknowledged: boolean): void {
  const product = productA(input);
  product.underlyingLoanTermDaysMax = 720n;
  product.exitMechanism = 'transfer_market';
  product.liquidityRiskAcknowledged = acknowledged;
}

function setConcentratedBook(input: RuleInput, book: bigint): void {
  input.filing.ops.outstandingPrincipalMinor = book;
  input.filing.ops.top10BorrowerOutstandingMinor = 1_500_000_000n;
  input.filing.ops.largestBorrowerOutstandingMinor = 150_000_000n;
}

function setDelinquency(input: RuleInput, overdue: bigint, compensatedUnrecovered: bigint): void {
  input.filing.ops.overdueAmountMinor = overdue;
  input.filing.ops.compensatedUnrecoveredMinor = compensatedUnrecovered;
}

/** A 90+ ratio far above the previous month's, with or without the previous filing. */
function setOverdueJump(input: RuleInput, withPrev: boolean): void {
  if (!withPrev) input.prev = null;
  input.filing.ops.overdue90PlusAmountMinor = 10_000_000_000n;
}

function setDoubling(input: RuleInput, previousBook: bigint): void {
  input.prev!.ops.outstandingPrincipalMinor = previousBook;
  input.filing.ops.outstandingPrincipalMinor = previousBook * 2n;
}
