import { Extensions } from 'type-graphql';

/**
 * Length limits of text inputs, in characters (code points). Every `String` argument or input field
 * may hold at most `name` characters and every `ID` at most `id`, unless the field declares another
 * limit with `@TextLimit` (see README, "Limits").
 */
export const TEXT_LIMITS = {
  /** Ids, codes, labels, document numbers. */
  id: 100,
  /** Idempotency keys (argument and header alike). */
  idempotencyKey: 200,
  /** Names and other short text: the default of every String. */
  name: 300,
  /** URLs and list cursors. */
  url: 2000,
  /** Reasons, notes, rule bases and thresholds. */
  note: 4000,
  /** Rule texts, CEL expressions and verbatim disclosure wording. */
  document: 10000,
} as const;

/** How one text field is checked: its maximum length and whether the empty string means "none". */
export interface TextRule {
  max: number;
  allowEmpty?: boolean;
}

// C0 and C1 control characters except tab (U+0009) and newline (U+000A), and UTF-16 surrogates that
// are not part of a pair (PostgreSQL cannot store NUL, nor a lone surrogate in jsonb).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored at all (NUL or a lone surrogate), or null. */
export function unstorableProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return null;
}

/** Why `value` is not acceptable text under `rule`, or null: control characters, lone surrogates, blank, too long. */
export function textProblem(value: string, rule: TextRule): string | null {
  const unstorable = unstorableProblem(value);
  if (unstorable) return unstorable;
  if (CONTROL.test(value)) return 'must not contain control characters (only newline and tab are allowed)';
  if (value.trim() === '' && !(rule.allowEmpty && value === '')) return 'must not be blank';
  // code units >= code points, so counting is needed only past the limit
  if (value.length > rule.max && [...value].length > rule.max) return `must be at most ${rule.max} characters`;
  return null;
}

/** The rule of a field: what it declared with `@TextLimit`, else the default of its GraphQL type (ID or String). */
export function textRuleOf(extensions: Readonly<Record<string, unknown>> | null | undefined, typeName: string): TextRule {
  const declared = extensions?.text as TextRule | undefined;
  return declared ?? { max: typeName === 'ID' ? TEXT_LIMITS.id : TEXT_LIMITS.name };
}

/**
 * Declares a text field's own limit (and, with `allowEmpty`, that "" means none) in place of the
 * default of its type; the check itself runs on every argument (shared/validation.ts).
 */
export function TextLimit(max: number, options: { allowEmpty?: boolean } = {}): PropertyDecorator {
  return Extensions({ text: { max, ...options } satisfies TextRule });
}
