import { MikroORM } from '@mikro-orm/postgresql';
import { periodBounds } from '../src/modules/calendar/working-days';
import { loadBatchContext, readFilings, ruleInputs } from '../src/modules/evaluation';
import { evaluateRules, RuleInput } from '../src/modules/evaluation';
import { toEvaluate, versionsInForce } from '../src/modules/rules/rules-in-force';
import { bufbuildCel, celJs } from './bare-engines';
import { RulebookWorld } from './seed-filings';
import { median, printTable, verdict } from './table';

/** Lowest acceptable registry / bare engine throughput ratio. */
export const EVALUATION_GOAL = 0.5;

const VARIANTS = ['registry', 'bare', 'bare @bufbuild/cel'] as const;
type Variant = (typeof VARIANTS)[number];

const DESCRIPTIONS: Record<Variant, string> = {
  registry: 'registry: facts from stored rows (filing-facts.ts), evaluateRules with evidence',
  bare: 'bare @marcbachmann/cel-js (the engine): same rules, facts ready, no guards or evidence',
  'bare @bufbuild/cel': 'bare @bufbuild/cel (the other candidate): same rules, facts ready as CEL values',
};

/** Filings per second of each variant in each round, and what was measured. */
export interface EvaluationResult {
  filings: number;
  rules: number;
  rounds: Record<Variant, number[]>;
  ratio: number;
}

/**
 * Filings evaluated per second against the seed rules in force, on one core, in this process: the registry's
 * evaluation path (the facts built from the stored filings, platforms and qualifications as re-evaluation
 * builds them, then evaluateRules with its guards, findings and evidence) against its CEL engine, bare,
 * running the same rules on the same filings with nothing else to do: facts built beforehand, no budget,
 * no evidence. The other candidate engine, @bufbuild/cel, runs the same rules on the same facts converted
 * beforehand to its CEL values (its fastest input), to compare the two engines in the same run.
 * Variants run interleaved, `msPerRound` each per round; the ratio is registry / bare engine.
 */
export async function measureEvaluation(orm: MikroORM, world: RulebookWorld, count: number, rounds: number, msPerRound: number): Promise<EvaluationResult> {
  const em = orm.em.fork();
  const filings = await readFilings(
    em,
    `from filing f join platform p on p.id = f.platform_id where p.association_id = ? and not exists (select 1 from filing s where s.supersedes_id = f.id)
      order by f.platform_id, f.period, f.amendment limit ?`,
    [world.associationId, count],
  );
  const context = await loadBatchContext(em, filings);
  const lastEnd = periodBounds(world.periods[world.periods.length - 1]).end;
  const rules = toEvaluate(await versionsInForce(em, world.associationId, lastEnd));
  const facts = [...ruleInputs(context, filings).values()];
  const bare = rules.map((rule) => celJs.compile(rule.expression));
  const other = rules.map((rule) => bufbuildCel.compile(rule.expression));
  const converted = facts.map(bufbuildCel.prepare);
  const now = new Date();
  checkSameOutcomes(rules, facts, now);

  const variants: Record<Variant, () => void> = {
    registry: () => {
      const inputs = ruleInputs(context, filings);
      for (const filing of filings) evaluateRules(rules, inputs.get(filing.id)!, now);
    },
    bare: () => {
      for (const input of facts) for (const run of bare) run(input);
    },
    'bare @bufbuild/cel': () => {
      for (const bindings of converted) for (const run of other) run(bindings);
    },
  };
  const results = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  for (const variant of VARIANTS) rate(variants[variant], filings.length, Math.min(300, msPerRound));
  for (let round = 1; round <= rounds; round++) {
    for (const variant of VARIANTS) results[variant].push(rate(variants[variant], filings.length, msPerRound));
    console.log(`  round ${round} ${VARIANTS.map((v) => `${v} ${results[v][round - 1].toFixed(0)}`).join(', ')} filings/s`);
  }
  return { filings: filings.length, rules: rules.length, rounds: results, ratio: median(results.registry) / median(results.bare) };
}

/** Filings per second of one pass over all filings, repeated for `ms` milliseconds. */
function rate(pass: () => void, filings: number, ms: number): number {
  let done = 0;
  const start = performance.now();
  do {
    pass();
    done += filings;
  } while (performance.now() - start < ms);
  return done / ((performance.now() - start) / 1000);
}

/** The three must say the same about every filing, or the comparison means nothing. */
function checkSameOutcomes(rules: ReturnType<typeof toEvaluate>, facts: RuleInput[], now: Date): void {
  const outcome = (result: boolean | 'ERROR') => (result === 'ERROR' ? result : result ? 'FLAGGED' : 'PASSED');
  const engines = [
    { name: 'bare', run: rules.map((rule) => celJs.compile(rule.expression)), prepare: celJs.prepare },
    { name: '@bufbuild/cel', run: rules.map((rule) => bufbuildCel.compile(rule.expression)), prepare: bufbuildCel.prepare },
  ] as const;
  let flagged = 0;
  for (const input of facts) {
    const findings = evaluateRules(rules, input, now);
    for (const engine of engines) {
      const prepared = engine.prepare(input) as never;
      rules.forEach((rule, i) => {
        const theirs = outcome(engine.run[i](prepared));
        if (theirs !== findings[i].outcome) throw new Error(`${rule.ruleCode} on ${input.filing.filingId}: registry ${findings[i].outcome}, ${engine.name} ${theirs}`);
      });
    }
    flagged += findings.filter((f) => f.outcome === 'FLAGGED').length;
  }
  console.log(`  the registry and both bare engines agree on ${facts.length * rules.length} findings (${flagged} flagged)`);
}

export function printEvaluation(result: EvaluationResult, roundMs: number): void {
  const rows = [['path', 'filings/s', 'ratio', 'target', '', 'filings/s per round']];
  const bare = median(result.rounds.bare);
  for (const variant of VARIANTS) {
    const perSecond = median(result.rounds[variant]);
    const isRegistry = variant === 'registry';
    rows.push([
      DESCRIPTIONS[variant],
      perSecond.toFixed(0),
      `${(perSecond / bare).toFixed(2)}x`,
      isRegistry ? `>= ${EVALUATION_GOAL.toFixed(2)}x` : '',
      isRegistry ? verdict(result.ratio >= EVALUATION_GOAL) : '',
      result.rounds[variant].map((r) => r.toFixed(0)).join(' / '),
    ]);
  }
  printTable(
    `Evaluation: ${result.rules} seed rules on ${result.filings} stored filings, medians of ${result.rounds.registry.length} interleaved rounds of ${roundMs} ms (one core):`,
    rows,
    new Set([1, 2]),
  );
}
