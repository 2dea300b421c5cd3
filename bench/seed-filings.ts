import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUscc, sha256 } from '../seeds/factories';
import { seedRulebook } from '../seeds/seed-rulebook';
import { Member } from '../src/modules/accounts/member.entity';
import { Role } from '../src/modules/accounts/role';
import { memberViewer, MemberViewer } from '../src/modules/accounts/viewer';
import { Association } from '../src/modules/associations/association.entity';
import { createAssociation } from '../src/modules/associations/create-association';
import { prcCalendar } from '../src/modules/calendar/prc-calendar';
import { periodBounds } from '../src/modules/calendar/working-days';
import { contentFacts, contentHash, StoredFilingContent } from '../src/modules/filings/filing-document';
import { evaluateRules, FilingFacts, RuleInput } from '../src/modules/evaluation';
import { toEvaluate, versionsInForce } from '../src/modules/rules/rules-in-force';
import { newId } from '../src/shared/ids';
import { sql } from '../src/shared/sql';

/** The association the rule benchmarks use: the 25 seed rules, its platforms and their monthly filings. */
export const RULEBOOK_ASSOCIATION = 'Bench rulebook association';

/** Months each platform files: 20, from January 2019. */
export const FIRST_PERIOD = '2019-01';
const MONTHS = 20;
const BATCH = 1000;
const DAY_MS = 86_400_000;
const EXAMPLES = path.join(__dirname, '../seeds/examples/records');

/** The seeded association, and an admin to publish rule versions with. */
export interface RulebookWorld {
  associationId: string;
  editor: MemberViewer;
  filings: number;
  periods: string[];
}

type Row = Record<string, unknown>;
type Domain = Record<string, any>;

/**
 * Finds or creates the rulebook association with `filings` live filings: the association and the seed
 * rulebook through the real commands (createAssociation, seedRulebook), then in bulk SQL
 * (json_populate_recordset on the ORM's connection, so it also works on the single-connection embedded
 * database) filings/20 approved platforms with the qualifications of one of the five labelled examples,
 * 20 monthly filings each in the stored domain format, and the OPEN POOL-001 flags the seed version raises
 * on them. Figures come from the examples' months, with unmatched committed funds drawn between 0 and 15%
 * of new loans (POOL-001 flags above 10%); 5% of filings are late and 10% of platforms joined three months
 * before their first filing, so every rule family finds something.
 */
export async function seedRulebookWorld(orm: MikroORM, filings: number): Promise<RulebookWorld> {
  const periods = Array.from({ length: MONTHS }, (_, i) => addMonths(FIRST_PERIOD, i));
  const existing = await orm.em.fork().findOne(Association, { name: RULEBOOK_ASSOCIATION });
  if (existing) {
    const [{ n }] = await sql<{ n: string }>(orm.em.fork(), 'select count(*) as n from filing f join platform p on p.id = f.platform_id where p.association_id = ?', [existing.id]);
    const admin = await orm.em.fork().findOneOrFail(Member, { association: existing, role: Role.ASSOCIATION_ADMIN });
    if (Number(n) >= filings) return { associationId: existing.id, editor: memberViewer(admin), filings: Number(n), periods };
    throw new Error(`${RULEBOOK_ASSOCIATION} holds ${n} filings, fewer than ${filings}: use a fresh database`);
  }
  const created = await createAssociation(orm.em.fork(), RULEBOOK_ASSOCIATION, 'Bench admin', { memberId: null, label: 'system' });
  const editor = memberViewer(created.admin);
  await seedRulebook(orm.em, editor);
  const associationId = created.association.id;
  const pool = toEvaluate(await versionsInForce(orm.em.fork(), associationId, new Date())).find((r) => r.ruleCode === 'POOL-001');
  if (!pool) throw new Error('the seed rulebook has no POOL-001');
  const templates = fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) as Domain);
  const random = mulberry32(20190101);
  const platforms = Math.ceil(filings / MONTHS);
  const at = new Date();
  for (let start = 0; start < platforms; start += BATCH / MONTHS) {
    const tables: Record<string, Row[]> = { platform: [], qualification: [], filing: [], flag: [] };
    for (let i = start; i < Math.min(start + BATCH / MONTHS, platforms); i++) {
      addPlatform(tables, associationId, templates[i % templates.length], i, periods.slice(0, Math.min(MONTHS, filings - i * MONTHS)), pool, random, at);
    }
    // knex directly, so the JSON goes as a query parameter (the ORM would inline and escape it)
    const knex = orm.em.getConnection().getKnex();
    for (const [table, rows] of Object.entries(tables)) {
      if (rows.length) await knex.raw(`insert into ${table} select * from json_populate_recordset(null::${table}, ?::json)`, [JSON.stringify(rows)]);
    }
  }
  // as autovacuum would long before a publication: a job over never-vacuumed rows would also pay for
  // their visibility hint bits, once (about 1.3 s more of 10.4 s here)
  await sql(orm.em.fork(), 'vacuum analyze');
  return { associationId, editor, filings, periods };
}

function addPlatform(
  tables: Record<string, Row[]>,
  associationId: string,
  template: Domain,
  index: number,
  periods: string[],
  pool: ReturnType<typeof toEvaluate>[number],
  random: () => number,
  at: Date,
): void {
  const id = newId('plt');
  const p = template.platform;
  // 10% joined three months before their first filing: FILE-001 finds the months missing
  const joined = index % 10 === 9 ? addMonths(periods[0], -3) : periods[0];
  tables.platform.push({
    id,
    association_id: associationId,
    legal_name: `${p.legalName} ${String(index).padStart(5, '0')}`,
    uscc: randomUscc(),
    registered_capital_minor: String(p.registeredCapitalMinor),
    business_license_issued_at: p.businessLicenseIssuedAt,
    online_since: p.onlineSince,
    websites: p.websites ?? [`https://p${index}.lending.example.cn`],
    apps: p.apps ?? [],
    custody_bank_name: p.custodyBank?.name ?? null,
    related_parties: (p.relatedParties ?? []).map((r: Domain) => ({ relation: r.relation.toUpperCase(), nameHash: r.nameHash })),
    former_names: [],
    regulator_status: p.registration.status.toUpperCase(),
    regulator_number: p.registration.registrationNumber,
    regulator_authority: p.registration.authority,
    regulator_registered_at: p.registration.registeredAt,
    attestation_text_version: 'none (imported record)',
    attestation_attested_by: 'bench',
    attestation_attested_at: at.toISOString(),
    registry_status: 'APPROVED',
    created_at: `${joined}-10T00:00:00+08:00`,
    version: 1,
  });
  let custodyQualificationId = '';
  for (const q of p.qualifications as Domain[]) {
    const qualificationId = newId('qlf');
    if (q.type === 'custody_agreement') custodyQualificationId = qualificationId;
    tables.qualification.push({
      id: qualificationId,
      platform_id: id,
      type: q.type.toUpperCase(),
      issuer: q.issuer,
      number: `${q.number}-${index}`,
      valid_from: q.validFrom,
      valid_to: q.validTo,
      document_sha256: sha256(`${qualificationId}`),
      status: q.status === 'active' ? 'ACTIVE' : 'REVOKED',
      supersedes_id: null,
      created_at: at.toISOString(),
      version: 1,
    });
  }
  periods.forEach((period, month) => {
    const source = template.filings[month % template.filings.length] as Domain;
    const content = storedContent(source);
    content.custody.agreementQualificationId = custodyQualificationId;
    const newLoans = Number(content.ops.newLoanAmountMinor);
    content.custody.unmatchedCommittedFundsMinor = String(Math.floor(newLoans * 0.15 * random()));
    const { start, end, dueAt } = periodDates(period);
    const submittedAt = new Date(dueAt.getTime() + (random() < 0.05 ? 7 : -2) * DAY_MS);
    const filingId = newId('fil');
    tables.filing.push({
      id: filingId,
      platform_id: id,
      period,
      amendment: 1,
      supersedes_id: null,
      provenance: 'IMPORTED',
      currency: 'CNY',
      period_start: start.toISOString(),
      period_end: end.toISOString(),
      due_at: dueAt.toISOString(),
      submitted_at: submittedAt.toISOString(),
      submitted_by_id: null,
      amendment_reason: null,
      content,
      content_sha256: contentHash(content),
      created_at: at.toISOString(),
      version: 1,
    });
    // what the seed POOL-001 version raised when the filing arrived (it reads the filing's figures only)
    const filing = { ...contentFacts(content), filingId, platformId: id, period } as unknown as FilingFacts;
    const [finding] = evaluateRules([pool], { filing, prev: null } as unknown as RuleInput, submittedAt);
    if (finding.outcome !== 'FLAGGED') return;
    tables.flag.push({
      id: newId('flg'),
      platform_id: id,
      filing_id: filingId,
      period,
      rule_version_id: pool.ruleVersionId,
      rule_code: pool.ruleCode,
      severity: 'HIGH',
      category: 'FUND_POOLING',
      status: 'OPEN',
      evidence: finding.evidence,
      raised_at: submittedAt.toISOString(),
      status_changed_at: null,
      status_reason: null,
      case_state: 'OPEN',
      case_changed_at: null,
      case_carried_from_id: null,
      review_before_publication: false,
      held_for_review: false,
      version: 1,
    });
  });
}

const datesByPeriod = new Map<string, { start: Date; end: Date; dueAt: Date }>();

/** A period's bounds and due instant (PRC calendar), computed once. */
function periodDates(period: string): { start: Date; end: Date; dueAt: Date } {
  let dates = datesByPeriod.get(period);
  if (!dates) {
    dates = { ...periodBounds(period), dueAt: prcCalendar.filingDueAt(period) };
    datesByPeriod.set(period, dates);
  }
  return dates;
}

/** An example month in the stored format: numbers as decimal strings, enums already in domain form. */
function storedContent(filing: Domain): StoredFilingContent {
  const strings = (section: Domain) => Object.fromEntries(Object.entries(section).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
  return {
    ops: strings(filing.ops) as Record<string, string>,
    borrowerCaps: strings(filing.borrowerCaps) as Record<string, string>,
    custody: strings(filing.custody) as Record<string, string>,
    products: (filing.products as Domain[]).map((p) => strings(p) as Record<string, string | boolean>),
  };
}

/** The period `n` months after (or before) `period`. */
export function addMonths(period: string, n: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A small seeded PRNG, so every run seeds the same figures. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
