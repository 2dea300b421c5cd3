import { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { JobQueue } from './jobs/queue';
import type { LogWatch } from './modules/ledger/log-watch';
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
  /** Background jobs, for writes that start one. */
  jobs: JobQueue;
  /** The `Idempotency-Key` request header, if sent. */
  idempotencyKey: string | null;
  /** The caller's address over HTTP (for rate limits); absent for operations run in-process. */
  clientAddress?: string;
  /** The transparency log's verifier key (C2SP signed-note), served by `logVerifierKey`. */
  logVerifierKey: string;
  /** Wakes subscriptions when the log grows; set for operations over WebSocket only. */
  logWatch?: LogWatch;
}

/** Builds a context around an already-forked entity manager. */
export function buildContext(
  em: EntityManager,
  viewer: Viewer,
  request: { requestId: string; log: Logger; jobs: JobQueue; logVerifierKey: string; idempotencyKey?: string | null; clientAddress?: string; logWatch?: LogWatch },
): Context {
  return { em, viewer, loaders: createLoaders(em), idempotencyKey: null, ...request };
}
