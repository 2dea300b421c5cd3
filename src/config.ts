import path from 'node:path';

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
  /** Whether stack traces and error details are hidden from clients (true unless NODE_ENV=development). */
  production: boolean;
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
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    seedDemo,
    logLevel,
    bodyLimit,
    production: env.NODE_ENV !== 'development',
  };
}

function parseInteger(raw: string, name: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function parseBoolean(raw: string, name: string, problems: string[]): boolean {
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return false;
}
