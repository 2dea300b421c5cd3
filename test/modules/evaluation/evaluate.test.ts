import { compileCondition, evaluateRules, type RuleInput, type RuleToEvaluate } from '../../../src/modules/evaluation';
import { exampleInput } from './fixtures';

function rule(expression: string, maxIterations?: number): RuleToEvaluate {
  const compiled = compileCondition(expression, { maxIterations });
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

  it('reports int64 overflow as an ERROR with its position', () => {
    expect(evaluateOne('filing.ops.newLoanAmountMinor * 9223372036854775807 > 0')).toMatchObject({
      outcome: 'ERROR',
      error: 'integer overflow: 79320999516951071940200000000 (line 1, column 1)',
    });
  });

  it('reports an optional indicator the filing lacks as an ERROR, not a pass', () => {
    const input = exampleInput('S01', '2019-06');
    delete (input.filing.ops as { overdueAmountMinor?: bigint }).overdueAmountMinor;
    expect(evaluateOne('filing.ops.overdueAmountMinor > 0', input)).toMatchObject({ outcome: 'ERROR', error: 'No such key: overdueAmountMinor (line 1, column 12)' });
    expect(evaluateOne("has(filing.ops.overdueAmountMinor) && filing.ops.overdueAmountMinor > 0", input).outcome).toBe('PASSED');
  });

  it('reports an integer bound as a JS number (CEL double) as an ERROR', () => {
    const input = exampleInput('S01', '2019-06');
    (input.filing.ops as unknown as Record<string, number>).newLoanAmountMinor = 8_600_000_000;
    expect(evaluateOne('filing.ops.newLoanAmountMinor * 100 > 0', input).outcome).toBe('ERROR');
  });

  it('stops a comprehension that runs over the iteration budget, as an ERROR with its position', () => {
    // the schema holds a filing to 200 products, so this rule's worst case (200) fits a budget of 250;
    // facts beyond the declared bounds still cannot make it run longer than the budget
    const input = exampleInput('S15', '2019-05');
    const product = input.filing.products[0];
    input.filing.products = Array.from({ length: 300 }, () => ({ ...product }));
    const expression = "filing.ops.newLoanAmountMinor >= 0 && filing.products.all(p, p.name != '')";
    expect(evaluateRules([rule(expression, 300)], input, new Date())[0].outcome).toBe('FLAGGED');
    expect(evaluateRules([rule(expression, 250)], input, new Date())[0]).toMatchObject({
      outcome: 'ERROR',
      error: 'execution budget exceeded: more than 250 comprehension iterations (line 1, column 39)',
    });
  });

  it('lets && and || absorb an error that the other operand decides', () => {
    const input = exampleInput('S11', '2019-06');
    expect(input.prev).toBeNull();
    expect(evaluateOne('prev != null && prev.ops.outstandingPrincipalMinor > 0', input).outcome).toBe('PASSED');
    const lacking = exampleInput('S01', '2019-06');
    delete (lacking.filing.ops as { overdueAmountMinor?: bigint }).overdueAmountMinor;
    expect(evaluateOne('filing.ops.overdueAmountMinor > 0 || true', lacking).outcome).toBe('FLAGGED');
    expect(evaluateOne('filing.ops.overdueAmountMinor > 0 || false', lacking).outcome).toBe('ERROR');
  });

  it('does not change its input', () => {
    const input = exampleInput('S06', '2019-06');
    const before = exampleInput('S06', '2019-06');
    evaluateOne('filing.products.exists(p, p.promisedYieldBps > 0)', input);
    expect(input).toEqual(before);
  });
});

describe('matches()', () => {
  it('runs in RE2, in linear time, where a backtracking engine would not finish', () => {
    const input = exampleInput('S15', '2019-05');
    input.filing.products[0].guaranteeWording = `${'a'.repeat(5000)}!`;
    const started = process.hrtime.bigint();
    expect(evaluateOne("filing.products.exists(p, p.guaranteeWording.matches('^(a+)+$'))", input).outcome).toBe('PASSED');
    expect(evaluateOne("filing.products.exists(p, p.guaranteeWording.matches('^(a+)+!$'))", input).outcome).toBe('FLAGGED');
    // JavaScript's RegExp takes about 2^n steps on the first pattern; at n = 5000 it never returns
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000);
  });

  it('reports a pattern that is not RE2, met at run time, as an ERROR', () => {
    const input = exampleInput('S15', '2019-05');
    input.filing.products = [{ ...input.filing.products[0], riskWarningText: '(?=x)' }];
    expect(evaluateOne('filing.products.exists(p, p.name.matches(p.riskWarningText))', input)).toMatchObject({
      outcome: 'ERROR',
      error: 'invalid RE2 pattern: (?=x) (line 1, column 27)',
    });
  });
});

describe('findings', () => {
  it('read their evidence when asked, and carry it when serialised', () => {
    const finding = evaluateOne('filing.custody.lenderFundsOutsideCustodyMinor >= 0');
    const evidence = { expression: 'filing.custody.lenderFundsOutsideCustodyMinor >= 0', values: { 'filing.custody.lenderFundsOutsideCustodyMinor': '0' }, evaluatedAt: '2019-07-15T00:00:00.000Z' };
    expect(finding.evidence).toEqual(evidence);
    expect(JSON.parse(JSON.stringify(finding))).toEqual({ ruleVersionId: 'v1', ruleCode: 'TEST-001', outcome: 'FLAGGED', error: null, evidence });
  });
});
