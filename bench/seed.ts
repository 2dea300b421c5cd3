import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { randomUscc, sha256 } from '../seeds/factories';
import { CURRENT_ATTESTATION_VERSION } from '../src/modules/platforms/attestation';
import { QualificationType, RegistryStatus } from '../src/modules/platforms/platform.enums';
import { newId } from '../src/shared/ids';

const BATCH = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;
const REGIONS = ['沪', '京', '粤', '浙', '苏', '闽', '川', '鄂', '湘', '鲁'];
const WORDS = ['金', '信', '融', '通', '汇', '达', '安', '盈', '普', '惠', '联', '众', '鑫', '诚', '泰', '宝'];
const STATUSES = [RegistryStatus.APPROVED, RegistryStatus.APPROVED, RegistryStatus.APPROVED, RegistryStatus.PENDING, RegistryStatus.REJECTED];
const QUALIFICATION_TYPES = [QualificationType.ICP_LICENSE, QualificationType.CUSTODY_AGREEMENT, QualificationType.MLPS_LEVEL3_FILING];

type Row = Record<string, unknown>;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/**
 * Inserts `count` valid platforms in bulk (one association; each platform with 2-3 qualifications and its
 * status history) with one `json_populate_recordset` INSERT per table and batch, bypassing the API.
 */
export async function seedPlatforms(url: string, count: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const at = new Date().toISOString();
    const associationId = newId('asn');
    await client.query('insert into association (id, name, created_at, version) values ($1, $2, $3, 1)', [
      associationId,
      `Bench Association ${randomBytes(4).toString('hex')}`,
      at,
    ]);
    const usccs = new Set<string>();
    for (let start = 0; start < count; start += BATCH) {
      const tables: Record<string, Row[]> = { platform: [], qualification: [], platform_status_change: [] };
      for (let i = start; i < Math.min(start + BATCH, count); i++) {
        let uscc = randomUscc();
        while (usccs.has(uscc)) uscc = randomUscc();
        usccs.add(uscc);
        addPlatform(tables, associationId, uscc, i, at);
      }
      for (const [table, rows] of Object.entries(tables)) {
        await client.query(`insert into ${table} select * from json_populate_recordset(null::${table}, $1::json)`, [JSON.stringify(rows)]);
      }
    }
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

function addPlatform(tables: Record<string, Row[]>, associationId: string, uscc: string, index: number, at: string): void {
  const id = newId('plt');
  const status = pick(STATUSES);
  const name = `${pick(REGIONS)}${pick(WORDS)}${pick(WORDS)}网络借贷信息中介服务有限公司 ${String(index).padStart(5, '0')}`;
  tables.platform.push({
    id,
    association_id: associationId,
    legal_name: name,
    uscc,
    registered_capital_minor: String(1_000_000_000 + Math.floor(Math.random() * 9_000_000_000)),
    business_license_issued_at: '2015-03-02T00:00:00+08:00',
    online_since: '2015-06-18T00:00:00+08:00',
    websites: [`https://p${index}.lending.example.cn`],
    apps: [],
    custody_bank_name: '江南商业银行股份有限公司',
    related_parties: [],
    former_names: [],
    regulator_status: 'REGISTERED',
    regulator_number: `沪网贷备-2018-${index}`,
    regulator_authority: '上海市地方金融监督管理局',
    regulator_registered_at: '2018-11-20T00:00:00+08:00',
    attestation_text_version: CURRENT_ATTESTATION_VERSION,
    attestation_attested_by: `Owner ${index}`,
    attestation_attested_at: at,
    registry_status: status,
    created_at: at,
    version: status === RegistryStatus.PENDING ? 1 : 2,
  });
  const qualifications = 2 + Math.floor(Math.random() * 2);
  for (let q = 0; q < qualifications; q++) {
    const validTo = q === 1 ? null : new Date(Date.now() + (Math.floor(Math.random() * 1000) - 100) * DAY_MS).toISOString();
    tables.qualification.push({
      id: newId('qlf'),
      platform_id: id,
      type: QUALIFICATION_TYPES[q],
      issuer: '上海市通信管理局',
      number: `沪B2-${index}-${q}`,
      valid_from: '2018-12-01T00:00:00+08:00',
      valid_to: validTo,
      document_sha256: sha256(`${id}/${q}`),
      status: 'ACTIVE',
      supersedes_id: null,
      created_at: at,
      version: 1,
    });
  }
  const change = (from: RegistryStatus | null, to: RegistryStatus, reason: string) =>
    tables.platform_status_change.push({ id: newId('psc'), platform_id: id, from_status: from, to_status: to, reason, changed_by: 'bench', at, version: 1 });
  change(null, RegistryStatus.PENDING, 'Self-registration received; awaiting association review.');
  if (status !== RegistryStatus.PENDING) change(RegistryStatus.PENDING, status, 'Seeded by the benchmark.');
}
