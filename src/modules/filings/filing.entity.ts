import { Node } from '../../shared/node';
import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids';
import { Member } from '../accounts/member.entity';
import { Platform } from '../platforms/platform.entity';
import { Provenance } from './filing.enums';
import type { StoredFilingContent } from './filing-document';
import { RESTRICT } from '../../shared/restrict';

/** The ctx an import file declared for its filings: they are evaluated as of `asOf` with these due periods and parameters. */
export interface ImportContext {
  asOf: string;
  duePeriods: string[];
  params: Record<string, string>;
}

/**
 * One version of a platform's monthly filing. Immutable: a correction is an amendment, a new row
 * that supersedes the previous version, so the live filing of a period is the one nobody supersedes.
 */
@ObjectType({ implements: Node, description: 'A version of a monthly filing. Corrections are amendments; old versions stay readable.' })
@Entity()
@Unique({ properties: ['platform', 'period', 'amendment'] })
@Index({ properties: ['period'] })
export class Filing implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'supersedes' | 'submittedBy' | 'importContext' | 'factsSha256' | 'evaluatedRuleVersionIds';

  @PrimaryKey({ type: 'text' })
  id: string = newId('fil');

  @ManyToOne(() => Platform, RESTRICT)
  platform!: Platform;

  @Field({ description: 'Reporting month, YYYY-MM.' })
  @Property({ type: 'text' })
  period!: string;

  @Field(() => Int, { description: '1 for the original submission, then 2, 3... for amendments.' })
  @Property({ type: 'integer' })
  amendment!: number;

  /** The version this amendment replaces. */
  @OneToOne(() => Filing, { nullable: true, owner: true, unique: true, ...RESTRICT })
  supersedes: Filing | null = null;

  @Field(() => Provenance, { description: 'Whether the platform submitted it or its association imported it from historical records.' })
  @Enum({ items: () => Provenance, nativeEnumName: 'provenance' })
  provenance!: Provenance;

  @Field({ description: 'Currency of every amount in the filing: CNY.' })
  @Property({ type: 'text' })
  currency!: string;

  @Field(() => Date, { description: 'First instant of the period (00:00 China time on the 1st).' })
  @Property({ type: 'timestamptz' })
  periodStart!: Date;

  @Field(() => Date, { description: 'Last instant of the period.' })
  @Property({ type: 'timestamptz' })
  periodEnd!: Date;

  @Field(() => Date, { description: '23:59:59 China time on the 5th working day after the period end.' })
  @Property({ type: 'timestamptz' })
  dueAt!: Date;

  @Field(() => Date, { description: 'Recorded by the registry (or, for imports, the original submission time).' })
  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  @ManyToOne(() => Member, { nullable: true, ...RESTRICT })
  submittedBy: Member | null = null;

  @Field(() => String, { nullable: true, description: 'Why this amendment was made.' })
  @Property({ type: 'text', nullable: true })
  amendmentReason!: string | null;

  /**
   * For an imported version, the ctx its file declared (asOf, due periods, parameters as decimal strings):
   * the instant and context it is evaluated in, at import and on every re-evaluation. Null when submitted.
   */
  @Property({ type: 'json', nullable: true })
  importContext: ImportContext | null = null;

  /** The filed figures in the domain format (integers as decimal strings). */
  @Property({ type: 'json' })
  content!: StoredFilingContent;

  @Field({ description: 'SHA-256 of the canonical filed content.' })
  @Property({ type: 'text' })
  contentSha256!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'SHA-256 of the facts document (see `facts`) this version was evaluated on when it was recorded. Its facts are pinned to that instant, so every later evaluation of it (re-evaluation under a new rule version) reads the same document: `facts` without `asOf` must hash to this. Null for versions recorded before the registry kept it.',
  })
  @Property({ type: 'text', nullable: true })
  factsSha256: string | null = null;

  @Field(() => [ID], { nullable: true, description: 'The rule versions (in force for the period) this version was evaluated under when it was recorded; null for versions recorded before the registry kept them.' })
  @Property({ type: 'json', nullable: true })
  evaluatedRuleVersionIds: string[] | null = null;

  @Field(() => Date, { description: 'When the registry recorded this version.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'integer' })
  version: number = 0;
}
