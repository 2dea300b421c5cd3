import { ArgsType, Field } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';

/** The point of the log a query reads the registry at: `asOf` an instant, or `atLogSize` entries; current state when neither is given. */
@ArgsType()
export class AsOfArgs {
  @Field(() => Date, {
    nullable: true,
    description:
      'Read the registry as the ledger recorded it at this instant (public entries with `at` <= asOf); not in the future. Before the first entry the registry was empty.',
  })
  asOf?: Date | null;

  @Field(() => Int64, {
    nullable: true,
    description:
      "Read the registry as the first atLogSize public entries of the log recorded it (log indexes below it; 0 to the log size), rounded down to where a write starts if it falls inside one (a write's entries are read together: a history entry's logSizeAfter is a write's end). Not with asOf.",
  })
  atLogSize?: bigint | null;
}
