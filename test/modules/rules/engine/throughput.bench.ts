/**
 * Filings per second on one core: evaluateRules with all 25 seed rules (bindings, findings, evidence) versus the
 * bare library calling the same planned programs without evidence, over the 12 example filings. The variants
 * run interleaved in rounds and each keeps its best round, so a busy machine skews them alike. Run:
 * `node -r ts-node/register test/modules/rules/engine/throughput.bench.ts`
 */
import { evaluateRules } from '../../../../src/modules/rules/engine';
import { celBindings } from '../../../../src/modules/rules/engine/bindings';
import { exampleCases, seedRules } from './fixtures';

const rules = seedRules();
const programs = rules.map((rule) => rule.program.run);
const inputs = exampleCases().map((c) => c.input);
const converted = inputs.map(celBindings);
/** The same facts as given: the library also accepts plain objects, converting them on each field access. */
const plain = inputs as unknown as typeof converted;
const now = new Date();

const variants: Record<string, (index: number) => void> = {
  'bare library, plain facts, no evidence': (i) => programs.forEach((run) => run(plain[i])),
  'bare library, facts converted beforehand, no evidence': (i) => programs.forEach((run) => run(converted[i])),
  'evaluateRules (conversion, findings, evidence)': (i) => evaluateRules(rules, inputs[i], now),
};

/** Filings per second of one variant over `ms` milliseconds. */
function rate(evaluateOne: (index: number) => void, ms: number): number {
  let filings = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < inputs.length; i++) evaluateOne(i);
    filings += inputs.length;
  }
  return filings / ((performance.now() - start) / 1000);
}

const best = new Map<string, number>();
for (let round = 0; round < 6; round++) {
  for (const [label, evaluateOne] of Object.entries(variants)) {
    best.set(label, Math.max(best.get(label) ?? 0, rate(evaluateOne, round === 0 ? 200 : 500)));
  }
}
for (const [label, perSecond] of best) console.log(`${label.padEnd(56)} ${Math.round(perSecond).toString().padStart(6)} filings/s`);
const [bare, preConverted, ours] = [...best.values()];
console.log(`evaluateRules = ${(ours / bare).toFixed(2)}x bare on plain facts, ${(ours / preConverted).toFixed(2)}x bare on converted facts (target >= 0.5x)`);
