import { EntityManager } from '@mikro-orm/postgresql';
import { badInput, ConflictError, NotFoundError } from '../../errors';
import { runWrite, Write } from '../ledger';
import { Member } from '../accounts/member.entity';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { compileOrRefuse } from './compile-check';
import { Rule } from './rule.entity';
import { RuleVersionStatus } from './rule.enums';
import { PublishRuleDraftInput, RetireRuleInput } from './rule.inputs';
import { assertEditsRulebook } from './rule.policy';
import { RuleVersion } from './rule-version.entity';

/** The job a publication sends: re-evaluate the version's filings (the flags module handles it). */
export const REEVALUATE_JOB = 'reevaluate-rule-version';

/** Called inside the publishing transaction, e.g. to enqueue re-evaluation of the affected filings. */
export type OnPublished = (write: Write, version: RuleVersion) => Promise<void>;

/** Publishes a draft as the rule's next immutable version, in force from `effectiveFrom`. */
export async function publishRuleDraft(
  em: EntityManager,
  viewer: MemberViewer,
  input: PublishRuleDraftInput,
  onPublished?: OnPublished,
): Promise<RuleVersion> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const draft = await write.em.findOne(RuleVersion, input.ruleVersionId, { populate: ['rule'] });
    if (!draft) throw new NotFoundError('RuleVersion', input.ruleVersionId);
    assertEditsRulebook(viewer, draft.rule.association.id);
    if (draft.status !== RuleVersionStatus.DRAFT) {
      throw new ConflictError(`Rule version ${draft.id} is already published.`, 'RULE_VERSION_ALREADY_PUBLISHED');
    }
    compileOrRefuse(draft.expression, 'input.ruleVersionId');
    stampPublished(write, viewer, draft, await latestPublished(write, draft.rule), input.effectiveFrom);
    await onPublished?.(write, draft);
    return draft;
  });
}

/** Retires a rule from `effectiveFrom`: a published version that ends it, keeping the last content for reference. */
export async function retireRule(em: EntityManager, viewer: MemberViewer, input: RetireRuleInput, onPublished?: OnPublished): Promise<RuleVersion> {
  return runWrite(em, actorOf(viewer), async (write) => {
    const rule = await write.em.findOne(Rule, input.ruleId);
    if (!rule) throw new NotFoundError('Rule', input.ruleId);
    assertEditsRulebook(viewer, rule.association.id);
    const last = await latestPublished(write, rule);
    if (!last || last.retires) throw new ConflictError(`Rule ${rule.code} is not in force, so it cannot be retired.`, 'RULE_NOT_IN_FORCE');
    const { title, text, basis, threshold, category, severity, expression, reviewBeforePublication } = last;
    const retirement = write.em.create(RuleVersion, {
      rule, status: RuleVersionStatus.DRAFT, title, text: `${text}\n\nRetired: ${input.reason}`, basis, threshold, category, severity, expression, reviewBeforePublication,
      retires: true, createdBy: write.em.getReference(Member, viewer.memberId), createdAt: write.at,
    });
    stampPublished(write, viewer, retirement, last, input.effectiveFrom, input.reason);
    await onPublished?.(write, retirement);
    return retirement;
  });
}

async function latestPublished(write: Write, rule: Rule): Promise<RuleVersion | null> {
  return write.em.findOne(RuleVersion, { rule, status: RuleVersionStatus.PUBLISHED }, { orderBy: { number: 'desc' } });
}

/** Makes `version` the rule's next published version after `last`, and records it. */
function stampPublished(write: Write, viewer: MemberViewer, version: RuleVersion, last: RuleVersion | null, effectiveFrom: Date, reason?: string) {
  if (last?.effectiveFrom && effectiveFrom < last.effectiveFrom) {
    throw badInput('input.effectiveFrom', `must not be before ${last.effectiveFrom.toISOString()}, when version ${last.number} took effect`);
  }
  Object.assign(version, {
    status: RuleVersionStatus.PUBLISHED,
    number: (last?.number ?? 0) + 1,
    effectiveFrom,
    publishedAt: write.at,
    publishedBy: write.em.getReference(Member, viewer.memberId),
  });
  write.record(version, version.retires ? 'rule.retired' : 'rule.published', { reason });
}
