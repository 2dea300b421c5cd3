import { FieldProblem } from '../../errors';

/** Deepest nesting of objects and arrays a record file may have; the format itself needs 5 levels. */
export const MAX_IMPORT_DEPTH = 16;

/**
 * The first object or array nested more than `maxDepth` levels below `value`, as a problem at its path
 * under `root`; null when there is none. It walks with its own stack, never recursing: hostile nesting
 * must be refused before anything that recurses (the schema validator, JSON.stringify) meets it.
 */
export function nestingProblem(value: unknown, root: string, maxDepth = MAX_IMPORT_DEPTH): FieldProblem | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth > maxDepth) return { path: item.path, message: `nests deeper than ${maxDepth} levels` };
    for (const [key, child] of Object.entries(item.value)) pending.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
  }
  return null;
}
