import { compileCondition } from '../../../../src/modules/rules/engine';
import { seedRules } from './fixtures';

describe('compileCondition', () => {
  it('compiles all 25 seed rules', () => {
    expect(seedRules()).toHaveLength(25);
  });

  it('refuses a syntax error with its line and column', () => {
    const result = compileCondition('filing.ops.newLoanAmountMinor > 0 &&\n  filing.ops.newLoanCount $ 2');
    expect(result).toEqual({ ok: false, error: { message: 'found $ but expecting end of input', line: 2, column: 27, offset: 63 } });
  });

  it('refuses an unclosed parenthesis at the end of the input', () => {
    const result = compileCondition('(filing.ops.newLoanAmountMinor > 0');
    expect(result).toEqual({ ok: false, error: { message: "found end of input but expecting ')'", line: 1, column: 35, offset: 34 } });
  });

  it.each([
    ['filling.custody.lenderFundsOutsideCustodyMinor > 0', 'filling', 1, 1, 0],
    ['foo', 'foo', 1, 1, 0],
    ['filing.ops.newLoanAmountMinor > 0 ||\n  foo > 1', 'foo', 2, 3, 39],
    ["'保本' == filing.period &&\n  filling.period == ''", 'filling', 2, 3, 27],
    ['filing.products.exists(p, q.promisedYieldBps > 0)', 'q', 1, 27, 26],
  ])('refuses the unknown variable in %j', (expression, name, line, column, offset) => {
    const message = `undeclared reference to '${name}' (declared: platform, filing, prev, ctx)`;
    expect(compileCondition(expression)).toEqual({ ok: false, error: { message, line, column, offset } });
  });

  it('accepts variables bound by comprehensions, and only inside them', () => {
    expect(compileCondition('filing.products.exists(p, p.promisedYieldBps > 0)').ok).toBe(true);
    expect(compileCondition('filing.products.all(p, p.kind != "") && p.kind != ""').ok).toBe(false);
  });

  it('refuses an unknown function or method, placed at the dot of the call', () => {
    expect(compileCondition('filing.products.exist(p, p.promisedYieldBps > 0)')).toEqual({
      ok: false,
      error: { message: "undeclared function 'exist'", line: 1, column: 16, offset: 15 },
    });
  });

  it.each([
    ['filing.ops.newLoanAmountMinor + 1', "the result of '_+_'"],
    ["'registered'", 'a non-bool literal'],
    ['[true]', 'a list literal'],
    ['size(filing.products)', "the result of 'size'"],
  ])('refuses %j, which can never yield a bool', (expression, what) => {
    const result = compileCondition(expression);
    expect(result.ok ? null : result.error.message).toBe(`a rule must yield a bool, but this yields ${what}`);
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
});
