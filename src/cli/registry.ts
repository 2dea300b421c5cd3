import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../database/connect';
import { DataDirLockedError } from '../database/data-dir-lock';
import { RegistryError } from '../errors';
import { LogKeyError } from '../modules/ledger/log-key';
import { runCommand, USAGE, UsageError } from './commands';
import { logVerifierKeyLine } from './log-key';
import { runRecompute } from './recompute';
import { runVerify } from './verify';

/** `npm run registry -- <command>`: opens the configured database, runs one operator command, prints JSON. */
async function main(argv: string[]): Promise<void> {
  if (!argv.length) throw new UsageError(USAGE);
  if (argv[0] === 'log-key') return void console.log(logVerifierKeyLine());
  if (argv[0] === 'verify') return void process.exit(await runVerify(argv.slice(1)));
  if (argv[0] === 'recompute') return void process.exit(await runRecompute(argv.slice(1)));
  const db = await openDatabase(loadConfig());
  try {
    console.log(JSON.stringify(await runCommand(db.orm, argv), null, 2));
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    const known = [UsageError, ConfigError, RegistryError, DataDirLockedError, LogKeyError].some((type) => error instanceof type);
    if (known) console.error(error.message);
    else console.error(error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
