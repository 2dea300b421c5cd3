import fs from 'node:fs';
import path from 'node:path';
import { EntityManager } from '@mikro-orm/postgresql';
import { importRecords } from '../src/modules/imports/import-records';
import { Association } from '../src/modules/associations/association.entity';
import { addMember } from '../src/modules/accounts/manage-members';
import { issueMemberToken } from '../src/modules/accounts/manage-members';
import { Role } from '../src/modules/accounts/role';
import { memberViewer } from '../src/modules/accounts/viewer';
import { buildAssociation, qualificationInput, registrationInput } from './factories';
import { changeRegistryStatus } from '../src/modules/platforms/change-registry-status';
import { QualificationType, RegistryStatus } from '../src/modules/platforms/platform.enums';
import { registerPlatform } from '../src/modules/platforms/register-platform';
import { seedRulebook } from './seed-rulebook';

const DAY = 24 * 60 * 60 * 1000;

/** Labelled historical records (2019) imported into the demo, so flags are there to explore from the start. */
const RECORDS = path.join(__dirname, 'examples', 'records');

/** One demo API token: whose role, in which organisation (name and id). */
export interface DemoToken {
  role: string;
  organisation: string;
  token: string;
}

/** Demo credentials printed once, when the demo is first seeded. */
export interface DemoCredentials {
  associationId: string;
  tokens: DemoToken[];
}

interface DemoPlatform {
  legalName: string;
  authority: string;
  custodyBankName: string;
  status: RegistryStatus;
  /** ICP licence end relative to now, in days; null = open-ended. */
  icpEndsInDays: number | null;
}

const PLATFORMS: DemoPlatform[] = [
  { legalName: '沪甲网络借贷信息中介服务有限公司 (Hujia Lending)', authority: '上海市地方金融监督管理局', custodyBankName: '江南商业银行股份有限公司', status: RegistryStatus.APPROVED, icpEndsInDays: 900 },
  { legalName: '京乙普惠信息科技有限公司 (Jingyi Inclusive Finance)', authority: '北京市地方金融监督管理局', custodyBankName: '华北发展银行股份有限公司', status: RegistryStatus.APPROVED, icpEndsInDays: 30 },
  { legalName: '粤丙网络借贷信息中介有限公司 (Yuebing P2P)', authority: '广东省地方金融监督管理局', custodyBankName: '江南商业银行股份有限公司', status: RegistryStatus.SUSPENDED, icpEndsInDays: -20 },
  { legalName: '浙丁金融信息服务有限公司 (Zheding Finance Info)', authority: '浙江省地方金融监督管理局', custodyBankName: '东海银行股份有限公司', status: RegistryStatus.PENDING, icpEndsInDays: null },
  { legalName: '苏戊网络科技有限公司 (Suwu Network)', authority: '江苏省地方金融监督管理局', custodyBankName: '东海银行股份有限公司', status: RegistryStatus.REJECTED, icpEndsInDays: 400 },
];

/** Reasons the demo reviewer gives for each status. */
const REASONS: Partial<Record<RegistryStatus, string>> = {
  [RegistryStatus.APPROVED]: 'Registration documents complete and consistent.',
  [RegistryStatus.REJECTED]: 'No custody agreement with a qualified bank was provided.',
  [RegistryStatus.SUSPENDED]: 'ICP licence expired; suspended until a renewed licence is filed.',
};

/**
 * Seeds the demo once through the same commands the API uses: an association with the 25-rule seed
 * rulebook, its admin, editor and reviewer; five platforms registered now with qualifications in
 * different states; and the five labelled 2019 records of seeds/examples/records, imported with their flags. Returns null when the
 * database already holds an association.
 */
export async function seedDemoOnce(em: EntityManager): Promise<DemoCredentials | null> {
  if (await em.count(Association)) return null;
  const { association, admin, adminToken } = await buildAssociation(em, 'Demo Internet Finance Association');
  const adminViewer = memberViewer(admin);
  await seedRulebook(em, adminViewer);
  const ofAssociation = `${association.name} (${association.id})`;
  const tokens: DemoToken[] = [{ role: 'association admin', organisation: ofAssociation, token: adminToken }];
  const reviewer = await addMember(em.fork(), adminViewer, { name: 'Rui Reviewer', role: Role.REVIEWER });
  const reviewerToken = (await issueMemberToken(em.fork(), adminViewer, { memberId: reviewer.id, label: 'demo' })).secret;
  tokens.push({ role: 'reviewer', organisation: ofAssociation, token: reviewerToken });
  const editor = await addMember(em.fork(), adminViewer, { name: 'Eli Editor', role: Role.RULE_EDITOR });
  const editorToken = (await issueMemberToken(em.fork(), adminViewer, { memberId: editor.id, label: 'demo' })).secret;
  tokens.push({ role: 'rule editor', organisation: ofAssociation, token: editorToken });
  const reviewerViewer = memberViewer(await em.fork().findOneOrFail('Member', reviewer.id, { populate: ['association'] }));
  for (const [i, demo] of PLATFORMS.entries()) {
    const now = Date.now();
    const input = registrationInput(association.id, {
      legalName: demo.legalName,
      custodyBankName: demo.custodyBankName,
      ownerName: `Owner ${i + 1}`,
      qualifications: [
        qualificationInput({ validTo: demo.icpEndsInDays === null ? null : new Date(now + demo.icpEndsInDays * DAY) }),
        qualificationInput({ type: QualificationType.CUSTODY_AGREEMENT, issuer: demo.custodyBankName, validFrom: new Date('2018-06-01T00:00:00+08:00') }),
      ],
    });
    input.regulatorRegistration.authority = demo.authority;
    const { platform, ownerToken } = await registerPlatform(em.fork(), input);
    if (i === 0) tokens.push({ role: 'platform owner', organisation: `${platform.legalName} (${platform.id})`, token: ownerToken });
    const path = demo.status === RegistryStatus.SUSPENDED ? [RegistryStatus.APPROVED, RegistryStatus.SUSPENDED] : demo.status === RegistryStatus.PENDING ? [] : [demo.status];
    for (const to of path) {
      await changeRegistryStatus(em.fork(), { viewer: reviewerViewer, platformId: platform.id, to, reason: REASONS[to] as string });
    }
  }
  for (const file of fs.readdirSync(RECORDS).filter((name) => name.endsWith('.json')).sort()) {
    await importRecords(em.fork(), association.id, { memberId: admin.id, label: association.id }, JSON.parse(fs.readFileSync(path.join(RECORDS, file), 'utf8')));
  }
  return { associationId: association.id, tokens };
}
