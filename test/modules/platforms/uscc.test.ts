import { usccCheckCharacter, usccProblem } from '../../../src/modules/platforms/uscc';

describe('USCC check (GB 32100-2015)', () => {
  it.each(['9144030071526726XG', '91330100799655058B', '91110108551385082Q', '91350100M000100Y43'])('accepts the real code %s', (code) => {
    expect(usccProblem(code)).toBeNull();
  });

  it('refuses a wrong check character and names the right one', () => {
    expect(usccProblem('9144030071526726XH')).toBe('has a wrong check character (expected G at the end)');
  });

  it('refuses wrong length and letters outside the set (I, O, S, V, Z, lower case)', () => {
    expect(usccProblem('9144030071526726X')).toMatch(/18 characters/);
    for (const bad of ['9144030071526726IG', '9144030071526726OG', '9144030071526726SG', '9144030071526726VG', '9144030071526726ZG', '9144030071526726xg']) {
      expect(usccProblem(bad)).toMatch(/18 characters/);
    }
  });

  it('computes a check character of 0 when the weighted sum is a multiple of 31', () => {
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });
});
