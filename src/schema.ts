import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLSchema } from 'graphql';
import { buildSchema, ClassType } from 'type-graphql';
import type { Versioned } from './modules/ledger';
import { AccountResolver } from './modules/accounts/account.resolver';
import { RoleAuthChecker } from './modules/accounts/auth-checker';
import { AssociationResolver } from './modules/associations/association.resolver';
import { PlatformResolver } from './modules/platforms/platform.resolver';
import { QualificationResolver } from './modules/platforms/qualification.resolver';
import { FilingResolver } from './modules/filings/filing.resolver';
import { FlagResolver, PlatformFlagsResolver, PlatformRiskResolver } from './modules/flags/flag.resolver';
import { FlagCase, FlagCaseResolver } from './modules/cases/flag-case.resolver';
import { ChallengeResolver } from './modules/cases/challenge.resolver';
import { RuleResolver, RuleVersionResolver } from './modules/rules/rule.resolver';
import { RuleFieldResolver } from './modules/rules/rule-fields';
import { FilingFactsResolver } from './modules/flags/facts.resolver';
import { ImportResolver } from './modules/imports/import.resolver';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { LogResolver } from './modules/ledger/log.resolver';
import { NodeResolver } from './node.resolver';
import { SearchResolver } from './modules/search/search.resolver';
import { ChangesResolver } from './modules/feed/changes.resolver';
import { RegistryEventsResolver } from './modules/feed/events.resolver';
import { FigureResolver, PlatformFiguresResolver } from './modules/compare/figure.resolver';
import { receiptResolver } from './modules/ledger/receipt';
import { historyResolver } from './modules/ledger/history.resolver';
import { FilingHistoryResolver } from './modules/filings/filing.resolver';
import { ParameterHistoryResolver, RuleHistoryResolver } from './modules/rules/rule.history';
import { Association } from './modules/associations/association.entity';
import { Challenge } from './modules/cases/challenge.entity';
import { FlagCaseStep } from './modules/cases/flag-case-step.entity';
import { CalendarDay } from './modules/calendar/calendar-day.entity';
import { Filing } from './modules/filings/filing.entity';
import { Flag } from './modules/flags/flag.entity';
import { Platform } from './modules/platforms/platform.entity';
import { PlatformStatusChange } from './modules/platforms/platform-status-change.entity';
import { Qualification } from './modules/platforms/qualification.entity';
import { ParameterValue } from './modules/rules/parameter.entity';
import { RuleVersion } from './modules/rules/rule-version.entity';
import { Int64 } from './shared/int64.scalar';
import { chinaTimeResolver } from './shared/china-time';
import { validateArgument } from './shared/validation';

let built: Promise<GraphQLSchema> | undefined;

/** Descriptions of the root types, which type-graphql gives none. */
function describeRoots(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = 'Public reads (and, with a token, your own organisation\'s records). Any record by global id: node(id:), nodes(ids:). Lists are connections: give first (with after) or last (with before).';
  if (mutation) mutation.description = 'Writes: filings, registrations and rulebooks for token holders; registerPlatform and validateFiling are open to the public. Every write is recorded in the transparency log.';
  if (subscription) subscription.description = 'Live events over graphql-ws at /graphql: registryEvents, filtered and resumable from a change-feed cursor.';
  return schema;
}

/** The executable schema, built once per process from the resolvers listed here. */
export function registrySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      AccountResolver,
      AssociationResolver,
      PlatformResolver,
      QualificationResolver,
      PlatformFlagsResolver,
      PlatformRiskResolver,
      RuleResolver,
      RuleVersionResolver,
      RuleFieldResolver,
      FilingFactsResolver,
      FilingResolver,
      FlagResolver,
      FlagCaseResolver,
      ChallengeResolver,
      ImportResolver,
      CalendarResolver,
      LogResolver,
      NodeResolver,
      SearchResolver,
      ChangesResolver,
      RegistryEventsResolver,
      FigureResolver,
      PlatformFiguresResolver,
      // `receipt` on every public record type
      ...[Association, Platform, PlatformStatusChange, Qualification, Filing, Flag, FlagCaseStep, Challenge, RuleVersion, ParameterValue, CalendarDay].map(receiptResolver),
      // `history` on every public record type (a filing's spans its amendments, a rule's its versions)
      ...[Association, Platform, PlatformStatusChange, Qualification, Flag, RuleVersion, CalendarDay].map((entity: ClassType<Versioned>) => historyResolver(entity)),
      FilingHistoryResolver,
      RuleHistoryResolver,
      ParameterHistoryResolver,
      // China-time renderings of the timestamps readers set against Chinese dates: deadlines, filing, flags and their cases,
      // challenges, decisions, profile updates, validity
      chinaTimeResolver(Filing, 'dueAt'),
      chinaTimeResolver(Filing, 'submittedAt'),
      chinaTimeResolver(Flag, 'raisedAt'),
      chinaTimeResolver(Flag, 'statusChangedAt', { nullable: true }),
      chinaTimeResolver(Flag, 'caseChangedAt', { nullable: true }),
      chinaTimeResolver(FlagCase, 'replyDueAt', { nullable: true }),
      chinaTimeResolver(FlagCaseStep, 'at'),
      chinaTimeResolver(Challenge, 'filedAt'),
      chinaTimeResolver(Challenge, 'decidedAt', { nullable: true }),
      chinaTimeResolver(Platform, 'profileUpdatedAt', { nullable: true }),
      chinaTimeResolver(PlatformStatusChange, 'at'),
      chinaTimeResolver(Qualification, 'validFrom'),
      chinaTimeResolver(Qualification, 'validTo', { nullable: true }),
      chinaTimeResolver(RuleVersion, 'effectiveFrom', { nullable: true }),
    ],
    authChecker: RoleAuthChecker,
    validateFn: validateArgument,
    scalarsMap: [{ type: BigInt, scalar: Int64 }],
    // type-graphql asks for a PubSub once there is a @Subscription; ours take `subscribe` functions that
    // follow the ledger by cursor (src/modules/feed/follow-log.ts), so nothing is published on it
    pubSub: createPubSub(),
    emitSchemaFile: false,
  }).then(describeRoots);
  return built;
}
