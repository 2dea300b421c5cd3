import { CelScalar, celEnv } from '@bufbuild/cel';
import { RE2JS } from '@bufbuild/re2';

/** The variables a rule may read, in the order the domain README lists them. */
export const RULE_VARIABLES = ['platform', 'filing', 'prev', 'ctx'] as const;

/** One of the variables a rule may read. */
export type RuleVariable = (typeof RULE_VARIABLES)[number];

const MAX_CACHED_PATTERNS = 256;
const patterns = new Map<string, RE2JS>();

/** RE2 with compiled patterns cached: the library compiles the pattern of `matches()` on every call otherwise. */
const cachedRe2 = {
  compile(pattern: string): RE2JS {
    let compiled = patterns.get(pattern);
    if (compiled === undefined) {
      if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
      compiled = RE2JS.compile(pattern);
      patterns.set(pattern, compiled);
    }
    return compiled;
  },
};

/**
 * The CEL environment of every rule: the standard library plus the four variables, declared `dyn` because the
 * facts are plain maps (field access is checked at run time, never by a schema).
 */
export const ruleEnv = celEnv({
  variables: { platform: CelScalar.DYN, filing: CelScalar.DYN, prev: CelScalar.DYN, ctx: CelScalar.DYN },
  re2: cachedRe2,
});
