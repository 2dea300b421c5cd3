import { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, NotFoundError } from '../../errors';
import { runWrite } from '../ledger';
import { Role } from '../accounts/role';
import { actorOf, MemberViewer } from '../accounts/viewer';
import { Platform } from './platform.entity';
import { RegistryStatus } from './platform.enums';
import { actsForPlatformsAssociation, authorize } from './platform.policy';
import { PlatformStatusChange } from './platform-status-change.entity';

/** Which registry statuses may follow which. */
const NEXT: Record<RegistryStatus, RegistryStatus[]> = {
  [RegistryStatus.PENDING]: [RegistryStatus.APPROVED, RegistryStatus.REJECTED],
  [RegistryStatus.APPROVED]: [RegistryStatus.SUSPENDED, RegistryStatus.DEREGISTERED],
  [RegistryStatus.SUSPENDED]: [RegistryStatus.APPROVED, RegistryStatus.DEREGISTERED],
  [RegistryStatus.REJECTED]: [],
  [RegistryStatus.DEREGISTERED]: [],
};

/** Props of `changeRegistryStatus`. */
export interface ChangeRegistryStatusProps {
  viewer: MemberViewer;
  platformId: string;
  to: RegistryStatus;
  reason: string;
}

/**
 * A reviewer of the platform's association moves it to a new registry status (approve, reject,
 * suspend, reinstate, deregister). Appends a status change with who, when and why.
 */
export async function changeRegistryStatus(em: EntityManager, props: ChangeRegistryStatusProps): Promise<Platform> {
  return runWrite(em, actorOf(props.viewer), async (write) => {
    const platform = await write.em.findOne(Platform, props.platformId);
    if (!platform) throw new NotFoundError('Platform', props.platformId);
    authorize(
      actsForPlatformsAssociation(props.viewer, platform, Role.REVIEWER),
      "Only reviewers of the platform's own association can change its registry status.",
    );
    const from = platform.registryStatus;
    if (!NEXT[from].includes(props.to)) {
      throw new ConflictError(
        `A ${from} platform cannot become ${props.to}` + (NEXT[from].length ? ` (allowed: ${NEXT[from].join(', ')}).` : ' (final status).'),
        'REGISTRY_STATUS_TRANSITION_NOT_ALLOWED',
        { from, to: props.to },
      );
    }
    const change = write.em.create(PlatformStatusChange, {
      platform,
      fromStatus: from,
      toStatus: props.to,
      reason: props.reason,
      changedBy: props.viewer.memberName,
      at: write.at,
    });
    write.record(change, 'platform.status-changed', { reason: props.reason });
    platform.registryStatus = props.to;
    return write.record(platform, 'platform.status-changed', { reason: props.reason });
  });
}
