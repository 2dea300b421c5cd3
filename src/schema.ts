import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from './modules/accounts/account.resolver';
import { RoleAuthChecker } from './modules/accounts/auth-checker';
import { AssociationResolver } from './modules/associations/association.resolver';
import { PlatformResolver } from './modules/platforms/platform.resolver';
import { QualificationResolver } from './modules/platforms/qualification.resolver';
import { FilingResolver } from './modules/filings/filing.resolver';
import { FlagResolver, PlatformFlagsResolver } from './modules/flags/flag.resolver';
import { RuleResolver, RuleVersionResolver } from './modules/rules/rule.resolver';
import { ImportResolver } from './modules/imports/import.resolver';
import { CalendarResolver } from './modules/calendar/calendar.resolver';
import { Int64 } from './shared/int64.scalar';
import { validateArgument } from './shared/validation';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the resolvers listed here. */
export function registrySchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      AccountResolver,
      AssociationResolver,
      PlatformResolver,
      QualificationResolver,
      PlatformFlagsResolver,
      RuleResolver,
      RuleVersionResolver,
      FilingResolver,
      FlagResolver,
      ImportResolver,
      CalendarResolver,
    ],
    authChecker: RoleAuthChecker,
    validateFn: validateArgument,
    scalarsMap: [{ type: BigInt, scalar: Int64 }],
    emitSchemaFile: false,
  });
  return built;
}
