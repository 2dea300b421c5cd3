import { evaluateRules } from '../../../src/modules/evaluation';
import { exampleCases, seedRules } from './fixtures';

describe('evaluateRules on the labelled examples', () => {
  const rules = seedRules();

  it.each(exampleCases().map((c) => [c.example, c.period, c]))('%s %s flags exactly the expected rules', (_example, _period, c) => {
    const findings = evaluateRules(rules, c.input, new Date('2019-07-15T00:00:00Z'));

    expect(findings.map((f) => f.ruleCode)).toEqual(rules.map((r) => r.ruleCode));
    expect(findings.filter((f) => f.outcome === 'ERROR')).toEqual([]);
    expect(findings.filter((f) => f.outcome === 'FLAGGED').map((f) => f.ruleCode).sort()).toEqual([...c.expectedFlags].sort());
  });

  it('covers every filing of the five examples', () => {
    expect(exampleCases().map((c) => `${c.example} ${c.period}`)).toEqual([
      'S01 2019-04', 'S01 2019-05', 'S01 2019-06',
      'S06 2019-05', 'S06 2019-06',
      'S09 2019-04', 'S09 2019-05', 'S09 2019-06',
      'S11 2019-04', 'S11 2019-06',
      'S15 2019-05', 'S15 2019-06',
    ]);
  });

  it('gives S11 June no previous filing, because May is missing', () => {
    const june = exampleCases().find((c) => c.example === 'S11' && c.period === '2019-06');
    expect(june?.input.prev).toBeNull();
  });
});
