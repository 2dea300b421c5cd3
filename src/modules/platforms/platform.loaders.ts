import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, childrenLoader } from '../../shared/loader-helpers';
import { Member } from '../accounts/member.entity';
import { Platform } from './platform.entity';
import { platformsByIds, qualificationsOfPlatforms } from './platform.rows';
import { PlatformStatusChange } from './platform-status-change.entity';
import { Qualification } from './qualification.entity';

/** Per-request loaders of platforms and what hangs off them. */
export function createPlatformLoaders(em: EntityManager) {
  return {
    platform: new DataLoader<string, Platform | null>((ids) => platformsByIds(em, ids)),
    qualification: byIdLoader(em, Qualification),
    qualificationsOfPlatform: new DataLoader<string, Qualification[]>((ids) => qualificationsOfPlatforms(em, ids)),
    statusChangesOfPlatform: childrenLoader(em, PlatformStatusChange, 'platform', { at: 'asc', id: 'asc' }),
    membersOfPlatform: childrenLoader(em, Member, 'platform', { createdAt: 'asc', id: 'asc' }),
  };
}
