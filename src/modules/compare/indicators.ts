import { registerEnumType } from 'type-graphql';
import importFormat from '../../../schema/import-record.schema.json';
import { SHARE_RATIOS } from '../filings/filing-derived';

/** The unit of a figure. */
export enum FigureUnit {
  FEN = 'FEN',
  COUNT = 'COUNT',
  BPS = 'BPS',
  DAYS = 'DAYS',
}
registerEnumType(FigureUnit, {
  name: 'FigureUnit',
  description: 'Unit of a figure.',
  valuesConfig: {
    FEN: { description: 'Fen (1/100 yuan), an amount of money.' },
    COUNT: { description: 'A number of loans, persons or days.' },
    BPS: { description: 'Basis points (1/10,000): a share, rate or growth.' },
    DAYS: { description: 'A term in days.' },
  },
});

/** Where an indicator's value comes from. */
type Source =
  | { kind: 'raw'; section: 'ops' | 'custody'; field: string }
  | { kind: 'share'; part: string; whole: string }
  | { kind: 'difference'; minuend: string; subtrahend: string }
  | { kind: 'growth'; of: string };

/** One indicator of the figures read model: its GraphQL name, column, unit, meaning and formula. */
export interface IndicatorDefinition {
  /** GraphQL enum value, e.g. OVERDUE_RATE_BPS. */
  name: string;
  /** Column of `filing_figure`. */
  column: string;
  unit: FigureUnit;
  description: string;
  formula: string;
  source: Source;
}

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const unitOf = (field: string) =>
  field.endsWith('Minor') ? FigureUnit.FEN : field.endsWith('Bps') ? FigureUnit.BPS : field.endsWith('Days') ? FigureUnit.DAYS : FigureUnit.COUNT;
const described = (section: 'ops' | 'custody', field: string): string =>
  (importFormat.$defs[section].properties as Record<string, { description?: string }>)[field].description ?? field;

const RAW_FIELDS: ['ops' | 'custody', string][] = [
  ...Object.keys(importFormat.$defs.ops.properties).map((field) => ['ops', field] as ['ops', string]),
  ...['bankLenderSubAccountBalanceMinor', 'ledgerLenderCashMinor', 'lenderFundsOutsideCustodyMinor', 'unmatchedCommittedFundsMinor', 'reconciliationDaysMissed'].map(
    (field) => ['custody', field] as ['custody', string],
  ),
];

const raw = (section: 'ops' | 'custody', field: string): [string, Omit<IndicatorDefinition, 'name' | 'column'>] => [
  field,
  { unit: unitOf(field), description: described(section, field), formula: `filing.${section}.${field} as filed`, source: { kind: 'raw', section, field } },
];

const share = (key: string, part: string, whole: string, meaning: string): [string, Omit<IndicatorDefinition, 'name' | 'column'>] => [
  key,
  {
    unit: FigureUnit.BPS,
    description: meaning,
    formula: `${part} × 10,000 / ${whole}, rounded down; null when ${whole} is 0 or either is not disclosed`,
    source: { kind: 'share', part, whole },
  },
];

const growth = (key: string, of: string): [string, Omit<IndicatorDefinition, 'name' | 'column'>] => [
  key,
  {
    unit: FigureUnit.BPS,
    description: `Month-on-month growth of ${of} (negative when it shrank).`,
    formula: `(${of} − ${of} of the previous month) × 10,000 / ${of} of the previous month, rounded down; null without a previous month's figure or when it is 0`,
    source: { kind: 'growth', of },
  },
];

const SHARE_MEANINGS: Record<keyof typeof SHARE_RATIOS, string> = {
  top10BorrowerShareBps: 'Share of the lending balance owed by the ten largest borrowers (前十大借款人待还金额占比); CONC rules.',
  largestBorrowerShareBps: 'Share of the lending balance owed by the largest single borrower (最大单一借款人待还金额占比).',
  relatedPartyShareBps: 'Share of the lending balance lent to related parties (关联关系借款余额占比).',
  overdueRateBps: 'Overdue rate: overdue amounts against the lending balance (逾期金额占比); OVD rules.',
  overdue90PlusRateBps: 'Share of the lending balance overdue more than 90 days.',
};

/**
 * Every indicator the figures read model holds, each defined here once with its unit and formula: the raw
 * amounts, counts, rates and terms of `filing.ops` and `filing.custody`, then shares, a spread and growth
 * derived from them. The database computes them with the SQL generated from these definitions
 * (figure-sql.ts); the shares are those of `filing.derived` (SHARE_RATIOS).
 */
export const INDICATORS: IndicatorDefinition[] = (
  [
    ...RAW_FIELDS.map(([section, field]) => raw(section, field)),
    ...Object.entries(SHARE_RATIOS).map(([key, { part, whole }]) => share(key, part, whole, SHARE_MEANINGS[key as keyof typeof SHARE_RATIOS])),
    share('unmatchedFundsShareBps', 'unmatchedCommittedFundsMinor', 'newLoanAmountMinor', 'Committed lender money not matched to a loan against new loans in the month: the fund-pool measure of POOL-001.'),
    [
      'lenderSpreadBps',
      {
        unit: FigureUnit.BPS,
        description: 'What borrowers pay beyond what lenders earn: the all-in borrower APR minus the lender yield, on loans originated in the month.',
        formula: 'weightedAvgBorrowerAprBps − weightedAvgLenderYieldBps',
        source: { kind: 'difference', minuend: 'weightedAvgBorrowerAprBps', subtrahend: 'weightedAvgLenderYieldBps' },
      },
    ],
    growth('outstandingPrincipalGrowthBps', 'outstandingPrincipalMinor'),
    growth('newLoanAmountGrowthBps', 'newLoanAmountMinor'),
    growth('currentLenderCountGrowthBps', 'currentLenderCount'),
  ] as [string, Omit<IndicatorDefinition, 'name' | 'column'>][]
).map(([key, definition]) => ({ name: snake(key), column: snake(key).toLowerCase(), ...definition }));

/** The indicators by GraphQL name. */
export const INDICATOR_BY_NAME = new Map(INDICATORS.map((i) => [i.name, i]));

/** The indicator of a camelCase key (a filing field or a derived figure's name). */
export function indicatorOf(key: string): IndicatorDefinition {
  const definition = INDICATOR_BY_NAME.get(snake(key));
  if (!definition) throw new Error(`no indicator ${key}`);
  return definition;
}

/** The indicator whose figures a comparison reads (a GraphQL enum value). */
export type Indicator = string;

/** The GraphQL enum of indicators, each value described with its unit and formula. */
export const IndicatorEnum: Record<string, string> = Object.fromEntries(INDICATORS.map((i) => [i.name, i.name]));
registerEnumType(IndicatorEnum, {
  name: 'Indicator',
  description: 'A figure of a monthly filing, raw or derived by the registry (see the README, "Compare").',
  valuesConfig: Object.fromEntries(INDICATORS.map((i) => [i.name, { description: `${i.description} Unit: ${i.unit}. Formula: ${i.formula}.` }])),
});
