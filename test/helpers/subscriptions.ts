import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription's results as they arrive. */
export interface Subscribed<T = any> {
  /** Every `next` payload received so far. */
  results: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }[];
  /** Resolves with the results `which` keeps once there are `count` of them (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number, which?: (result: Subscribed<T>['results'][number]) => boolean): Promise<Subscribed<T>['results']>;
  /** Resolves when the server completed or errored the subscription; the error, if any. */
  ended: Promise<unknown>;
  /** Completes the subscription. */
  stop(): void;
}

/** A graphql-ws client of the registry at `baseUrl` (http://...), as the holder of `token` or the public; no retries. */
export function wsClient(baseUrl: string, token?: string, onClose?: (event: { code: number; reason: string }) => void): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: onClose ? { closed: (event) => onClose(event as { code: number; reason: string }) } : undefined,
  });
}

/** Subscribes with `client` and collects the results. */
export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscribed<T> {
  const results: Subscribed<T>['results'] = [];
  const waiters: (() => void)[] = [];
  let end!: (error: unknown) => void;
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result as Subscribed<T>['results'][number]);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => end(error),
      complete: () => end(undefined),
    },
  );
  return {
    results,
    ended,
    stop,
    async waitFor(count, timeoutMs = 10_000, which = () => true) {
      const deadline = Date.now() + timeoutMs;
      while (results.filter(which).length < count) {
        if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${count} results, got ${results.length}: ${JSON.stringify(results).slice(0, 2000)}`);
        await Promise.race([new Promise<void>((wake) => waiters.push(wake)), new Promise((r) => setTimeout(r, 100))]);
      }
      return results.filter(which);
    },
  };
}

/** The registryEvents subscription with the fields the tests compare. */
export const REGISTRY_EVENTS = `subscription ($after: String, $filter: RegistryEventFilter) {
  registryEvents(after: $after, filter: $filter) {
    kind cursor
    change { logIndex entityType entityId version action actor { organisation role } record }
  }
}`;
