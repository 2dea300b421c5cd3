import { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from './shared/loader-helpers';
import { Association } from './modules/associations/association.entity';
import { createPlatformLoaders } from './modules/platforms/platform.loaders';
import { createFlagLoaders } from './modules/flags/flag.loaders';
import { createCaseLoaders } from './modules/cases/flag-case.loaders';
import { Filing } from './modules/filings/filing.entity';
import { Member } from './modules/accounts/member.entity';
import { Rule } from './modules/rules/rule.entity';
import { RuleVersion } from './modules/rules/rule-version.entity';
import { childrenLoader, siblingIdsLoader } from './shared/loader-helpers';
import { receiptLoader } from './modules/ledger/receipt';
import { Flag } from './modules/flags/flag.entity';
import { EvaluationError } from './modules/flags/evaluation-error.entity';
import { PlatformStatusChange } from './modules/platforms/platform-status-change.entity';
import { ParameterValue } from './modules/rules/parameter.entity';
import { CalendarDay } from './modules/calendar/calendar-day.entity';
import { ApiToken } from './modules/accounts/api-token.entity';
import { FlagCaseStep } from './modules/cases/flag-case-step.entity';
import { Challenge } from './modules/cases/challenge.entity';
import { asOfLoader } from './modules/ledger/as-of';
import { historyLoader } from './modules/ledger/history';
import { seriesLoader } from './modules/compare/figure.queries';

/** All per-request DataLoaders; created fresh for each request so nothing leaks between callers. */
export function createLoaders(em: EntityManager) {
  return {
    association: byIdLoader(em, Association),
    ...createPlatformLoaders(em),
    ...createFlagLoaders(em),
    ...createCaseLoaders(em),
    filing: byIdLoader(em, Filing),
    member: byIdLoader(em, Member),
    rule: byIdLoader(em, Rule),
    ruleVersion: byIdLoader(em, RuleVersion),
    versionsOfRule: childrenLoader(em, RuleVersion, 'rule', { createdAt: 'desc', id: 'desc' }),
    receipt: receiptLoader(em),
    // by id, for node(id:) / nodes(ids:) (records that are otherwise read through their parents)
    flag: byIdLoader(em, Flag),
    evaluationError: byIdLoader(em, EvaluationError),
    statusChange: byIdLoader(em, PlatformStatusChange),
    parameterValue: byIdLoader(em, ParameterValue),
    calendarDay: byIdLoader(em, CalendarDay),
    apiToken: byIdLoader(em, ApiToken),
    flagCaseStep: byIdLoader(em, FlagCaseStep),
    challenge: byIdLoader(em, Challenge),
    asOf: asOfLoader(em),
    history: historyLoader(em),
    /** Ids of every version of a filing's period (the original and its amendments). */
    filingVersionIds: siblingIdsLoader(em, 'filing', ['platform_id', 'period'], 's.amendment'),
    /** Ids of every published value of a parameter's name and period. */
    parameterVersionIds: siblingIdsLoader(em, 'parameter_value', ['association_id', 'name', 'period'], 's.number'),
    figureSeries: seriesLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
