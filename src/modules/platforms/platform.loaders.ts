import { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, childrenLoader } from '../../shared/loader-helpers';
import { Member } from '../accounts/member.entity';
import { Platform } from './platform.entity';
import { PlatformStatusChange } from './platform-status-change.entity';
import { Qualification } from './qualification.entity';

/** Per-request loaders of platforms and what hangs off them. */
export function createPlatformLoaders(em: EntityManager) {
  return {
    platform: byIdLoader(em, Platform),
    qualificationsOfPlatform: childrenLoader(em, Qualification, 'platform', { createdAt: 'asc', id: 'asc' }),
    statusChangesOfPlatform: childrenLoader(em, PlatformStatusChange, 'platform', { at: 'asc', id: 'asc' }),
    membersOfPlatform: childrenLoader(em, Member, 'platform', { createdAt: 'asc', id: 'asc' }),
  };
}
