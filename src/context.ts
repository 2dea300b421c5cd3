import { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createLoaders, Loaders } from './loaders';
import { Viewer } from './modules/accounts/viewer';

/** Per-request state handed to every resolver. */
export interface Context {
  /** A request-scoped fork of the entity manager (own identity map). */
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  requestId: string;
  log: Logger;
}

/** Builds a context around an already-forked entity manager. */
export function buildContext(em: EntityManager, viewer: Viewer, requestId: string, log: Logger): Context {
  return { em, viewer, loaders: createLoaders(em), requestId, log };
}
