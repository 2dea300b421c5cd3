import { EntityManager } from '@mikro-orm/postgresql';
import { ObjectType, Field, Int } from 'type-graphql';
import { ConflictError, ForbiddenError } from '../../errors';
import { Actor, runWrite, Write } from '../ledger';
import { Association } from '../associations/association.entity';
import { calendarFor } from '../calendar/association-calendar';
import { periodBounds } from '../calendar/working-days';
import { Filing, ImportContext } from '../filings/filing.entity';
import { Provenance } from '../filings/filing.enums';
import { contentHash, StoredFilingContent } from '../filings/filing-document';
import { NewFilingVersion, recordEvaluated } from '../filings/submit-filing';
import { Platform } from '../platforms/platform.entity';
import { RegistryStatus, RegulatorRegistrationStatus, RelatedPartyRelation } from '../platforms/platform.enums';
import { PlatformStatusChange } from '../platforms/platform-status-change.entity';
import { Qualification } from '../platforms/qualification.entity';
import { USCC_HOLDING_STATUSES } from '../platforms/platform.policy';
import { checkImportFile, ImportedFiling, ImportFile, qualificationInputOf } from './import-file';

/** What one import did. */
@ObjectType({ description: 'What an import did. Importing the same file again changes nothing.' })
export class ImportResult {
  @Field(() => Platform, { description: 'The platform the file is about (new or already on record).' }) platform!: Platform;
  @Field({ description: 'Whether the platform was new to the registry.' }) platformCreated!: boolean;
  @Field(() => Int, { description: 'Qualifications the import added.' }) qualificationsCreated!: number;
  @Field(() => Int, { description: 'Filing versions the import added.' }) filingsCreated!: number;
  @Field(() => Int, { description: 'Filings already on record exactly as in the file.' }) filingsUnchanged!: number;
  @Field(() => Int, { description: 'Flags the imported filings raised.' }) flagsRaised!: number;
}

/**
 * Brings an association's existing records in: the platform (found by USCC among the registrations holding it, else created as APPROVED
 * with provenance noted), its qualifications, and its filings with their original `submittedAt`, each
 * evaluated as of the file's `ctx.asOf` with its due periods and parameters. Idempotent: records
 * already present with the same content are left alone; changed content amends an imported version
 * (whose flags are superseded, as amendFiling does), never a version the platform submitted itself.
 */
export async function importRecords(em: EntityManager, associationId: string, actor: Actor, raw: unknown): Promise<ImportResult> {
  const file = checkImportFile(raw);
  return runWrite(em, actor, async (write) => {
    const association = await write.em.findOneOrFail(Association, associationId);
    const existing = await write.em.findOne(Platform, { uscc: file.platform.uscc, registryStatus: { $in: USCC_HOLDING_STATUSES } });
    if (existing && existing.association.id !== association.id) {
      throw new ForbiddenError(`The platform with USCC ${file.platform.uscc} is registered with another association; only that association can import its records.`);
    }
    const platform = existing ?? createPlatform(write, association, file);
    const qualificationsCreated = await addMissingQualifications(write, platform, file);
    const created: NewFilingVersion[] = [];
    let filingsUnchanged = 0;
    const inPeriodOrder = file.filings.map((imported, index) => ({ imported, path: `file.filings.${index}` }));
    const importContext = { asOf: new Date(file.ctx.asOf).toISOString(), duePeriods: file.ctx.duePeriods, params: stringParams(file.ctx.params ?? {}) };
    for (const { imported, path } of inPeriodOrder.sort((a, b) => a.imported.period.localeCompare(b.imported.period))) {
      const filing = await importFiling(write, platform, imported, path, importContext);
      if (filing) created.push(filing);
      else filingsUnchanged++;
    }
    // each is evaluated as of its importContext (see factsAsOf), seeing the file's other months
    const flagsRaised = (await recordEvaluated(write, created)).length;
    return { platform, platformCreated: !existing, qualificationsCreated, filingsCreated: created.length, filingsUnchanged, flagsRaised };
  });
}

function createPlatform(write: Write, association: Association, file: ImportFile): Platform {
  const p = file.platform;
  const platform = write.em.create(Platform, {
    association,
    legalName: p.legalName,
    uscc: p.uscc,
    registeredCapitalMinor: BigInt(p.registeredCapitalMinor),
    businessLicenseIssuedAt: new Date(p.businessLicenseIssuedAt),
    onlineSince: new Date(p.onlineSince),
    websites: p.websites ?? [],
    apps: p.apps ?? [],
    custodyBankName: p.custodyBank?.name ?? null,
    relatedParties: (p.relatedParties ?? []).map((r) => ({ relation: r.relation.toUpperCase() as RelatedPartyRelation, nameHash: r.nameHash })),
    regulatorRegistration: {
      status: p.registration.status.toUpperCase() as RegulatorRegistrationStatus,
      number: p.registration.registrationNumber,
      authority: p.registration.authority,
      registeredAt: p.registration.registeredAt ? new Date(p.registration.registeredAt) : null,
    },
    attestation: { textVersion: 'none (imported record)', attestedBy: `${association.name} (import)`, attestedAt: write.at },
    registryStatus: RegistryStatus.APPROVED,
    createdAt: write.at,
  });
  write.record(platform, 'platform.imported', { reason: 'imported from association records' });
  const change = write.em.create(PlatformStatusChange, {
    platform, fromStatus: null, toStatus: RegistryStatus.APPROVED, reason: 'Imported from association records.', changedBy: `${association.name} (import)`, at: write.at,
  });
  write.record(change, 'platform.status-changed');
  return platform;
}

async function addMissingQualifications(write: Write, platform: Platform, file: ImportFile): Promise<number> {
  const known = await write.em.find(Qualification, { platform });
  let created = 0;
  for (const q of file.platform.qualifications) {
    const input = qualificationInputOf(q);
    if (known.some((k) => k.type === input.type && k.number === input.number && k.validFrom.getTime() === input.validFrom.getTime())) continue;
    const qualification = write.em.create(Qualification, { platform, ...input, validTo: input.validTo ?? null, supersedes: null, createdAt: write.at });
    write.record(qualification, 'qualification.imported');
    created++;
  }
  return created;
}

/**
 * Builds the filing (or an amendment of an imported version when the period holds different figures), to be
 * recorded once evaluated; null when already on record. A version the platform submitted itself is never replaced.
 */
async function importFiling(write: Write, platform: Platform, imported: ImportedFiling, path: string, importContext: ImportContext): Promise<NewFilingVersion | null> {
  const content = storedFromDomain(imported);
  const sha = contentHash(content);
  const live = await write.em.findOne(Filing, { platform, period: imported.period }, { orderBy: { amendment: 'desc' } });
  if (live && live.contentSha256 === sha) return null;
  if (live && live.provenance === Provenance.SUBMITTED) throw wouldReplaceSubmitted(live, path);
  const { start, end } = periodBounds(imported.period);
  const filing = write.em.create(Filing, {
    platform, period: imported.period, amendment: (live?.amendment ?? 0) + 1, supersedes: live ?? null, provenance: Provenance.IMPORTED,
    currency: imported.currency ?? 'CNY', periodStart: start, periodEnd: end, dueAt: (await calendarFor(write.em, platform.association.id)).filingDueAt(imported.period),
    submittedAt: new Date(imported.submittedAt), amendmentReason: live ? 'Imported records differ from the version on file.' : null,
    content, contentSha256: sha, importContext, createdAt: write.at,
  }, { persist: false });
  return { filing, action: live ? 'filing.amended' : 'filing.imported' };
}

function wouldReplaceSubmitted(live: Filing, path: string): ConflictError {
  return new ConflictError(
    `Period ${live.period} holds filing ${live.id}, which the platform submitted itself; an import never replaces it (the platform corrects it with amendFiling).`,
    'IMPORT_WOULD_REPLACE_SUBMITTED_FILING',
    { filingId: live.id, path },
  );
}

function storedFromDomain(f: ImportedFiling): StoredFilingContent {
  const strings = (section: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(section).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
  return {
    ops: strings(f.ops) as Record<string, string>,
    borrowerCaps: strings(f.borrowerCaps) as Record<string, string>,
    custody: strings(f.custody) as Record<string, string>,
    products: f.products.map((p) => strings(p) as Record<string, string | boolean>),
  };
}

function stringParams(params: Record<string, number | string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}
