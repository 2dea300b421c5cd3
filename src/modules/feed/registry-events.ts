import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { EntryEnvelope } from '../ledger/records';
import { RuleCategory, Severity } from '../rules/rule.enums';
import { ChangeView } from './change.types';
import { FLAG_PUBLISHED } from '../flags/flag.visibility';

/** What a registry event is about. */
export enum RegistryEventKind {
  FLAG_RAISED = 'FLAG_RAISED',
  FLAG_STATUS_CHANGED = 'FLAG_STATUS_CHANGED',
  FILING_FILED = 'FILING_FILED',
  REGISTRY_STATUS_CHANGED = 'REGISTRY_STATUS_CHANGED',
}
registerEnumType(RegistryEventKind, {
  name: 'RegistryEventKind',
  description: 'Kinds of registry event a subscription can follow.',
  valuesConfig: {
    FLAG_RAISED: { description: 'A rule raised a new flag on a filing (or a missing filing), or a reviewer confirmed and so published a flag held for review.' },
    FLAG_STATUS_CHANGED: { description: "A flag's status changed (resolved, superseded...): a later version of the flag." },
    FILING_FILED: { description: 'A filing or an amendment was submitted, or imported from history.' },
    REGISTRY_STATUS_CHANGED: { description: "An association changed a platform's registry status (approved, suspended...)." },
  },
});

/** The ledger entity type each kind is read from. */
const ENTITY_TYPE: Record<RegistryEventKind, string> = {
  FLAG_RAISED: 'flag',
  FLAG_STATUS_CHANGED: 'flag',
  FILING_FILED: 'filing',
  REGISTRY_STATUS_CHANGED: 'platform-status-change',
};

/** Which registry events a subscription receives. */
@InputType({ description: 'Which registry events to receive; all given conditions must hold (an empty list or null: any).' })
export class RegistryEventFilter {
  @Field(() => [RegistryEventKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: RegistryEventKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only events of this platform.' })
  platformId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only events of platforms registered with this association.' })
  associationId?: string | null;

  @Field(() => [Severity], { nullable: true, description: 'Only flags of these severities (other kinds are then left out).' })
  severities?: Severity[] | null;

  @Field(() => [RuleCategory], { nullable: true, description: 'Only flags of these rule categories (other kinds are then left out).' })
  categories?: RuleCategory[] | null;
}

/** One registry event sent to a subscriber. */
@ObjectType('RegistryEvent', { description: 'A registry event: a public ledger entry of one of the kinds followed.' })
export class RegistryEventView {
  @Field(() => RegistryEventKind, { description: 'What happened.' })
  kind!: RegistryEventKind;

  @Field({ description: 'The feed cursor of this event (its log index): resubscribe with `after` set to it to lose nothing.' })
  cursor!: string;

  @Field(() => ChangeView, { description: 'The ledger entry: who, when, why and the public record.' })
  change!: ChangeView;
}

/** The kind of registry event an entry is, or null when it is none. */
export function eventKindOf(envelope: EntryEnvelope): RegistryEventKind | null {
  // a flag held for review enters the public log when a reviewer confirms it: for the public, that is when it is raised
  if (envelope.type === 'flag') return envelope.version === 1 || envelope.action === FLAG_PUBLISHED ? RegistryEventKind.FLAG_RAISED : RegistryEventKind.FLAG_STATUS_CHANGED;
  if (envelope.type === 'filing') return RegistryEventKind.FILING_FILED;
  if (envelope.type === 'platform-status-change') return RegistryEventKind.REGISTRY_STATUS_CHANGED;
  return null;
}

/** The kinds a filter lets through: flag kinds only once it names severities or categories. */
export function kindsOf(filter: RegistryEventFilter | null | undefined): RegistryEventKind[] {
  const kinds = filter?.kinds?.length ? filter.kinds : Object.values(RegistryEventKind);
  const flagsOnly = Boolean(filter?.severities?.length || filter?.categories?.length);
  return kinds.filter((kind) => !flagsOnly || ENTITY_TYPE[kind] === 'flag');
}

/** The ledger entity types to read for these kinds. */
export function entityTypesOf(kinds: readonly RegistryEventKind[]): string[] {
  return [...new Set(kinds.map((kind) => ENTITY_TYPE[kind]))];
}

/**
 * Whether an entry of one of `kinds` passes the filter's record conditions; `associationOf` gives the
 * association a platform registered with.
 */
export function matchesFilter(envelope: EntryEnvelope, filter: RegistryEventFilter | null | undefined, associationOf: (platformId: string) => string | undefined): boolean {
  if (!filter) return true;
  const record = envelope.record;
  if (filter.platformId && record.platform !== filter.platformId) return false;
  if (filter.associationId && associationOf(String(record.platform)) !== filter.associationId) return false;
  if (filter.severities?.length && !filter.severities.includes(record.severity as Severity)) return false;
  if (filter.categories?.length && !filter.categories.includes(record.category as RuleCategory)) return false;
  return true;
}
