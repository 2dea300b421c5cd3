import { Node } from '../../shared/node';
import { OptionalProps, BigIntType, Embedded, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Int64 } from '../../shared/int64.scalar';
import { newId } from '../../shared/ids';
import { Association } from '../associations/association.entity';
import { RegistryStatus } from './platform.enums';
import { FormerNameRecord, IntermediaryAttestation, RegulatorRegistration, RelatedParty } from './platform.parts';
import { RESTRICT } from '../../shared/restrict';

/**
 * A lending or payment platform registered as an information intermediary. The row holds the
 * registration as filed plus `registryStatus`, a projection of the latest status change (the
 * changes themselves are append-only rows in `platform_status_change`).
 */
@ObjectType({ implements: Node, description: 'A platform registered as an information intermediary.' })
@Entity()
@Index({ properties: ['legalName', 'id'] })
@Index({ properties: ['createdAt', 'id'] })
@Index({
  name: 'platform_search_trgm',
  expression: `create index "platform_search_trgm" on "platform" using gin (platform_search_text("legal_name", "former_names", "uscc", "custody_bank_name", "websites", "apps") gin_trgm_ops)`,
})
@Unique({
  name: 'platform_uscc_held',
  expression: `create unique index "platform_uscc_held" on "platform" ("uscc") where "registry_status" in ('PENDING', 'APPROVED', 'SUSPENDED')`,
})
export class Platform implements Node {
  [OptionalProps]?: 'id' | 'createdAt' | 'version' | 'websites' | 'apps' | 'relatedParties' | 'registryStatus' | 'profileUpdatedAt' | 'formerNames';

  @PrimaryKey({ type: 'text' })
  id: string = newId('plt');

  @Field(() => Association, { description: 'The association the platform is registered with.' })
  @ManyToOne(() => Association, RESTRICT)
  association!: Association;

  @Field({ description: "The operating company's registered name; earlier ones are in formerNames." })
  @Property({ type: 'text' })
  legalName!: string;

  /** Oldest first; shown as `formerNames` (platform.resolver.ts). */
  @Property({ type: 'json' })
  formerNames: FormerNameRecord[] = [];

  /** Held by one PENDING, APPROVED or SUSPENDED registration at most (the partial unique index above). */
  @Field({ description: 'Unified social credit code (统一社会信用代码), 18 characters, check character verified.' })
  @Property({ type: 'text' })
  @Index({ name: 'platform_uscc_index' })
  uscc!: string;

  @Field(() => Int64, { description: 'Registered capital in minor units (fen).' })
  @Property({ type: new BigIntType('bigint') })
  registeredCapitalMinor!: bigint;

  @Field(() => Date, { description: 'When the business licence was issued: the start of the 10-working-day clock for registering with the local financial regulator (Interim Measures Art. 5).' })
  @Property({ type: 'timestamptz' })
  businessLicenseIssuedAt!: Date;

  @Field(() => Date, { description: 'When the platform launched (went online).' })
  @Property({ type: 'timestamptz' })
  onlineSince!: Date;

  @Field(() => [String], { description: "The platform's websites (http(s) URLs), a disclosure channel." })
  @Property({ type: 'json' })
  websites: string[] = [];

  @Field(() => [String], { description: "The platform's apps, a disclosure channel." })
  @Property({ type: 'json' })
  apps: string[] = [];

  @Field(() => String, { nullable: true, description: 'Name of the custody bank holding lenders’ funds.' })
  @Property({ type: 'text', nullable: true })
  custodyBankName!: string | null;

  @Field(() => [RelatedParty], { description: 'Related parties (by name hash), used to tag related-party loans.' })
  @Property({ type: 'json' })
  relatedParties: RelatedParty[] = [];

  @Field(() => RegulatorRegistration, { description: 'Registration (备案) with the local financial regulator, as declared by the platform.' })
  @Embedded(() => RegulatorRegistration, { prefix: 'regulator_' })
  regulatorRegistration!: RegulatorRegistration;

  @Field(() => IntermediaryAttestation, { description: 'The information-intermediary attestation accepted at registration.' })
  @Embedded(() => IntermediaryAttestation, { prefix: 'attestation_' })
  attestation!: IntermediaryAttestation;

  @Field(() => RegistryStatus, { description: "The registry's own status for the platform; changes are in statusHistory." })
  @Enum({ items: () => RegistryStatus, nativeEnumName: 'registry_status' })
  @Index()
  registryStatus: RegistryStatus = RegistryStatus.PENDING;

  @Field(() => Date, { nullable: true, description: 'When the owners last updated the profile (legal name, custody bank, websites, apps, related parties, regulator registration); null if never.' })
  @Property({ type: 'timestamptz', nullable: true })
  profileUpdatedAt: Date | null = null;

  @Field(() => Date, { description: 'When the platform registered with this registry.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Int, { description: 'Increases by one with every recorded change (1 after registration); the version number in the transparency log.' })
  @Property({ type: 'integer' })
  version: number = 0;
}
