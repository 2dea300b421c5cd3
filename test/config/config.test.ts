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
      production: true,
    });
  });

  it('lists every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe', BODY_LIMIT: 'huge' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems).toEqual([
      'PORT must be an integer from 0 to 65535 (got "eighty")',
      'DATABASE_URL must start with postgres:// or postgresql://',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'SEED_DEMO must be true or false (got "maybe")',
      'BODY_LIMIT must look like 100kb or 1mb',
    ]);
  });

  it('uses a database server when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/db', PORT: '8080' })).toMatchObject({ databaseUrl: 'postgresql://u@h:5432/db', port: 8080 });
  });
});
