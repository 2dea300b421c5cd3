import fs from 'node:fs';
import { loadConfig } from '../config';
import { LogKeyError, loadLogKey } from '../modules/ledger/log-key';
import { formatVerifierKey } from '../modules/ledger/note-keys';

/**
 * `npm run registry -- log-key`: the transparency log's verifier key, read from the server's key file
 * (LOG_KEY_FILE, default $DATA_DIR/log-signing.key) for LOG_ORIGIN. Never creates a key: with no key
 * file it fails, naming where it looked, so an operator cannot publish a key the server does not use.
 * Needs no database.
 */
export function logVerifierKeyLine(env: NodeJS.ProcessEnv = process.env): string {
  const config = loadConfig(env);
  if (!fs.existsSync(config.logKeyFile)) {
    throw new LogKeyError(
      `There is no log signing key at ${config.logKeyFile}, so there is no verifier key to print (log-key never creates one). ` +
        'The server creates its key on first start in $DATA_DIR/log-signing.key (DATA_DIR defaults to .data in the directory it starts in), ' +
        'or in LOG_KEY_FILE when set: run log-key with the same DATA_DIR or LOG_KEY_FILE (and LOG_ORIGIN) as the server.',
    );
  }
  return formatVerifierKey(loadLogKey(config.logKeyFile, config.logOrigin));
}
