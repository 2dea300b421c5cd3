import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRules, factsDocument, factsFromDocument, factsFromJson } from '../../../src/modules/evaluation';
import { exampleCases, seedRules } from './fixtures';

const s15 = JSON.parse(readFileSync(join(__dirname, '../../../seeds/examples/records/S15-ponzi-like-ezubao-pattern.json'), 'utf8'));

describe('factsFromJson', () => {
  it('turns every number into a bigint and keeps strings, booleans and nulls', () => {
    const { platform, filings, ctx } = factsFromJson(s15);
    expect(platform.registeredCapitalMinor).toBe(BigInt(s15.platform.registeredCapitalMinor));
    expect(filings[1].ops.platformFundedCompensationMinor).toBe(300_000_000n);
    expect(filings[0].products.map((p) => typeof p.promisedYieldBps)).toEqual(filings[0].products.map(() => 'bigint'));
    expect(filings[0].products[0].liquidityRiskAcknowledged).toBe(s15.filings[0].products[0].liquidityRiskAcknowledged);
    expect(platform.qualifications.map((q) => q.validTo)).toEqual(s15.platform.qualifications.map((q: { validTo: string | null }) => q.validTo));
    expect(ctx).toEqual({ asOf: '2019-07-15T00:00:00+08:00', params: { marketMedianLenderYieldBps: 950n }, duePeriods: ['2019-05', '2019-06'] });
  });

  it('keeps only platform, filings and ctx', () => {
    expect(Object.keys(factsFromJson(s15)).sort()).toEqual(['ctx', 'filings', 'platform']);
  });

  it('refuses a fractional number, naming where it is', () => {
    const json = structuredClone(s15);
    json.filings[1].ops.weightedAvgLenderYieldBps = 1380.5;
    expect(() => factsFromJson(json)).toThrow('filings[1].ops.weightedAvgLenderYieldBps: 1380.5 is not a safe integer');
  });

  it('refuses an integer beyond 2^53, which JSON.parse has already rounded', () => {
    const json = structuredClone(s15);
    json.platform.registeredCapitalMinor = 2 ** 53;
    expect(() => factsFromJson(json)).toThrow('platform.registeredCapitalMinor: 9007199254740992 is not a safe integer');
  });

  it('refuses a document without platform, filings or ctx', () => {
    expect(() => factsFromJson({ platform: s15.platform, filings: s15.filings })).toThrow('ctx: expected an object');
    expect(() => factsFromJson([])).toThrow('facts document: expected an object');
  });
});

describe('the facts document', () => {
  it('reads back into the same input for every example filing, with the same findings and a stable SHA-256', () => {
    const rules = seedRules();
    for (const { input } of exampleCases()) {
      const { document, sha256 } = factsDocument(input);
      const back = factsFromDocument(JSON.parse(JSON.stringify(document)));
      expect(back).toEqual(input);
      expect(factsDocument(back).sha256).toBe(sha256);
      const at = new Date('2019-07-15T00:00:00Z');
      expect(evaluateRules(rules, back, at).map((f) => [f.outcome, f.evidence.values])).toEqual(evaluateRules(rules, input, at).map((f) => [f.outcome, f.evidence.values]));
    }
  });
});
