import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { BadInputError, ConflictError, FieldProblem } from '../../errors';
import { runWrite, Write } from '../ledger';
import { Association } from '../associations/association.entity';
import { issueToken } from '../accounts/issue-token';
import { Member } from '../accounts/member.entity';
import { Role } from '../accounts/role';
import { CURRENT_ATTESTATION_VERSION } from './attestation';
import { Platform } from './platform.entity';
import { RegistryStatus } from './platform.enums';
import { QualificationInput, RegisterPlatformInput } from './platform.inputs';
import { PlatformStatusChange } from './platform-status-change.entity';
import { Qualification } from './qualification.entity';
import { qualificationProblems } from './qualification.rules';
import { usccProblem } from './uscc';
import { USCC_HOLDING_STATUSES } from './platform.policy';

/** What self-registration returns: the platform, its owner and the owner's token secret (shown once). */
export interface RegisteredPlatform {
  platform: Platform;
  owner: Member;
  ownerToken: string;
}

/**
 * Public self-registration: creates the platform (PENDING review), its owner member and token, its
 * initial qualifications and the attestation record, all in one transaction.
 */
export async function registerPlatform(em: EntityManager, input: RegisterPlatformInput): Promise<RegisteredPlatform> {
  const problems = registrationProblems(input);
  if (problems.length) throw new BadInputError(problems);
  try {
    return await runWrite(em, { memberId: null, label: 'public' }, async (write) => {
      const association = await write.em.findOne(Association, input.associationId);
      if (!association) throw new BadInputError([{ path: 'input.associationId', message: 'no association has this id' }]);
      const holder = await usccHolder(write.em, input.uscc);
      if (holder) throw duplicateUscc(input.uscc, holder);
      return createPlatform(write, association, input);
    });
  } catch (error) {
    // two registrations of one free USCC at once: the index platform_uscc_held lets exactly one commit
    if (error instanceof UniqueConstraintViolationException) throw duplicateUscc(input.uscc, await usccHolder(em.fork(), input.uscc));
    throw error;
  }
}

/** The registration that holds `uscc` (PENDING, APPROVED or SUSPENDED), if any. */
function usccHolder(em: EntityManager, uscc: string): Promise<Pick<Platform, 'id' | 'registryStatus'> | null> {
  return em.findOne(Platform, { uscc, registryStatus: { $in: USCC_HOLDING_STATUSES } }, { fields: ['id', 'registryStatus'] });
}

function createPlatform(write: Write, association: Association, input: RegisterPlatformInput): RegisteredPlatform {
  const { em, at } = write;
  const platform = em.create(Platform, {
    association,
    legalName: input.legalName.trim(),
    uscc: input.uscc,
    registeredCapitalMinor: input.registeredCapitalMinor,
    businessLicenseIssuedAt: input.businessLicenseIssuedAt,
    onlineSince: input.onlineSince,
    websites: input.websites,
    apps: input.apps,
    custodyBankName: input.custodyBankName ?? null,
    relatedParties: input.relatedParties.map((p) => ({ relation: p.relation, nameHash: p.nameHash })),
    regulatorRegistration: {
      status: input.regulatorRegistration.status,
      number: input.regulatorRegistration.number ?? null,
      authority: input.regulatorRegistration.authority,
      registeredAt: input.regulatorRegistration.registeredAt ?? null,
    },
    attestation: { textVersion: input.attestation.textVersion, attestedBy: input.ownerName, attestedAt: at },
    registryStatus: RegistryStatus.PENDING,
    createdAt: at,
  });
  write.record(platform, 'platform.registered', { reason: 'self-registration' });
  const initial = em.create(PlatformStatusChange, {
    platform,
    fromStatus: null,
    toStatus: RegistryStatus.PENDING,
    reason: 'Self-registration received; awaiting association review.',
    changedBy: `${input.ownerName} (self-registration)`,
    at,
  });
  write.record(initial, 'platform.status-changed');
  for (const qualification of input.qualifications) addQualificationRecord(write, platform, qualification, null);
  const owner = em.create(Member, { name: input.ownerName, role: Role.PLATFORM_OWNER, platform, association: null, createdAt: at });
  write.record(owner, 'member.added');
  const { secret } = issueToken(write, owner, Role.PLATFORM_OWNER, 'owner (issued at registration)');
  return { platform, owner, ownerToken: secret };
}

/** Creates one immutable qualification record, optionally replacing `supersedes`. */
export function addQualificationRecord(
  write: Write,
  platform: Platform,
  input: QualificationInput,
  supersedes: Qualification | null,
  reason?: string,
): Qualification {
  const qualification = write.em.create(Qualification, {
    platform,
    type: input.type,
    issuer: input.issuer,
    number: input.number,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    documentSha256: input.documentSha256,
    status: input.status,
    supersedes,
    createdAt: write.at,
  });
  return write.record(qualification, supersedes ? 'qualification.superseded' : 'qualification.added', { reason });
}

function registrationProblems(input: RegisterPlatformInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const uscc = usccProblem(input.uscc);
  if (uscc) problems.push({ path: 'input.uscc', message: uscc });
  if (input.registeredCapitalMinor < 0n) problems.push({ path: 'input.registeredCapitalMinor', message: 'must not be negative' });
  if (input.attestation.textVersion !== CURRENT_ATTESTATION_VERSION) {
    problems.push({ path: 'input.attestation.textVersion', message: `must be the current version "${CURRENT_ATTESTATION_VERSION}"` });
  }
  if (!input.attestation.accept) problems.push({ path: 'input.attestation.accept', message: 'must be true to register' });
  input.qualifications.forEach((q, i) => problems.push(...qualificationProblems(q, `input.qualifications.${i}`)));
  return problems;
}

/**
 * CONFLICT naming the holder (its id and status, also in extensions) and the way to dispute it: a USCC is
 * freed when a reviewer rejects or deregisters the registration holding it.
 */
function duplicateUscc(uscc: string, holder: Pick<Platform, 'id' | 'registryStatus'> | null): ConflictError {
  if (!holder) return new ConflictError(`USCC ${uscc} is already held by another registration.`, 'CONFLICT', { field: 'input.uscc' });
  return new ConflictError(
    `USCC ${uscc} is already held by platform ${holder.id}, whose registration is ${holder.registryStatus}. ` +
      `If the USCC is your company's, challenge that registration with fileChallenge(input: { targetType: PLATFORM, targetId: "${holder.id}", statement: "..." }): ` +
      'once a reviewer rejects (or deregisters) it, the USCC is free to register.',
    'CONFLICT',
    { field: 'input.uscc', holderPlatformId: holder.id, holderRegistryStatus: holder.registryStatus },
  );
}
