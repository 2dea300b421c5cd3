import { type CelInput, celEnv, CelScalar, celList, celMap, isCelError, parse, plan } from '@bufbuild/cel';
import { Environment } from '@marcbachmann/cel-js';
import type { RuleInput } from '../src/modules/evaluation';

/** A rule compiled by a bare CEL library: facts prepared once the way it wants them, then run. */
export interface BareEngine<Prepared> {
  prepare(input: RuleInput): Prepared;
  compile(expression: string): (prepared: Prepared) => boolean | 'ERROR';
}

/** @marcbachmann/cel-js 8, the registry's engine: variables of dynamic type, facts as plain objects, no guards, no evidence. */
export const celJs: BareEngine<RuleInput> = {
  prepare: (input) => input,
  compile(expression) {
    const env = new Environment().registerVariable('platform', 'dyn').registerVariable('filing', 'dyn').registerVariable('prev', 'dyn').registerVariable('ctx', 'dyn');
    const program = env.parse(expression);
    program.check();
    return (input) => {
      try {
        const result: unknown = program(input);
        return typeof result === 'boolean' ? result : 'ERROR';
      } catch {
        return 'ERROR';
      }
    };
  },
};

const bufbuildEnv = celEnv({ variables: { platform: CelScalar.DYN, filing: CelScalar.DYN, prev: CelScalar.DYN, ctx: CelScalar.DYN } });

/** @bufbuild/cel 0.6, the registry's engine before issue 8: planned programs on facts converted to CEL maps and lists beforehand (its fastest input). */
export const bufbuildCel: BareEngine<Record<'platform' | 'filing' | 'prev' | 'ctx', CelInput>> = {
  prepare: (input) => ({ platform: toCel(input.platform), filing: toCel(input.filing), prev: toCel(input.prev), ctx: toCel(input.ctx) }),
  compile(expression) {
    const program = plan(bufbuildEnv, parse(expression));
    return (bindings) => {
      const result = program(bindings);
      return isCelError(result) || typeof result !== 'boolean' ? 'ERROR' : result;
    };
  },
};

function toCel(value: unknown): CelInput {
  if (Array.isArray(value)) return celList(value.map(toCel));
  if (typeof value === 'object' && value !== null) {
    const entries = new Map<string, CelInput>();
    for (const [key, item] of Object.entries(value)) if (item !== undefined) entries.set(key, toCel(item));
    return celMap(entries);
  }
  return value as CelInput;
}
