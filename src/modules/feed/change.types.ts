import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { FeedEntry } from '../ledger/feed';
import { Connection } from '../../shared/pagination';
import { Int64 } from '../../shared/int64.scalar';
import { RawJson } from '../../shared/raw-json';
import { splitEntry } from '../ledger/records';

/** Who made a change, as the entry names it. */
@ObjectType({ description: 'Who made a change: the organisation and the role it acted in (never a staff name).' })
export class ChangeActor {
  @Field({ description: 'Association or platform id, or `public` (self-registration) or `system` (jobs).' })
  organisation!: string;

  @Field(() => String, { nullable: true, description: 'The role the member acted in; null for the public and jobs.' })
  role!: string | null;
}

/** One public ledger entry as the feed and subscriptions show it. */
@ObjectType('Change', { description: 'One public ledger entry in the feed: a record version with who, when and why.' })
export class ChangeView {
  @Field(() => Int64, { description: "Position in the transparency log (0-based); also the entry's feed cursor." })
  logIndex!: bigint;

  @Field({ description: 'Stable type name of the record, e.g. `platform`, `filing`, `flag`, `platform-status-change`.' })
  entityType!: string;

  @Field(() => ID, { description: 'Id of the record.' })
  entityId!: string;

  @Field(() => Int, { description: "The record's version this entry holds (1 for the first)." })
  version!: number;

  @Field({ description: 'What happened, e.g. `filing.submitted`, `flag.raised`, `flag.resolved`.' })
  action!: string;

  @Field(() => Date, { description: 'When the change was recorded.' })
  at!: Date;

  @Field(() => ChangeActor, { description: 'Who made the change.' })
  actor!: ChangeActor;

  @Field(() => String, { nullable: true, description: 'Why, when the actor gave a reason.' })
  reason!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'The public record of this version, exactly as the ledger entry holds it (integers as decimal strings, instants in RFC 3339 UTC).' })
  record!: Record<string, unknown> | RawJson;
}

/** A page of the change feed. */
export const ChangeConnection = Connection(ChangeView, 'Change');

/** The feed cursor of an entry: its log index in decimal. */
export function cursorOf(change: ChangeView): string {
  return change.logIndex.toString();
}

/** A feed entry as the API shows it: its record stays the entry's own text, written into the response as is. */
export function toChange({ logIndex, text }: FeedEntry): ChangeView {
  const { envelope, recordText } = splitEntry(text);
  return {
    logIndex,
    entityType: envelope.type,
    entityId: envelope.id,
    version: envelope.version,
    action: envelope.action,
    at: new Date(envelope.at),
    actor: { organisation: envelope.actor.organisation, role: envelope.actor.role },
    reason: envelope.reason,
    record: new RawJson(recordText),
  };
}
