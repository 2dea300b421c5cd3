import { EntityManager } from '@mikro-orm/postgresql';
import { MemberViewer } from '../src/modules/accounts/viewer';
import { publishParameter } from '../src/modules/rules/publish-parameter';
import { publishRuleDraft } from '../src/modules/rules/publish-rule';
import { RuleCategory, Severity } from '../src/modules/rules/rule.enums';
import { saveRuleDraft } from '../src/modules/rules/save-rule-draft';
import rulebook from './rulebook.json';

/** The seed rulebook's effective date: publication of the Interim Measures. */
export const SEED_RULEBOOK_EFFECTIVE_FROM = new Date(rulebook.effectiveFrom);

/** Market median lender yield the demo association publishes from the rulebook's first month (YIELD-001). */
export const SEED_MEDIAN_YIELD_BPS = 950n;

/**
 * Publishes the 25 seed rules (seeds/rulebook.json) for an association, in force from 2016-08-24,
 * and the market-median yield parameter, through the same commands rule editors use.
 */
export async function seedRulebook(em: EntityManager, editor: MemberViewer): Promise<void> {
  for (const rule of rulebook.rules) {
    const draft = await saveRuleDraft(em.fork(), editor, {
      code: rule.id,
      title: rule.title,
      text: rule.text,
      basis: rule.basis,
      threshold: rule.threshold,
      category: rule.category.toUpperCase() as RuleCategory,
      severity: rule.severity.toUpperCase() as Severity,
      expression: rule.cel,
    });
    await publishRuleDraft(em.fork(), editor, { ruleVersionId: draft.id, effectiveFrom: SEED_RULEBOOK_EFFECTIVE_FROM });
  }
  await publishParameter(em.fork(), editor, {
    name: 'marketMedianLenderYieldBps',
    period: '2016-08',
    value: SEED_MEDIAN_YIELD_BPS,
    reason: 'Seed value; re-calibrate per period.',
  });
}
