import { evaluateRules, type Finding } from '../../../src/modules/evaluation';
import { exampleInput, seedRules } from './fixtures';

const rules = seedRules();
const at = new Date('2019-07-15T08:00:00.000Z');

function finding(code: string, example: string, period: string): Finding {
  return evaluateRules(rules.filter((r) => r.ruleCode === code), exampleInput(example, period), at)[0];
}

describe('evidence', () => {
  it('records the field CUST-001 read on S06 June, as a decimal string', () => {
    const cust = finding('CUST-001', 'S06', '2019-06');
    expect(cust.outcome).toBe('FLAGGED');
    expect(cust.evidence).toEqual({
      expression: 'filing.custody.lenderFundsOutsideCustodyMinor > 0',
      values: { 'filing.custody.lenderFundsOutsideCustodyMinor': '2500000000' },
      evaluatedAt: '2019-07-15T08:00:00.000Z',
    });
  });

  it('records both the filing and the previous filing for a rule using prev', () => {
    expect(finding('GROW-001', 'S15', '2019-06').evidence.values).toEqual({
      'prev.ops.outstandingPrincipalMinor': '150000000000',
      'filing.ops.outstandingPrincipalMinor': '200000000000',
    });
  });

  it('records null for what the input lacks, such as prev when the preceding month is missing', () => {
    expect(finding('GROW-001', 'S11', '2019-06').evidence.values).toEqual({
      'prev.ops.outstandingPrincipalMinor': null,
      'filing.ops.outstandingPrincipalMinor': '30000000000',
    });
  });

  it('records the whole list a comprehension ranges over, and the parameters', () => {
    const yieldFinding = finding('YIELD-001', 'S15', '2019-05');
    const products = yieldFinding.evidence.values['filing.products'] as Record<string, unknown>[];
    expect(yieldFinding.outcome).toBe('FLAGGED');
    expect(products.map((p) => [p.productId, p.promisedYieldBps, p.liquidityRiskAcknowledged])).toEqual(
      exampleInput('S15', '2019-05').filing.products.map((p) => [p.productId, String(p.promisedYieldBps), p.liquidityRiskAcknowledged]),
    );
    expect(yieldFinding.evidence.values['ctx.params.marketMedianLenderYieldBps']).toBe('950');
  });

  it('records the qualifications and period end for QUAL-002', () => {
    const values = finding('QUAL-002', 'S09', '2019-05').evidence.values;
    expect(Object.keys(values)).toEqual(['platform.qualifications', 'filing.periodEnd']);
    expect(values['filing.periodEnd']).toBe('2019-05-31T23:59:59+08:00');
    expect((values['platform.qualifications'] as { validTo: string | null }[]).map((q) => q.validTo)).toContain(null);
  });

  it('is JSON-safe for every finding of every rule', () => {
    const findings = evaluateRules(rules, exampleInput('S15', '2019-06'), at);
    const evidence = findings.map((f) => f.evidence);
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
  });

  it('is recorded for ERROR findings too', () => {
    const broken = { ...rules[0], expression: 'x', program: { ...rules[0].program, run: () => 1n } };
    const [error] = evaluateRules([broken], exampleInput('S01', '2019-06'), at);
    expect(error).toMatchObject({ outcome: 'ERROR', evidence: { expression: 'x', values: { 'platform.registration.status': 'registered' } } });
  });
});
