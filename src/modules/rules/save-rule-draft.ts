import { EntityManager } from '@mikro-orm/postgresql';
import { runWrite } from '../ledger';
import { Member } from '../accounts/member.entity';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { Association } from '../associations/association.entity';
import { compileOrRefuse } from './compile-check';
import { Rule } from './rule.entity';
import { RuleVersionStatus } from './rule.enums';
import { SaveRuleDraftInput } from './rule.inputs';
import { assertEditsRulebook } from './rule.policy';
import { RuleVersion } from './rule-version.entity';

/**
 * A rule editor saves a draft: a new rule, a new draft version of a published rule, or an edit of the
 * open draft. The expression is compiled and checked first; an invalid one is refused with its position.
 */
export async function saveRuleDraft(em: EntityManager, viewer: MemberViewer, input: SaveRuleDraftInput): Promise<RuleVersion> {
  compileOrRefuse(input.expression, 'input.expression');
  const associationId = viewer.associationId as string;
  assertEditsRulebook(viewer, associationId);
  return runWrite(em, actorOf(viewer), async (write) => {
    let rule = await write.em.findOne(Rule, { association: associationId, code: input.code });
    if (!rule) {
      rule = write.em.create(Rule, { association: write.em.getReference(Association, associationId), code: input.code, createdAt: write.at });
      write.record(rule, 'rule.created');
    }
    const draft =
      (await write.em.findOne(RuleVersion, { rule, status: RuleVersionStatus.DRAFT })) ??
      write.em.create(RuleVersion, {
        rule,
        status: RuleVersionStatus.DRAFT,
        createdBy: write.em.getReference(Member, viewer.memberId),
        createdAt: write.at,
        ...contentOf(input),
      });
    Object.assign(draft, contentOf(input));
    return write.record(draft, 'rule.draft-saved');
  });
}

function contentOf(input: SaveRuleDraftInput) {
  const { title, text, basis, threshold, category, severity, expression } = input;
  return { title, text, basis, threshold, category, severity, expression, reviewBeforePublication: input.reviewBeforePublication ?? false };
}
