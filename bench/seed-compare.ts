import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUscc } from '../seeds/factories';
import { Association } from '../src/modules/associations/association.entity';
import { createAssociation } from '../src/modules/associations/create-association';
import { prcCalendar } from '../src/modules/calendar/prc-calendar';
import { periodBounds } from '../src/modules/calendar/working-days';
import { Filing } from '../src/modules/filings/filing.entity';
import { contentHash, StoredFilingContent } from '../src/modules/filings/filing-document';
import { BulkWrite } from '../src/modules/ledger';
import { Platform } from '../src/modules/platforms/platform.entity';
import { platformFromRow } from '../src/modules/platforms/platform.rows';
import { monthsBetween } from '../src/modules/compare/figure.queries';
import { newId } from '../src/shared/ids';
import { sql } from '../src/shared/sql';
import { addMonths, mulberry32 } from './seed-filings';

/** The association the comparison benchmark seeds. */
export const COMPARE_ASSOCIATION = 'Bench comparison association';
/** Platforms per transaction (each with all its months). */
const PLATFORMS_PER_BATCH = 50;
const TEMPLATE = path.join(__dirname, '../seeds/examples/records/S01-clean-established-3m.json');
const ACTOR = { memberId: null, label: 'system', role: null };

/** What the seeder made: the association and the months every platform filed. */
export interface CompareWorld {
  associationId: string;
  periods: string[];
  platforms: number;
  filings: number;
}

/**
 * Finds or creates `platforms` approved platforms with `months` monthly filings each, ending 2019-12, written
 * as the bulk path writes them: rows in multi-row INSERTs and a ledger entry per platform and filing (BulkWrite),
 * 50 platforms per transaction. The filings' insert statements fire the figures trigger, so `filing_figure`
 * fills as it would in production. Figures are the clean example month scaled per platform and month, so
 * every indicator spreads.
 */
export async function seedCompareWorld(orm: MikroORM, platforms: number, months: number): Promise<CompareWorld> {
  const periods = monthsBetween(addMonths('2019-12', 1 - months), '2019-12');
  const existing = await orm.em.fork().findOne(Association, { name: COMPARE_ASSOCIATION });
  if (existing) {
    const [{ n }] = await sql<{ n: string }>(orm.em.fork(), 'select count(*) as n from platform where association_id = ?', [existing.id]);
    return { associationId: existing.id, periods, platforms: Number(n), filings: Number(n) * months };
  }
  const { association } = await createAssociation(orm.em.fork(), COMPARE_ASSOCIATION, 'Bench admin', ACTOR);
  const template = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8')).filings.at(-1);
  const random = mulberry32(2019);
  for (let start = 0; start < platforms; start += PLATFORMS_PER_BATCH) {
    await orm.em.fork().transactional(async (em) => {
      const bulk = new BulkWrite(em, ACTOR, new Date());
      const rows: Record<string, unknown>[] = [];
      for (let i = start; i < Math.min(start + PLATFORMS_PER_BATCH, platforms); i++) {
        const row = platformRow(association.id, i);
        rows.push(row);
        bulk.updated(Platform, platformFromRow(row), 'platform.imported');
        const scale = 0.2 + random() * 5;
        let growth = 1;
        for (const period of periods) {
          growth *= 0.95 + random() * 0.12;
          bulk.inserted(Filing, filingOf(row.id as string, period, scaled(template, scale * growth, random)) as Filing, 'filing.imported');
        }
      }
      await bulk.execute('insert into platform select * from json_populate_recordset(null::platform, ?::json)', [JSON.stringify(rows)]);
      await bulk.flush();
    });
  }
  await sql(orm.em.fork(), 'analyze');
  return { associationId: association.id, periods, platforms, filings: platforms * months };
}

function platformRow(associationId: string, index: number): Record<string, unknown> {
  const at = new Date().toISOString();
  return {
    id: newId('plt'), association_id: associationId, legal_name: `比较网络借贷信息中介服务有限公司 ${String(index).padStart(5, '0')}`, uscc: randomUscc(),
    registered_capital_minor: '5000000000', business_license_issued_at: '2015-03-02T00:00:00+08:00', online_since: '2015-06-18T00:00:00+08:00',
    websites: [`https://c${index}.lending.example.cn`], apps: [], custody_bank_name: '江南商业银行股份有限公司', related_parties: [], former_names: [],
    regulator_status: 'REGISTERED', regulator_number: `沪网贷备-2018-${index}`, regulator_authority: '上海市地方金融监督管理局', regulator_registered_at: '2018-11-20T00:00:00+08:00',
    attestation_text_version: 'none (imported record)', attestation_attested_by: 'bench', attestation_attested_at: at, registry_status: 'APPROVED', created_at: at, version: 1,
  };
}

/** A filing row shaped like the Filing entity, imported and on time, not evaluated (the comparison reads no flags). */
function filingOf(platformId: string, period: string, content: StoredFilingContent) {
  const { start, end } = periodBounds(period);
  const dueAt = prcCalendar.filingDueAt(period);
  return {
    id: newId('fil'), platform: { id: platformId }, period, amendment: 1, supersedes: null, provenance: 'IMPORTED', currency: 'CNY', periodStart: start, periodEnd: end,
    dueAt, submittedAt: new Date(dueAt.getTime() - 86_400_000), submittedBy: null, amendmentReason: null, importContext: null, content,
    contentSha256: contentHash(content), factsSha256: null, evaluatedRuleVersionIds: null, createdAt: new Date(), version: 0,
  };
}

const AMOUNT = /(Minor|Count)$/;

/** The template month with its amounts and counts scaled by `factor` (each jittered), rates and terms as filed. */
function scaled(filing: { ops: Record<string, number>; borrowerCaps: Record<string, number>; custody: Record<string, unknown>; products: Record<string, unknown>[] }, factor: number, random: () => number): StoredFilingContent {
  const section = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? String(AMOUNT.test(k) ? Math.floor(v * factor * (0.9 + random() * 0.2)) : v) : v]));
  return {
    ops: section(filing.ops) as Record<string, string>,
    borrowerCaps: section(filing.borrowerCaps) as Record<string, string>,
    custody: section(filing.custody) as Record<string, string>,
    products: filing.products.slice(0, 1).map((p) => section(p) as Record<string, string | boolean>),
  };
}
