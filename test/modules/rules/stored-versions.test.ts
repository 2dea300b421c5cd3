import { evaluateRules } from '../../../src/modules/evaluation';
import { programOf } from '../../../src/modules/rules/rules-in-force';
import { exampleInput } from '../evaluation/fixtures';

describe('a published version that today’s rule checks refuse', () => {
  it('gives an evaluation error with the reason on each filing, never a crash', () => {
    const expression = 'filing.ops.newLoanAmountMinor * 0.5 > 1';
    const program = programOf({ id: 'rlv_published_before_checks', expression });
    const [finding] = evaluateRules([{ ruleVersionId: 'rlv_published_before_checks', ruleCode: 'OLD-001', expression, program }], exampleInput('S01', '2019-06'), new Date());
    expect(finding).toMatchObject({
      outcome: 'ERROR',
      error: 'this published version no longer passes the rule checks: no such overload: int * double (line 1, column 1)',
    });
  });
});
