import { isIP } from 'node:net';
import path from 'node:path';
import { isValidKeyName } from './modules/ledger/note-keys';

/** One rate-limit budget: `points` requests per `windowSeconds`, counted per client address. */
export interface RateLimitTier {
  points: number;
  windowSeconds: number;
}

/** The anonymous callers' budgets (null: unlimited) and where the counters live. */
export interface RateLimitSettings {
  /** Every anonymous GraphQL request (a mutation counts here too). */
  anonymousReads: RateLimitTier | null;
  /** Anonymous mutations (registerPlatform, validateFiling). */
  anonymousWrites: RateLimitTier | null;
  /** Every request to the transparency log's read paths (/log/...), token or not: a whole-log replay makes thousands. */
  logReads?: RateLimitTier | null;
  /** `postgres`: one budget shared by every process on the database; `memory`: this process (embedded database). */
  store: 'postgres' | 'memory';
}

/** Express's `trust proxy`: false (socket address only), true (any proxy), a hop count, or trusted proxy addresses/subnets. */
export type TrustProxy = boolean | number | string;

/** Validated runtime settings; built once at boot from environment variables. */
export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL server URL; when absent the registry runs embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  seedDemo: boolean;
  logLevel: string;
  bodyLimit: string;
  rateLimits: RateLimitSettings;
  /** Whether X-Forwarded-For names the client (see TrustProxy); off by default. */
  trustProxy: TrustProxy;
  /** The transparency log's origin: the first line of its checkpoints and the name of its signing key. */
  logOrigin: string;
  /** Where the log's Ed25519 signing key is kept (created on first start); never in the database. */
  logKeyFile: string;
  /** How often the log integrates new entries and signs a checkpoint, in milliseconds. */
  logCheckpointIntervalMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Thrown when the environment holds bad settings; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates settings from `env`, collecting every problem before failing. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const port = parseInteger(env.PORT ?? '4000', 'PORT', 0, 65535, problems);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const seedDemo = parseBoolean(env.SEED_DEMO ?? 'true', 'SEED_DEMO', problems);
  const bodyLimit = env.BODY_LIMIT ?? '100kb';
  if (!/^\d+(b|kb|mb)$/.test(bodyLimit)) problems.push('BODY_LIMIT must look like 100kb or 1mb');
  const rateLimits: RateLimitSettings = {
    anonymousReads: parseTier(env, 'RATE_LIMIT_ANON_READS', { points: 600, windowSeconds: 60 }, problems),
    anonymousWrites: parseTier(env, 'RATE_LIMIT_ANON_WRITES', { points: 20, windowSeconds: 3600 }, problems),
    logReads: parseTier(env, 'RATE_LIMIT_LOG_READS', { points: 12_000, windowSeconds: 60 }, problems),
    store: databaseUrl ? 'postgres' : 'memory',
  };
  const trustProxy = parseTrustProxy(env.TRUST_PROXY ?? 'false', problems);
  const logOrigin = env.LOG_ORIGIN ?? 'localhost/finreg-registry';
  if (!isValidKeyName(logOrigin)) problems.push(`LOG_ORIGIN must be non-empty with no spaces or plus signs, e.g. registry.example.org/log (got "${logOrigin}")`);
  const logCheckpointIntervalMs = parseInteger(env.LOG_CHECKPOINT_INTERVAL_MS ?? '500', 'LOG_CHECKPOINT_INTERVAL_MS', 50, 60_000, problems);
  if (env.LOG_KEY_FILE !== undefined && !env.LOG_KEY_FILE.trim()) problems.push('LOG_KEY_FILE must be a file path when set');
  if (problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir,
    seedDemo,
    logLevel,
    bodyLimit,
    rateLimits,
    trustProxy,
    logOrigin,
    logKeyFile: path.resolve(env.LOG_KEY_FILE?.trim() || path.join(dataDir, 'log-signing.key')),
    logCheckpointIntervalMs,
  };
}

function parseInteger(raw: string, name: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** `<NAME>` points per `<NAME>_WINDOW` seconds; 0 points turns the tier off. */
function parseTier(env: NodeJS.ProcessEnv, name: string, fallback: RateLimitTier, problems: string[]): RateLimitTier | null {
  const points = parseInteger(env[name] ?? String(fallback.points), name, 0, 1_000_000, problems);
  const windowName = `${name}_WINDOW`;
  const windowSeconds = parseInteger(env[windowName] ?? String(fallback.windowSeconds), windowName, 1, 86_400, problems);
  return points === 0 ? null : { points, windowSeconds };
}

/** false/true, a number of proxy hops, or a comma-separated list of addresses, subnets and Express's names (loopback...). */
function parseTrustProxy(raw: string, problems: string[]): TrustProxy {
  const value = raw.trim();
  if (['false', '0', ''].includes(value)) return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const valid = (entry: string) => {
    const [address, prefix, extra] = entry.split('/');
    if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
    return extra === undefined && isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
  };
  if (!entries.every(valid)) {
    problems.push(`TRUST_PROXY must be false, true, a hop count, or addresses/subnets such as "loopback, 10.0.0.0/8" (got "${raw}")`);
  }
  return entries.join(', ');
}

function parseBoolean(raw: string, name: string, problems: string[]): boolean {
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return false;
}
