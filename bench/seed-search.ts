import { MikroORM } from '@mikro-orm/postgresql';
import { randomUscc } from '../seeds/factories';
import { seedRulebook } from '../seeds/seed-rulebook';
import { memberViewer } from '../src/modules/accounts/viewer';
import { createAssociation } from '../src/modules/associations/create-association';
import { newId } from '../src/shared/ids';
import { sql } from '../src/shared/sql';
import { mulberry32 } from './seed-filings';

/** The association the search benchmark seeds. */
export const SEARCH_ASSOCIATION = 'Bench search association';
const BATCH = 2000;

const CITIES: [string, string, string][] = [
  ['上海', 'sh', '上海市地方金融监督管理局'],
  ['北京', 'bj', '北京市地方金融监督管理局'],
  ['深圳', 'sz', '深圳市地方金融监督管理局'],
  ['杭州', 'hz', '浙江省地方金融监督管理局'],
  ['南京', 'nj', '江苏省地方金融监督管理局'],
  ['广州', 'gz', '广东省地方金融监督管理局'],
  ['成都', 'cd', '四川省地方金融监督管理局'],
  ['武汉', 'wh', '湖北省地方金融监督管理局'],
];
/** Brand characters and their pinyin: a brand is two of them, its website their pinyin. */
const BRAND: [string, string][] = [
  ['金', 'jin'], ['信', 'xin'], ['融', 'rong'], ['通', 'tong'], ['汇', 'hui'], ['达', 'da'], ['安', 'an'], ['盈', 'ying'],
  ['普', 'pu'], ['惠', 'hui'], ['联', 'lian'], ['众', 'zhong'], ['鑫', 'xin'], ['诚', 'cheng'], ['泰', 'tai'], ['宝', 'bao'],
];
const FORMS = ['网络借贷信息中介服务有限公司', '金融信息服务有限公司', '互联网金融信息服务股份有限公司', '网络科技有限公司', '投资咨询有限公司', '普惠金融信息服务有限公司'];
const BANKS = ['江南商业银行股份有限公司', '华北发展银行股份有限公司', '东海银行股份有限公司', '西部商业银行股份有限公司', '南方农村商业银行股份有限公司', '中原城市商业银行股份有限公司', '渤海之滨银行股份有限公司', '长江民生银行股份有限公司'];
const STATUSES = ['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'SUSPENDED', 'PENDING', 'REJECTED'];
const FLAG_STATUSES = ['OPEN', 'OPEN', 'OPEN', 'RESOLVED', 'SUPERSEDED'];

/** What the seeder made: the counts, and a USCC of one platform (its prefix is one of the benchmark's queries). */
export interface SearchWorld {
  platforms: number;
  flags: number;
  rules: number;
  sampleUscc: string;
}

type Row = Record<string, unknown>;

/**
 * Finds or creates the search world in its own database: an association with the 25 seed rules through the
 * real commands (createAssociation, seedRulebook), then `platforms` platforms in bulk SQL, bypassing the API as
 * the http section's seeder does (search reads the tables, not the ledger). Each platform has a distinct
 * Chinese name (city, two-character brand, company form, e.g. 杭州鑫融网络科技有限公司), one or two websites
 * from the brand's pinyin, an app for a third of them, one of eight custody banks and its city's regulator;
 * 40% have one to three flags of seed rules (mostly OPEN), as missing-filing flags (no filing).
 */
export async function seedSearchWorld(orm: MikroORM, platforms: number): Promise<SearchWorld> {
  const em = orm.em.fork();
  const [existing] = await sql<{ id: string }>(em, 'select id from association where name = ?', [SEARCH_ASSOCIATION]);
  if (!existing) await seedAssociation(orm, platforms);
  const [counts] = await sql<{ platforms: string; flags: string; rules: string; uscc: string }>(
    em,
    'select (select count(*) from platform) platforms, (select count(*) from flag) flags, (select count(*) from rule) rules, (select min(uscc) from platform) uscc',
  );
  return { platforms: Number(counts.platforms), flags: Number(counts.flags), rules: Number(counts.rules), sampleUscc: counts.uscc };
}

async function seedAssociation(orm: MikroORM, platforms: number): Promise<void> {
  const created = await createAssociation(orm.em.fork(), SEARCH_ASSOCIATION, 'Bench admin', { memberId: null, label: 'system' });
  await seedRulebook(orm.em, memberViewer(created.admin));
  const versions = await sql<{ id: string; code: string; severity: string; category: string }>(
    orm.em.fork(),
    `select v.id, r.code, v.severity::text, v.category::text from rule_version v join rule r on r.id = v.rule_id where v.status = 'PUBLISHED' order by r.code`,
  );
  const random = mulberry32(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const names = shuffled(distinctNames(), random).slice(0, platforms);
  if (names.length < platforms) throw new Error(`the search seeder makes at most ${names.length} distinct names`);
  const at = new Date().toISOString();
  const usccs = new Set<string>();
  // knex directly, so the JSON goes as a query parameter (the ORM would inline and escape it)
  const knex = orm.em.getConnection().getKnex();
  for (let start = 0; start < platforms; start += BATCH) {
    const tables: Record<string, Row[]> = { platform: [], flag: [] };
    for (let i = start; i < Math.min(start + BATCH, platforms); i++) {
      let uscc = randomUscc();
      while (usccs.has(uscc)) uscc = randomUscc();
      usccs.add(uscc);
      const { name, site, authority } = names[i];
      const id = newId('plt');
      tables.platform.push({
        id, association_id: created.association.id, legal_name: name, uscc, registered_capital_minor: String(1_000_000_000 + Math.floor(random() * 9_000_000_000)),
        business_license_issued_at: '2015-03-02T00:00:00+08:00', online_since: '2015-06-18T00:00:00+08:00',
        websites: random() < 0.3 ? [`https://www.${site}.com.cn`, `https://m.${site}.cn`] : [`https://www.${site}.com.cn`],
        apps: random() < 0.33 ? [`${name.slice(2, 4)}理财`] : [], custody_bank_name: pick(BANKS), related_parties: [], former_names: [],
        regulator_status: 'REGISTERED', regulator_number: `网贷备-2018-${i}`, regulator_authority: authority, regulator_registered_at: '2018-11-20T00:00:00+08:00',
        attestation_text_version: 'none (imported record)', attestation_attested_by: 'bench', attestation_attested_at: at, registry_status: pick(STATUSES), created_at: at, version: 1,
      });
      if (random() >= 0.4) continue;
      for (let f = 1 + Math.floor(random() * 3); f > 0; f--) {
        const version = pick(versions);
        tables.flag.push({
          id: newId('flg'), platform_id: id, filing_id: null, period: `2019-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
          rule_version_id: version.id, rule_code: version.code, severity: version.severity, category: version.category, status: pick(FLAG_STATUSES),
          evidence: { expression: 'bench', values: {}, evaluatedAt: at }, raised_at: at, status_changed_at: null, status_reason: null,
          case_state: 'OPEN', case_changed_at: null, case_carried_from_id: null, review_before_publication: false, held_for_review: false, version: 1,
        });
      }
    }
    for (const [table, rows] of Object.entries(tables)) {
      if (rows.length) await knex.raw(`insert into ${table} select * from json_populate_recordset(null::${table}, ?::json)`, [JSON.stringify(rows)]);
    }
  }
  await sql(orm.em.fork(), 'analyze');
}

/** Every distinct name: each city, brand of two different characters, and company form. */
function distinctNames(): { name: string; site: string; authority: string }[] {
  const out: { name: string; site: string; authority: string }[] = [];
  for (const [city, cityCode, authority] of CITIES) {
    for (const [first, firstPinyin] of BRAND) {
      for (const [second, secondPinyin] of BRAND) {
        if (first === second) continue;
        FORMS.forEach((form, f) => out.push({ name: `${city}${first}${second}${form}`, site: `${firstPinyin}${secondPinyin}-${cityCode}${f}`, authority }));
      }
    }
  }
  return out;
}

/** A Fisher-Yates shuffle with the seeded generator. */
function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * The fixed list of queries a reader types, drawn at random per request: two-character Chinese fragments
 * (a brand, a city), longer ones (a city and brand, a brand and company form, a company form, a rule's words),
 * a USCC prefix, a custody bank, and latin website fragments.
 */
export function searchQueries(world: SearchWorld): string[] {
  return ['鑫融', '杭州', '深圳鑫融', '融通网络借贷', '信息中介服务', '长拆短', world.sampleUscc.slice(0, 10), '江南商业银行', 'xinrong', 'huida-hz'];
}
