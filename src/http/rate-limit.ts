import { HeaderMap } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitSettings, RateLimitTier } from '../config';
import { ErrorCode, RegistryError } from '../errors';

/** Which anonymous budget a request draws on. */
export type RateLimitKind = 'read' | 'write' | 'log';

/** Where one client stands in one budget once a request was counted. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
  windowSeconds: number;
}

/** The counters' table, created by Migration20261130013000 (rate-limiter-flexible's own layout). */
export const RATE_LIMIT_TABLE = { schemaName: 'rate_limit', tableName: 'counter' } as const;

/**
 * The anonymous tier's budgets, per client address. On PostgreSQL the counters live in one table, so
 * every API process on the database shares them; on the embedded database (one process) in memory.
 */
export class AnonymousRateLimits {
  private constructor(private readonly budgets: Partial<Record<RateLimitKind, { tier: RateLimitTier; limiter: RateLimiterAbstract }>>) {}

  /** Builds the limiters of `settings`, reusing the ORM's connection pool for the PostgreSQL store. */
  static create(settings: RateLimitSettings, orm: MikroORM): AnonymousRateLimits {
    const budgets: AnonymousRateLimits['budgets'] = {};
    const tiers: [RateLimitKind, RateLimitTier | null][] = [
      ['read', settings.anonymousReads],
      ['write', settings.anonymousWrites],
      ['log', settings.logReads ?? null],
    ];
    for (const [kind, tier] of tiers) {
      if (!tier) continue;
      const options = { keyPrefix: `anonymous-${kind}`, points: tier.points, duration: tier.windowSeconds };
      const limiter =
        settings.store === 'memory'
          ? new RateLimiterMemory(options)
          : new RateLimiterPostgres({
              ...options,
              ...RATE_LIMIT_TABLE,
              storeClient: orm.em.getConnection().getKnex(),
              storeType: 'knex',
              tableCreated: true,
              // if the database cannot count, each process goes on counting alone rather than failing requests
              insuranceLimiter: new RateLimiterMemory(options),
            });
      budgets[kind] = { tier, limiter };
    }
    return new AnonymousRateLimits(budgets);
  }

  /** Counts one request of `client` against the `kind` budget; null when that budget is off. */
  async consume(kind: RateLimitKind, client: string): Promise<RateLimitState | null> {
    const budget = this.budgets[kind];
    if (!budget) return null;
    const state = (allowed: boolean, res: RateLimiterRes): RateLimitState => ({
      allowed,
      limit: budget.tier.points,
      remaining: res.remainingPoints,
      resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      windowSeconds: budget.tier.windowSeconds,
    });
    try {
      return state(true, await budget.limiter.consume(client));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return state(false, rejection);
      throw rejection;
    }
  }
}

/** The IETF draft `RateLimit-*` headers (draft-ietf-httpapi-ratelimit-headers-07) for a state, plus Retry-After when refused. */
export function rateLimitHeaders(state: RateLimitState): [string, string][] {
  const headers: [string, string][] = [
    ['ratelimit-limit', String(state.limit)],
    ['ratelimit-remaining', String(state.remaining)],
    ['ratelimit-reset', String(state.resetSeconds)],
    ['ratelimit-policy', `${state.limit};w=${state.windowSeconds}`],
  ];
  if (!state.allowed) headers.push(['retry-after', String(state.resetSeconds)]);
  return headers;
}

/** 429 RATE_LIMITED: the client address spent its anonymous budget; carries Retry-After and RateLimit-* headers. */
export class RateLimitedError extends RegistryError {
  constructor(kind: RateLimitKind, state: RateLimitState) {
    const what = { read: 'anonymous requests', write: 'anonymous mutations', log: 'transparency-log requests' }[kind];
    super(
      `Rate limit reached: ${state.limit} ${what} per ${state.windowSeconds} s from one address. Retry after ${state.resetSeconds} s, or send an API token.`,
      ErrorCode.RATE_LIMITED,
      { retryAfterSeconds: state.resetSeconds, http: { status: 429, headers: new HeaderMap(rateLimitHeaders(state)) } },
    );
  }
}
