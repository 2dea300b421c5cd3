import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../shared/node';
import { newId } from '../../shared/ids';
import { RESTRICT } from '../../shared/restrict';
import { Filing } from '../filings/filing.entity';
import { Flag } from '../flags/flag.entity';
import { FlagCaseState } from '../flags/flag.enums';
import { CaseAction } from './case-transitions';

/**
 * One step of a flag's case, append-only: who (organisation and role, or the registry; never the member's
 * name), when, the step, the states it moved between, and what was said. `(flag, seq)` is unique, so of two
 * steps racing on one case only one can take the next number.
 */
@ObjectType({ implements: Node, description: "A step of a flag's case: a reply, a decision, a reopening, or the registry closing it, with who, when and why." })
@Entity()
@Unique({ properties: ['flag', 'seq'] })
export class FlagCaseStep implements Node {
  [OptionalProps]?: 'id' | 'version' | 'text' | 'documentSha256s' | 'remediatingFiling';

  @PrimaryKey({ type: 'text' })
  id: string = newId('fcs');

  @ManyToOne(() => Flag, RESTRICT)
  flag!: Flag;

  @Field(() => Int, { description: 'Position in the case, from 1.' })
  @Property({ type: 'integer' })
  seq!: number;

  @Field(() => CaseAction, { description: 'The step taken.' })
  @Enum({ items: () => CaseAction, nativeEnumName: 'case_action' })
  action!: CaseAction;

  @Field(() => FlagCaseState, { description: 'The state before the step.' })
  @Enum({ items: () => FlagCaseState, nativeEnumName: 'flag_case_state' })
  fromState!: FlagCaseState;

  @Field(() => FlagCaseState, { description: 'The state after the step.' })
  @Enum({ items: () => FlagCaseState, nativeEnumName: 'flag_case_state' })
  toState!: FlagCaseState;

  @Field({ description: 'The organisation that acted: the platform, the association, or `system` (the registry closing the case).' })
  @Property({ type: 'text' })
  organisationId!: string;

  @Field({ description: 'The role it acted in, e.g. FILER or REVIEWER; SYSTEM for the registry closing the case.' })
  @Property({ type: 'text' })
  role!: string;

  @Field(() => Date, { description: 'When the step was recorded.' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => String, { nullable: true, description: "The platform's reply, the reviewer's reason (up to 4,000 characters), or why the registry closed the case." })
  @Property({ type: 'text', nullable: true })
  text: string | null = null;

  @Field(() => [String], { description: 'SHA-256 (hex) of documents the reply refers to.' })
  @Property({ type: 'json' })
  documentSha256s: string[] = [];

  /** For REMEDIATE: the later filing that shows the fix. */
  @ManyToOne(() => Filing, { nullable: true, ...RESTRICT })
  remediatingFiling: Filing | null = null;

  @Property({ type: 'integer' })
  version: number = 0;
}
