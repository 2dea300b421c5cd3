import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../shared/sql';
import { Platform } from './platform.entity';
import { Qualification } from './qualification.entity';

// Public reads are the hot path: they fetch plain rows and map them to the entities' shape, skipping
// entity hydration (measured at 3-5x the cost of the query itself). Writes keep using entities.

type Row = Record<string, any>;

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
const toDateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : toDate(value));
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A `platform` table row as a plain object shaped like the Platform entity. */
export function platformFromRow(row: Row): Platform {
  return {
    id: row.id,
    association: { id: row.association_id },
    legalName: row.legal_name,
    formerNames: row.former_names,
    uscc: row.uscc,
    registeredCapitalMinor: BigInt(row.registered_capital_minor),
    businessLicenseIssuedAt: toDate(row.business_license_issued_at),
    onlineSince: toDate(row.online_since),
    websites: row.websites,
    apps: row.apps,
    custodyBankName: row.custody_bank_name,
    relatedParties: row.related_parties,
    regulatorRegistration: {
      status: row.regulator_status,
      number: row.regulator_number,
      authority: row.regulator_authority,
      registeredAt: toDateOrNull(row.regulator_registered_at),
    },
    attestation: {
      textVersion: row.attestation_text_version,
      attestedBy: row.attestation_attested_by,
      attestedAt: toDate(row.attestation_attested_at),
    },
    registryStatus: row.registry_status,
    profileUpdatedAt: toDateOrNull(row.profile_updated_at),
    createdAt: toDate(row.created_at),
    version: row.version,
  } as unknown as Platform;
}

/** A `qualification` row as a plain object shaped like the Qualification entity. */
export function qualificationFromRow(row: Row): Qualification {
  return {
    id: row.id,
    platform: { id: row.platform_id },
    type: row.type,
    issuer: row.issuer,
    number: row.number,
    validFrom: toDate(row.valid_from),
    validTo: toDateOrNull(row.valid_to),
    documentSha256: row.document_sha256,
    status: row.status,
    supersedes: row.supersedes_id ? { id: row.supersedes_id } : null,
    createdAt: toDate(row.created_at),
    version: row.version,
  } as unknown as Qualification;
}

/** Platforms by id, in key order, null where missing: one statement. */
export async function platformsByIds(em: EntityManager, ids: readonly string[]): Promise<(Platform | null)[]> {
  const rows = await sql<Row>(em, `select * from platform where id in (${placeholders(ids.length)})`, [...ids]);
  const byId = new Map(rows.map((row) => [row.id as string, platformFromRow(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Qualifications of many platforms, oldest first, grouped in key order: one statement. */
export async function qualificationsOfPlatforms(em: EntityManager, platformIds: readonly string[]): Promise<Qualification[][]> {
  const rows = await sql<Row>(
    em,
    `select * from qualification where platform_id in (${placeholders(platformIds.length)}) order by created_at, id`,
    [...platformIds],
  );
  const groups = new Map<string, Qualification[]>(platformIds.map((id) => [id, []]));
  for (const row of rows) groups.get(row.platform_id)?.push(qualificationFromRow(row));
  return platformIds.map((id) => groups.get(id) as Qualification[]);
}

/**
 * What field resolvers need of a platform. Typing `@Root()` with a structural type (not the entity
 * class) stops type-graphql from copying each plain row into a new entity instance.
 */
export type PlatformRef = Pick<Platform, 'id' | 'association'>;

/** What qualification field resolvers need (see PlatformRef). */
export type QualificationRef = Pick<Qualification, 'id' | 'platform' | 'supersedes' | 'status' | 'validFrom' | 'validTo'>;
