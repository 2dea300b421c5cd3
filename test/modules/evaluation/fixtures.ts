import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCondition, factsFromJson, type RuleInput, type RuleToEvaluate } from '../../../src/modules/evaluation';

const root = join(__dirname, '../../..');

/** One rule of the seed rulebook, as stored in seeds/rulebook.json. */
export interface SeedRule {
  id: string;
  cel: string;
}

/** The 25 seed rules, compiled; throws if one does not compile. */
export function seedRules(): RuleToEvaluate[] {
  const book = JSON.parse(readFileSync(join(root, 'seeds/rulebook.json'), 'utf8')) as { rules: SeedRule[] };
  return book.rules.map((rule) => {
    const compiled = compileCondition(rule.cel);
    if (!compiled.ok) throw new Error(`${rule.id}: ${compiled.error.message}`);
    return { ruleVersionId: `${rule.id}@1`, ruleCode: rule.id, expression: rule.cel, program: compiled.program };
  });
}

/** One filing of an example with what the rules read and the rule ids expected to flag it. */
export interface ExampleCase {
  example: string;
  period: string;
  input: RuleInput;
  expectedFlags: string[];
}

let cases: ExampleCase[] | undefined;

/** Every filing of the five labelled examples; `prev` is the example's filing of the preceding month, or null. */
export function exampleCases(): ExampleCase[] {
  cases ??= loadExampleCases();
  return cases;
}

function loadExampleCases(): ExampleCase[] {
  const dir = join(root, 'seeds/examples/records');
  return readdirSync(dir).sort().flatMap((file) => {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string; expected: { byFiling: Record<string, string[]> } };
    const { platform, filings, ctx } = factsFromJson(json);
    return filings.map((filing) => ({
      example: json.id,
      period: filing.period,
      input: { platform, filing, prev: filings.find((f) => f.period === previousPeriod(filing.period)) ?? null, ctx },
      expectedFlags: json.expected.byFiling[filing.period],
    }));
  });
}

/** The input of one example filing, e.g. `exampleInput('S01', '2019-06')`, as a fresh copy safe to change. */
export function exampleInput(example: string, period: string): RuleInput {
  const found = exampleCases().find((c) => c.example === example && c.period === period);
  if (found === undefined) throw new Error(`no example filing ${example} ${period}`);
  return copy(found.input);
}

/**
 * A deep copy made in this realm: structuredClone's objects come from Node's own realm, not Jest's, and
 * the CEL library takes only plain objects of its realm as maps.
 */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)])) as T;
}

function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
