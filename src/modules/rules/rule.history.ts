import { historyResolver } from '../ledger';
import { ParameterValue } from './parameter.entity';
import { Rule } from './rule.entity';

/** `history` of a rule: the public entries of all its versions (published and retiring ones; drafts are private), diffed one to the next. */
export const RuleHistoryResolver = historyResolver(
  Rule,
  async (rule, { loaders }) => ({ type: 'rule-version', ids: (await loaders.versionsOfRule.load(rule.id)).map((v) => v.id) }),
  'Every published version of this rule, oldest first (drafts are private): log index, when, who (organisation and role), why, and the fields that changed from the version before.',
);

/** `history` of a parameter value: every published value of its name and period (corrections publish the next number). */
export const ParameterHistoryResolver = historyResolver(
  ParameterValue,
  async (parameter, { loaders }) => ({ type: 'parameter', ids: await loaders.parameterVersionIds.load(parameter.id) }),
  'Every published value of this parameter for its period, oldest first (a correction publishes the next number): log index, when, who, why, and what changed.',
);
