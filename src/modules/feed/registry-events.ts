import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { EntryEnvelope } from '../ledger/records';
import { RuleCategory, Severity } from '../rules/rule.enums';
import { ChangeView } from './change.types';
import { FLAG_PUBLISHED } from '../flags/flag.visibility';

/** What a registry event is about. */
export enum RegistryEventKind {
  FLAG_RAISED = 'FLAG_RAISED',
  FLAG_STATUS_CHANGED = 'FLAG_STATUS_CHANGED',
  FLAG_CASE_CHANGED = 'FLAG_CASE_CHANGED',
  FILING_FILED = 'FILING_FILED',
  REGISTRY_STATUS_CHANGED = 'REGISTRY_STATUS_CHANGED',
}
registerEnumType(RegistryEventKind, {
  name: 'RegistryEventKind',
  description: 'Kinds of registry event a subscription can follow.',
  valuesConfig: {
    FLAG_RAISED: { description: 'A rule raised a new flag on a filing (or a missing filing), or a reviewer confirmed and so published a flag held for review.' },
    FLAG_STATUS_CHANGED: { description: "A flag's status changed (resolved, superseded...): a later version of the flag (a step of its case is FLAG_CASE_CHANGED)." },
    FLAG_CASE_CHANGED: {
      description: "A flag's case moved: the platform replied (RESPONDED), a reviewer decided (CONFIRMED, DISMISSED, REMEDIATED) or reopened it (OPEN), or the registry closed it (CLOSED) when re-evaluation or a resolution ended the flag. The change is the case step's entry; its record names the flag.",
    },
    FILING_FILED: { description: 'A filing or an amendment was submitted, or imported from history.' },
    REGISTRY_STATUS_CHANGED: { description: "An association changed a platform's registry status (approved, suspended...)." },
  },
});

/** The ledger entity type each kind is read from. */
const ENTITY_TYPE: Record<RegistryEventKind, string> = {
  FLAG_RAISED: 'flag',
  FLAG_STATUS_CHANGED: 'flag',
  FLAG_CASE_CHANGED: 'flag-case-step',
  FILING_FILED: 'filing',
  REGISTRY_STATUS_CHANGED: 'platform-status-change',
};

/** The kinds about a flag: the only ones severity and category filters keep. */
const FLAG_KINDS: ReadonlySet<RegistryEventKind> = new Set([RegistryEventKind.FLAG_RAISED, RegistryEventKind.FLAG_STATUS_CHANGED, RegistryEventKind.FLAG_CASE_CHANGED]);

/** The action of the flag version a case step records beside the step's own entry (the step is the event). */
const CASE_STEPPED = 'flag.case-stepped';

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

/**
 * The kind of registry event an entry is, or null when it is none. A case step is recorded twice, as the
 * step and as the flag's new case state: only the step is an event.
 */
export function eventKindOf(envelope: EntryEnvelope): RegistryEventKind | null {
  if (envelope.type === 'flag') {
    // a flag held for review enters the public log when a reviewer confirms it: for the public, that is when it is raised
    if (envelope.version === 1 || envelope.action === FLAG_PUBLISHED) return RegistryEventKind.FLAG_RAISED;
    return envelope.action === CASE_STEPPED ? null : RegistryEventKind.FLAG_STATUS_CHANGED;
  }
  if (envelope.type === 'flag-case-step') return RegistryEventKind.FLAG_CASE_CHANGED;
  if (envelope.type === 'filing') return RegistryEventKind.FILING_FILED;
  if (envelope.type === 'platform-status-change') return RegistryEventKind.REGISTRY_STATUS_CHANGED;
  return null;
}

/** The kinds a filter lets through: flag kinds only once it names severities or categories. */
export function kindsOf(filter: RegistryEventFilter | null | undefined): RegistryEventKind[] {
  const kinds = filter?.kinds?.length ? filter.kinds : Object.values(RegistryEventKind);
  const flagsOnly = Boolean(filter?.severities?.length || filter?.categories?.length);
  return kinds.filter((kind) => !flagsOnly || FLAG_KINDS.has(kind));
}

/** The ledger entity types to read for these kinds. */
export function entityTypesOf(kinds: readonly RegistryEventKind[]): string[] {
  return [...new Set(kinds.map((kind) => ENTITY_TYPE[kind]))];
}

/** What the filters look at: the platform an event is about and, for flag events, the flag's severity and category. */
export interface EventSubject {
  platform: string;
  severity?: string;
  category?: string;
}

/** Whether a filter looks at subjects at all (else every entry of the kinds passes). */
export function filtersSubjects(filter: RegistryEventFilter | null | undefined): boolean {
  return Boolean(filter && (filter.platformId || filter.associationId || filter.severities?.length || filter.categories?.length));
}

/** The flag a case step entry is about, or null for other entries. */
export function steppedFlagOf(envelope: EntryEnvelope): string | null {
  return envelope.type === 'flag-case-step' ? String(envelope.record.flag) : null;
}

/**
 * The subject of an entry: from its own record (flags, filings, status changes name their platform), or for a
 * case step that of its flag, from `flagSubject` (undefined when not loaded).
 */
export function eventSubjectOf(envelope: EntryEnvelope, flagSubject: (flagId: string) => EventSubject | undefined): EventSubject | undefined {
  const flag = steppedFlagOf(envelope);
  if (flag) return flagSubject(flag);
  const record = envelope.record;
  return { platform: String(record.platform), severity: record.severity as string | undefined, category: record.category as string | undefined };
}

/**
 * Whether an event's subject passes the filter's conditions; `associationOf` gives the association a platform
 * registered with. No subject passes only a filter without conditions on subjects.
 */
export function matchesFilter(subject: EventSubject | undefined, filter: RegistryEventFilter | null | undefined, associationOf: (platformId: string) => string | undefined): boolean {
  if (!filtersSubjects(filter)) return true;
  if (!subject || !filter) return false;
  if (filter.platformId && subject.platform !== filter.platformId) return false;
  if (filter.associationId && associationOf(subject.platform) !== filter.associationId) return false;
  if (filter.severities?.length && !filter.severities.includes(subject.severity as Severity)) return false;
  if (filter.categories?.length && !filter.categories.includes(subject.category as RuleCategory)) return false;
  return true;
}
