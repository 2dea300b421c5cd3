import { RULE_FIELDS } from '../../../src/modules/evaluation';
import IMPORT_RECORD_SCHEMA from '../../../schema/import-record.schema.json';

// The catalogue served by `ruleFields` takes each field's description from the import schema, through its
// $ref when the field has none of its own. A shared definition's description (e.g. count's "A 64-bit integer
// that is not negative ...") says what the value looks like, not what it means, so every field needs its own.
const defs = IMPORT_RECORD_SCHEMA.$defs as Record<string, { description?: string }>;
const sharedDescriptions = new Set(Object.values(defs).map((def) => def.description).filter((d): d is string => d !== undefined));
const descriptionOf = (path: string) => RULE_FIELDS.find((field) => field.path === path)?.description;

describe('the rule fields catalogue (RULE_FIELDS)', () => {
  it('gives every field a description of its own, not the one of the definition it references', () => {
    expect(RULE_FIELDS.length).toBeGreaterThan(100);
    const without = RULE_FIELDS.filter((field) => !field.description?.trim() || sharedDescriptions.has(field.description));
    expect(without.map((field) => field.path)).toEqual([]);
  });

  it('says what a field means, its unit, and which rules read it', () => {
    expect(descriptionOf('filing.custody.lenderFundsOutsideCustodyMinor')).toBe(
      "Lender money received in the period outside custody (the platform's own, third-party payment or personal accounts), in fen, as the platform declares it. CUST-001 flags any amount above 0.",
    );
    expect(descriptionOf('filing.borrowerCaps.naturalPersonMaxOutstandingMinor')).toBe(
      'Largest outstanding balance of one natural-person borrower on this platform, in fen. CAP-001 flags it above CNY 200,000 (20000000 fen).',
    );
    expect(descriptionOf('filing.products[].promisedYieldBps')).toBe(
      'Annualised rate advertised to lenders, in basis points. YIELD-001 flags it above 150% of `ctx.params.marketMedianLenderYieldBps`.',
    );
    expect(descriptionOf('filing.ops.weightedAvgLenderTermDays')).toMatch(/^Lenders' contractual holding or lock-in term, in days, .*TERM-002/);
    expect(descriptionOf('platform.qualifications[].issuer')).toContain('CUST-003 matches exactly to `filing.custody.custodyBankName`');
  });

  it('lets a field that references a definition keep its own description beside the $ref', () => {
    const ops = (IMPORT_RECORD_SCHEMA.$defs.ops.properties as Record<string, { $ref?: string; description?: string }>).platformFundedCompensationMinor;
    expect(ops.$ref).toBe('#/$defs/count');
    expect(descriptionOf('filing.ops.platformFundedCompensationMinor')).toBe(ops.description);
    expect(descriptionOf('filing.ops')).not.toBe(IMPORT_RECORD_SCHEMA.$defs.ops.description);
  });
});
