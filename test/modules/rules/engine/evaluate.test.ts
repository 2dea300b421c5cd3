import { compileCondition, evaluateRules, type RuleInput, type RuleToEvaluate } from '../../../../src/modules/rules/engine';
import { exampleInput } from './fixtures';

function rule(expression: string): RuleToEvaluate {
  const compiled = compileCondition(expression);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return { ruleVersionId: 'v1', ruleCode: 'TEST-001', expression, program: compiled.program };
}

const evaluateOne = (expression: string, input: RuleInput = exampleInput('S01', '2019-06')) =>
  evaluateRules([rule(expression)], input, new Date('2019-07-15T00:00:00Z'))[0];

describe('evaluateRules outcomes', () => {
  it('flags when the condition is true and passes when it is false', () => {
    expect(evaluateOne('filing.ops.newLoanAmountMinor > 0')).toMatchObject({ outcome: 'FLAGGED', error: null });
    expect(evaluateOne('filing.ops.newLoanAmountMinor == 0')).toMatchObject({ outcome: 'PASSED', error: null });
  });

  it('returns one finding per rule, in order, carrying the rule ids', () => {
    const findings = evaluateRules(
      [rule('true'), { ...rule('false'), ruleVersionId: 'v2', ruleCode: 'TEST-002' }],
      exampleInput('S01', '2019-06'),
      new Date(),
    );
    expect(findings.map(({ ruleVersionId, ruleCode, outcome }) => [ruleVersionId, ruleCode, outcome])).toEqual([
      ['v1', 'TEST-001', 'FLAGGED'],
      ['v2', 'TEST-002', 'PASSED'],
    ]);
  });

  it('reports a double operand on int amounts as an ERROR with the message and position', () => {
    expect(evaluateOne('filing.ops.newLoanAmountMinor * 0.99 > 1')).toMatchObject({
      outcome: 'ERROR',
      error: "found no matching overload for '_*_' applied to '(int, double)' (line 1, column 31)",
    });
  });

  it('reports int64 overflow as an ERROR', () => {
    expect(evaluateOne('filing.ops.newLoanAmountMinor * 9223372036854775807 > 0')).toMatchObject({
      outcome: 'ERROR',
      error: expect.stringMatching(/^int overflow/),
    });
  });

  it('reports a missing field as an ERROR, not a pass', () => {
    expect(evaluateOne('filing.ops.noSuchIndicatorMinor > 0')).toMatchObject({ outcome: 'ERROR', error: expect.stringMatching(/noSuchIndicatorMinor/) });
  });

  it('reports an integer bound as a JS number (CEL double) as an ERROR', () => {
    const input = exampleInput('S01', '2019-06');
    (input.filing.ops as unknown as Record<string, number>).newLoanAmountMinor = 8_600_000_000;
    expect(evaluateOne('filing.ops.newLoanAmountMinor * 100 > 0', input).outcome).toBe('ERROR');
  });

  it.each(['filing.ops.newLoanAmountMinor', 'filing.period', 'filing.products', "filing.ops.newLoanAmountMinor > 0 ? 'yes' : 'no'"])(
    'reports the non-boolean result of %j as an ERROR',
    (expression) => {
      expect(evaluateOne(expression)).toMatchObject({ outcome: 'ERROR', error: 'rule returned a non-boolean' });
    },
  );

  it('lets && and || absorb an error that the other operand decides', () => {
    const input = exampleInput('S11', '2019-06');
    expect(input.prev).toBeNull();
    expect(evaluateOne('prev != null && prev.ops.outstandingPrincipalMinor > 0', input).outcome).toBe('PASSED');
    expect(evaluateOne('filing.ops.noSuchIndicatorMinor > 0 || true').outcome).toBe('FLAGGED');
    expect(evaluateOne('filing.ops.noSuchIndicatorMinor > 0 || false').outcome).toBe('ERROR');
  });

  it('does not change its input', () => {
    const input = exampleInput('S06', '2019-06');
    const before = structuredClone(input);
    evaluateOne('filing.products.exists(p, p.promisedYieldBps > 0)', input);
    expect(input).toEqual(before);
  });
});
