import { randomBytes, createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Association } from '../src/modules/associations/association.entity';
import { createAssociation, CreatedAssociation } from '../src/modules/associations/create-association';
import { CURRENT_ATTESTATION_VERSION } from '../src/modules/platforms/attestation';
import { QualificationFiledStatus, QualificationType, RegulatorRegistrationStatus } from '../src/modules/platforms/platform.enums';
import { QualificationInput, RegisterPlatformInput } from '../src/modules/platforms/platform.inputs';
import { registerPlatform, RegisteredPlatform } from '../src/modules/platforms/register-platform';
import { usccCheckCharacter } from '../src/modules/platforms/uscc';

/** A random USCC with a correct check character (prefix 9131: a Shanghai enterprise). */
export function randomUscc(): string {
  const body = '913100' + Array.from(randomBytes(11), (b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
  return body + usccCheckCharacter(body);
}

/** SHA-256 hex of a text, standing in for an uploaded document. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A valid qualification input; `overrides` win. */
export function qualificationInput(overrides: Partial<QualificationInput> = {}): QualificationInput {
  return Object.assign(new QualificationInput(), {
    type: QualificationType.ICP_LICENSE,
    issuer: '上海市通信管理局',
    number: `沪B2-${randomBytes(3).toString('hex')}`,
    validFrom: new Date('2018-12-01T00:00:00+08:00'),
    validTo: null,
    documentSha256: sha256(randomBytes(8).toString('hex')),
    status: QualificationFiledStatus.ACTIVE,
    ...overrides,
  });
}

/** A valid self-registration input for `associationId`; `overrides` win. */
export function registrationInput(associationId: string, overrides: Partial<RegisterPlatformInput> = {}): RegisterPlatformInput {
  return Object.assign(new RegisterPlatformInput(), {
    associationId,
    legalName: `测试网络借贷信息中介服务有限公司 ${randomBytes(3).toString('hex')}`,
    uscc: randomUscc(),
    registeredCapitalMinor: 5_000_000_000n,
    businessLicenseIssuedAt: new Date('2015-03-02T00:00:00+08:00'),
    onlineSince: new Date('2015-06-18T00:00:00+08:00'),
    websites: ['https://lending.example.cn'],
    apps: [],
    custodyBankName: '江南商业银行股份有限公司',
    relatedParties: [],
    regulatorRegistration: {
      status: RegulatorRegistrationStatus.REGISTERED,
      number: '沪网贷备-2018-001',
      authority: '上海市地方金融监督管理局',
      registeredAt: new Date('2018-11-20T00:00:00+08:00'),
    },
    qualifications: [qualificationInput()],
    ownerName: 'Owner',
    attestation: { textVersion: CURRENT_ATTESTATION_VERSION, accept: true },
    ...overrides,
  });
}

/** Creates an association with its admin (a unique name unless given). */
export function buildAssociation(em: EntityManager, name = `Association ${randomBytes(4).toString('hex')}`): Promise<CreatedAssociation> {
  return createAssociation(em.fork(), name, 'Admin', { memberId: null, label: 'system' });
}

/** Registers a platform through the real command, creating an association first when none is given. */
export async function buildPlatform(
  em: EntityManager,
  overrides: Partial<RegisterPlatformInput> & { association?: Association } = {},
): Promise<RegisteredPlatform> {
  const { association, ...rest } = overrides;
  const associationId = association?.id ?? rest.associationId ?? (await buildAssociation(em)).association.id;
  return registerPlatform(em.fork(), registrationInput(associationId, rest));
}
