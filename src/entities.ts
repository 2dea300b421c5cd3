import { Association } from './modules/associations/association.entity';
import { ApiToken } from './modules/accounts/api-token.entity';
import { Member } from './modules/accounts/member.entity';
import { Change } from './modules/changes/change.entity';
import { Platform } from './modules/platforms/platform.entity';
import { IntermediaryAttestation, RegulatorRegistration } from './modules/platforms/platform.parts';
import { PlatformStatusChange } from './modules/platforms/platform-status-change.entity';
import { Qualification } from './modules/platforms/qualification.entity';
import { Rule } from './modules/rules/rule.entity';
import { RuleVersion } from './modules/rules/rule-version.entity';
import { ParameterValue } from './modules/rules/parameter.entity';
import { Filing } from './modules/filings/filing.entity';
import { IdempotencyKey } from './modules/filings/idempotency-key.entity';
import { Flag } from './modules/flags/flag.entity';
import { EvaluationError } from './modules/flags/evaluation-error.entity';
import { CalendarDay } from './modules/calendar/calendar-day.entity';

/** Every entity and embeddable, listed explicitly (no folder discovery). */
export const entities = [
  Association,
  Member,
  ApiToken,
  Change,
  Platform,
  RegulatorRegistration,
  IntermediaryAttestation,
  PlatformStatusChange,
  Qualification,
  Rule,
  RuleVersion,
  ParameterValue,
  Filing,
  IdempotencyKey,
  Flag,
  EvaluationError,
  CalendarDay,
];
