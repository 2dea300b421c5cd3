import { compileCondition, MAX_ITERATIONS } from '../../../src/modules/evaluation';
import { seedRules } from './fixtures';

const refusal = (expression: string) => {
  const result = compileCondition(expression);
  return result.ok ? null : result.error;
};

const range = (n: number) => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;

describe('compileCondition', () => {
  it('compiles all 25 seed rules, each well within the iteration budget', () => {
    const rules = seedRules();
    expect(rules).toHaveLength(25);
    expect(Math.max(...rules.map((r) => r.program.worstCaseIterations))).toBe(1200);
    expect(MAX_ITERATIONS).toBe(100_000);
  });

  it('refuses a syntax error with its line and column', () => {
    expect(refusal('filing.ops.newLoanAmountMinor > 0 &&\n  filing.ops.newLoanCount $ 2')).toEqual({ message: 'Unexpected character: $', line: 2, column: 27, offset: 63 });
    expect(refusal('(filing.ops.newLoanAmountMinor > 0')).toEqual({ message: 'Expected RPAREN, got EOF', line: 1, column: 35, offset: 34 });
  });

  it.each([
    ['filling.custody.lenderFundsOutsideCustodyMinor > 0', 'filling', 1, 1, 0],
    ['filing.ops.newLoanAmountMinor > 0 ||\n  foo > 1', 'foo', 2, 3, 39],
    ["'保本' == filing.period &&\n  filling.period == ''", 'filling', 2, 3, 27],
    ['filing.products.exists(p, q.promisedYieldBps > 0)', 'q', 1, 27, 26],
    ['filing.products.all(p, p.kind != "") && p.kind != ""', 'p', 1, 41, 40],
  ])('refuses the unknown variable in %j', (expression, name, line, column, offset) => {
    expect(refusal(expression)).toEqual({ message: `Unknown variable: ${name}`, line, column, offset });
  });

  it.each([
    ['filing.ops.nope > 0', 'nope', 11],
    ['filing.custody.lenderFundsOutsideCustody > 0', 'lenderFundsOutsideCustody', 15],
    ['prev != null && prev.ops.newLoanAmountMinr > 0', 'newLoanAmountMinr', 25],
    ['filing.products.exists(p, p.promisedYieldBp > 0)', 'promisedYieldBp', 28],
    ['platform.qualifications.exists(q, q.type == "icp_license" && q.validUntil == null)', 'validUntil', 63],
    ['ctx.dueperiods.size() > 0', 'dueperiods', 4],
  ])('refuses the misspelt field in %j at its position', (expression, field, offset) => {
    expect(refusal(expression)).toEqual({ message: `No such key: ${field}`, line: 1, column: offset + 1, offset });
  });

  it('refuses an unknown function or method, placed at the dot of the call', () => {
    expect(refusal('filing.products.exist(p, p.promisedYieldBps > 0)')).toEqual({ message: "unknown function 'exist'", line: 1, column: 16, offset: 15 });
    expect(refusal('sizeof(filing.products) > 0')).toEqual({ message: "unknown function 'sizeof'", line: 1, column: 1, offset: 0 });
  });

  it.each([
    ['filing.ops.newLoanAmountMinor * 0.5 > 1', 'no such overload: int * double'],
    ['prev.custody.custodyBankName == 1', 'no such overload: string == int'],
    ["filing.ops.newLoanAmountMinor > '0'", 'no such overload: int > string'],
    ['filing.products.exists(p, p.liquidityRiskAcknowledged > 0)', 'no such overload: bool > int'],
  ])('refuses the operand type mismatch in %j', (expression, message) => {
    expect(refusal(expression)?.message).toBe(message);
  });

  it.each([
    ['filing.ops.newLoanAmountMinor + 1', 'int'],
    ["'registered'", 'string'],
    ['[true]', 'list<bool>'],
    ['filing.products', 'list<Product>'],
    ["filing.ops.newLoanAmountMinor > 0 ? 'yes' : 'no'", 'string'],
  ])('refuses %j, which yields a %s, not a bool', (expression, type) => {
    expect(refusal(expression)?.message).toBe(`a rule must yield a bool, but this yields ${type}`);
  });

  it('accepts what the formats need: null checks on prev and nullable text, optional fields asked with in or has()', () => {
    for (const expression of [
      'prev == null',
      'null != prev && prev.ops.newLoanAmountMinor > 0',
      'platform.qualifications.exists(q, q.validTo == null)',
      'platform.registration.registrationNumber != null',
      "!('overdueAmountMinor' in filing.ops)",
      'has(filing.ops.overdueAmountMinor)',
      'ctx.params.marketMedianLenderYieldBps > 0',
    ]) {
      expect([expression, refusal(expression)]).toEqual([expression, null]);
    }
  });

  it('refuses the hostile nested comprehension over literal lists, at its costliest loop', () => {
    const hostile = `${range(201)}.all(a, ${range(201)}.all(b, ${range(201)}.all(c, c >= 0)))`;
    const error = refusal(hostile);
    expect(error?.message).toBe('too costly: up to 8,161,203 comprehension iterations per evaluation, more than the budget of 100,000');
    expect(hostile.slice(error!.offset, error!.offset + 4)).toBe('[0, ');
    expect(error!.offset).toBe(hostile.lastIndexOf('[0, '));
  });

  it('bounds a comprehension over a field by the schema, nested loops multiplied', () => {
    const result = compileCondition('filing.products.exists(p, platform.qualifications.exists(q, q.issuer == p.guaranteeProvider))');
    expect(result.ok && result.program.worstCaseIterations).toBe(200 + 200 * 50);
    expect(refusal('filing.products.exists(p, ctx.duePeriods.exists(d, d == p.name))')?.message).toBe(
      'too costly: up to 240,200 comprehension iterations per evaluation, more than the budget of 100,000',
    );
  });

  it('refuses a matches() pattern that RE2 does not accept (backreferences, lookaround)', () => {
    expect(refusal("filing.products.exists(p, p.guaranteeWording.matches('(a+)+\\\\1'))")).toMatchObject({
      message: 'matches() needs an RE2 pattern: error parsing regexp: invalid escape sequence: `\\1`',
      column: 54,
    });
    expect(refusal("filing.products.exists(p, p.guaranteeWording.matches('(?=保本)'))")?.message).toMatch(/^matches\(\) needs an RE2 pattern: .*\(\?=/);
  });

  it('lists the field paths an expression reads, once each, in source order', () => {
    const result = compileCondition(
      'prev != null && filing.ops.newLoanAmountMinor > prev.ops.newLoanAmountMinor && filing.ops.newLoanAmountMinor > 0 && ' +
        'filing.products.exists(p, p.promisedYieldBps > ctx.params.marketMedianLenderYieldBps) && has(filing.ops.newLoanCount)',
    );
    expect(result.ok && result.program.reads.map((read) => read.path)).toEqual([
      'filing.ops.newLoanAmountMinor',
      'prev.ops.newLoanAmountMinor',
      'filing.products',
      'ctx.params.marketMedianLenderYieldBps',
      'filing.ops.newLoanCount',
    ]);
  });

  it('records a list read by index as the list itself', () => {
    const result = compileCondition('filing.products[0].promisedYieldBps > 0');
    expect(result.ok && result.program.reads.map((read) => read.path)).toEqual(['filing.products']);
  });

  it('lists the variables read other than by member selection, beyond a presence test', () => {
    const wholeReads = (expression: string) => {
      const result = compileCondition(expression);
      if (!result.ok) throw new Error(result.error.message);
      return result.program.wholeReads;
    };
    expect(wholeReads('prev != null && null != prev && prev.ops.newLoanAmountMinor > 0 && filing.products.exists(p, p.kind == "x")')).toEqual([]);
    expect(wholeReads('dyn(prev) != null && filing["ops"].newLoanAmountMinor > 0')).toEqual(['prev', 'filing']);
    expect(wholeReads('cel.bind(o, filing.ops, o.newLoanAmountMinor > 0) && [platform].size() == 1')).toEqual(['platform']);
    // a comprehension variable that shadows a rule variable is not the rule variable
    expect(wholeReads('filing.products.exists(prev, prev.kind == "x")')).toEqual([]);
  });

  it('lists every variable an expression mentions', () => {
    const variables = (expression: string) => {
      const result = compileCondition(expression);
      if (!result.ok) throw new Error(result.error.message);
      return result.program.variables;
    };
    expect(variables('prev == null || filing.ops.newLoanAmountMinor > 0')).toEqual(['prev', 'filing']);
    expect(variables('filing.products.exists(ctx, ctx.kind == "x") && dyn(platform) != null')).toEqual(['filing', 'platform']);
    expect(variables('ctx.asOf != ""')).toEqual(['ctx']);
  });
});
