import { Association } from './modules/associations/association.entity';
import { ApiToken } from './modules/accounts/api-token.entity';
import { Member } from './modules/accounts/member.entity';
import { LedgerEntry } from './modules/ledger/ledger-entry.entity';
import { LogState } from './modules/ledger/log-state.entity';
import { LogWrite } from './modules/ledger/log-write.entity';
import { LogSubtree } from './modules/ledger/log-subtree.entity';
import { LogCheckpoint } from './modules/ledger/log-checkpoint.entity';
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
import { FilingFigure } from './modules/compare/filing-figure.entity';
import { EvaluationError } from './modules/flags/evaluation-error.entity';
import { ReevaluationBatch } from './modules/flags/reevaluation-batch.entity';
import { FlagCaseStep } from './modules/cases/flag-case-step.entity';
import { Challenge } from './modules/cases/challenge.entity';
import { CalendarDay } from './modules/calendar/calendar-day.entity';

// how each entity enters the ledger (defineRecord): loaded wherever the entities are
import './modules/associations/association.record';
import './modules/accounts/account.record';
import './modules/platforms/platform.record';
import './modules/rules/rule.record';
import './modules/filings/filing.record';
import './modules/flags/flag.record';
import './modules/cases/flag-case-step.record';
import './modules/cases/challenge.record';
import './modules/calendar/calendar-day.record';

/** Every entity and embeddable, listed explicitly (no folder discovery). */
export const entities = [
  Association,
  Member,
  ApiToken,
  LedgerEntry,
  LogState,
  LogWrite,
  LogSubtree,
  LogCheckpoint,
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
  FilingFigure,
  EvaluationError,
  ReevaluationBatch,
  FlagCaseStep,
  Challenge,
  CalendarDay,
];
