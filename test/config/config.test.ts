import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('defaults to the embedded database under .data on port 4000', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('.data'),
      seedDemo: true,
      logLevel: 'info',
      bodyLimit: '100kb',
      rateLimits: {
        anonymousReads: { points: 600, windowSeconds: 60 },
        anonymousWrites: { points: 20, windowSeconds: 3600 },
        logReads: { points: 12_000, windowSeconds: 60 },
        store: 'memory',
      },
      trustProxy: false,
      logOrigin: 'localhost/finreg-registry',
      logKeyFile: path.resolve('.data', 'log-signing.key'),
      logCheckpointIntervalMs: 500,
    });
  });

  it('lists every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe', BODY_LIMIT: 'huge',
        RATE_LIMIT_ANON_WRITES: '-1', RATE_LIMIT_ANON_READS_WINDOW: '0', TRUST_PROXY: 'loopback, 10.0.0.0/8, example.com',
        LOG_ORIGIN: 'my log', LOG_CHECKPOINT_INTERVAL_MS: '10', LOG_KEY_FILE: ' ',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems).toEqual([
      'PORT must be an integer from 0 to 65535 (got "eighty")',
      'DATABASE_URL must start with postgres:// or postgresql://',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'SEED_DEMO must be true or false (got "maybe")',
      'BODY_LIMIT must look like 100kb or 1mb',
      'RATE_LIMIT_ANON_READS_WINDOW must be an integer from 1 to 86400 (got "0")',
      'RATE_LIMIT_ANON_WRITES must be an integer from 0 to 1000000 (got "-1")',
      'TRUST_PROXY must be false, true, a hop count, or addresses/subnets such as "loopback, 10.0.0.0/8" (got "loopback, 10.0.0.0/8, example.com")',
      'LOG_ORIGIN must be non-empty with no spaces or plus signs, e.g. registry.example.org/log (got "my log")',
      'LOG_CHECKPOINT_INTERVAL_MS must be an integer from 50 to 60000 (got "10")',
      'LOG_KEY_FILE must be a file path when set',
    ]);
  });

  it('reads rate limits (0 turns a tier off) and proxy trust; counters go to PostgreSQL on a server', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@h:5432/db', RATE_LIMIT_ANON_READS: '0', RATE_LIMIT_ANON_WRITES: '5', RATE_LIMIT_ANON_WRITES_WINDOW: '60', TRUST_PROXY: '10.0.0.0/8,::1',
      RATE_LIMIT_LOG_READS: '100', RATE_LIMIT_LOG_READS_WINDOW: '10',
    });
    expect(config.rateLimits).toEqual({
      anonymousReads: null,
      anonymousWrites: { points: 5, windowSeconds: 60 },
      logReads: { points: 100, windowSeconds: 10 },
      store: 'postgres',
    });
    expect(config.trustProxy).toBe('10.0.0.0/8, ::1');
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('keeps the log signing key in DATA_DIR unless LOG_KEY_FILE names another file', () => {
    expect(loadConfig({ DATA_DIR: '/srv/registry' }).logKeyFile).toBe(path.resolve('/srv/registry/log-signing.key'));
    expect(loadConfig({ DATA_DIR: '/srv/registry', LOG_KEY_FILE: '/etc/registry/log.key' }).logKeyFile).toBe(path.resolve('/etc/registry/log.key'));
    expect(loadConfig({ LOG_ORIGIN: 'registry.example.org/log' }).logOrigin).toBe('registry.example.org/log');
  });

  it('uses a database server when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/db', PORT: '8080' })).toMatchObject({ databaseUrl: 'postgresql://u@h:5432/db', port: 8080 });
  });
});
