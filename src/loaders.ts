import { EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader } from './shared/loader-helpers';
import { Association } from './modules/associations/association.entity';
import { createPlatformLoaders } from './modules/platforms/platform.loaders';

/** All per-request DataLoaders; created fresh for each request so nothing leaks between callers. */
export function createLoaders(em: EntityManager) {
  return {
    association: byIdLoader(em, Association),
    ...createPlatformLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
