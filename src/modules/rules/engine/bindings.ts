import { type CelInput, celList, celMap } from '@bufbuild/cel';
import type { RuleVariable } from './cel-env';
import type { RuleInput } from './facts';

/**
 * Converts the facts to CEL maps and lists once per evaluation, so the rules share them: given plain objects,
 * the library copies an object into a new map on every field access.
 */
export function celBindings(input: RuleInput): Record<RuleVariable, CelInput> {
  return { platform: toCel(input.platform), filing: toCel(input.filing), prev: toCel(input.prev), ctx: toCel(input.ctx) };
}

function toCel(value: unknown): CelInput {
  if (Array.isArray(value)) return celList(value.map(toCel));
  if (typeof value === 'object' && value !== null) {
    const entries = new Map<string, CelInput>();
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) entries.set(key, toCel(item));
    }
    return celMap(entries);
  }
  return value as CelInput;
}
