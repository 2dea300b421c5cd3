import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { BadInputError, ConflictError, NotFoundError } from '../../errors';
import { runWrite } from '../ledger';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { Platform } from './platform.entity';
import { QualificationInput } from './platform.inputs';
import { actsForPlatform, assertOpenFor, authorize } from './platform.policy';
import { Qualification } from './qualification.entity';
import { qualificationProblems } from './qualification.rules';
import { addQualificationRecord } from './register-platform';

/** Props of `fileQualification`: a new record, optionally replacing an existing one. */
export interface FileQualificationProps {
  viewer: MemberViewer;
  platformId?: string;
  supersedesId?: string;
  qualification: QualificationInput;
  reason?: string;
}

/**
 * An owner or filer of the platform adds a qualification, or supersedes one with a new record (renewal,
 * correction, revocation). The old record stays readable; a record can be superseded only once.
 */
export async function fileQualification(em: EntityManager, props: FileQualificationProps): Promise<Qualification> {
  const problems = qualificationProblems(props.qualification, 'input.qualification');
  if (problems.length) throw new BadInputError(problems);
  try {
    return await runWrite(em, actorOf(props.viewer), async (write) => {
      const old = props.supersedesId
        ? await write.em.findOne(Qualification, props.supersedesId, { populate: ['platform'] })
        : null;
      if (props.supersedesId && !old) throw new NotFoundError('Qualification', props.supersedesId);
      const platform = old?.platform ?? (await write.em.findOne(Platform, props.platformId as string));
      if (!platform) throw new NotFoundError('Platform', props.platformId as string);
      authorize(actsForPlatform(props.viewer, platform, Role.FILER), "Only the platform's own owner or filers can file its qualifications.");
      assertOpenFor(platform, old ? 'supersedeQualification' : 'addQualification');
      if (old && (await write.em.count(Qualification, { supersedes: old }))) throw alreadySuperseded(old.id);
      return addQualificationRecord(write, platform, props.qualification, old, props.reason);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException && props.supersedesId) throw alreadySuperseded(props.supersedesId);
    throw error;
  }
}

function alreadySuperseded(id: string): ConflictError {
  return new ConflictError(`Qualification ${id} has already been superseded; supersede its successor instead.`, 'QUALIFICATION_ALREADY_SUPERSEDED', { id });
}
