import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';
import type { RecordObject, RecordValue } from './records';

@ObjectType('RecordActor', { description: 'Who made a recorded change: the organisation and the role it acted in (never a staff name).' })
export class HistoryActor {
  @Field({ description: 'Id of the association or platform that acted, or `public` (self-registration) or `system` (the registry\'s own jobs).' })
  organisation!: string;

  @Field(() => String, { nullable: true, description: 'The role the member acted in, e.g. REVIEWER; null for the public and jobs.' })
  role!: string | null;
}

@ObjectType('FieldChange', { description: 'One field of the public record that differs from the previous version.' })
export class FieldChange {
  @Field({ description: 'Dotted path in the record, e.g. `registryStatus` or `content.ops.outstandingPrincipal`; lists change as a whole.' })
  path!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value before, as the record holds it (integers as decimal strings, instants as RFC 3339 UTC); null when absent.' })
  before!: RecordValue | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value in this version, as the record holds it; null when removed.' })
  after!: RecordValue | null;
}

@ObjectType('HistoryEntry', { description: "One public version of a record, read from the ledger: when, who, why, and what changed from the version before." })
export class HistoryEntryView {
  @Field(() => Int64, { description: "The entry's position in the transparency log (prove it with logInclusionProof)." })
  logIndex!: bigint;

  @Field({ description: 'Stable type name of the record, e.g. `platform`, `filing`, `rule-version`.' })
  entityType!: string;

  @Field(() => ID, { description: 'Id of the record (a filing\'s history includes its amendments, a rule\'s its versions: each has its own id).' })
  entityId!: string;

  @Field(() => Int64, {
    description:
      "The log's size right after the write that recorded this entry (the entries of one write are contiguous and read together): `atLogSize` with it reads the registry just after this change.",
  })
  logSizeAfter!: bigint;

  @Field(() => Int, { description: "The record's version this entry holds (1 for the first)." })
  version!: number;

  @Field({ description: 'What happened, e.g. `platform.status-changed`, `filing.amended`.' })
  action!: string;

  @Field(() => Date, { description: 'When the registry recorded it.' })
  at!: Date;

  @Field(() => HistoryActor, { description: 'Who did it: organisation and role.' })
  actor!: HistoryActor;

  @Field(() => String, { nullable: true, description: 'Why, as given with the change (e.g. a review decision or an amendment reason).' })
  reason!: string | null;

  @Field(() => [FieldChange], { description: 'The fields that differ from the previous entry of this history, in path order; empty for the first.' })
  changes!: FieldChange[];

  @Field(() => GraphQLJSONObject, { description: 'The whole public record of this version, as the log holds it.' })
  record!: RecordObject;
}
