/** Characters of a USCC in value order (GB 32100-2015): digits and capitals without I, O, S, V, Z. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Checks a unified social credit code (统一社会信用代码): 18 characters from the GB 32100-2015 set whose
 * last character is the modulo-31 check character of the first 17. Returns a reason, or null when valid.
 */
export function usccProblem(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return 'must be 18 characters: digits and capital letters except I, O, S, V and Z';
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  return code[17] === expected ? null : `has a wrong check character (expected ${expected} at the end)`;
}

/** The GB 32100-2015 check character for the first 17 characters of a USCC. */
export function usccCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + CHARSET.indexOf(first17[i]) * weight, 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}
