import type { Context } from '../../context';
import { editsRulebook, seesRule } from './rule.policy';
import { RuleVersionStatus } from './rule.enums';
import { Rule } from './rule.entity';
import { RuleVersion } from './rule-version.entity';

/** A rule by id as the viewer may see it: null when unknown, or only ever drafted and the viewer edits no rules there. */
export async function visibleRule({ loaders, viewer }: Context, id: string): Promise<Rule | null> {
  const rule = await loaders.rule.load(id);
  if (!rule) return null;
  return seesRule(viewer, rule.association.id, await loaders.versionsOfRule.load(rule.id)) ? rule : null;
}

/** A rule version by id as the viewer may see it: null when unknown, or a draft of a rulebook the viewer does not edit. */
export async function visibleRuleVersion({ loaders, viewer }: Context, id: string): Promise<RuleVersion | null> {
  const version = await loaders.ruleVersion.load(id);
  if (!version || version.status === RuleVersionStatus.PUBLISHED) return version;
  const rule = await loaders.rule.load(version.rule.id);
  return rule && editsRulebook(viewer, rule.association.id) ? version : null;
}
