import { loadConfig } from '../config';
import { loadOrCreateLogKey } from '../modules/ledger/log-key';
import { formatVerifierKey } from '../modules/ledger/note-keys';

/**
 * `npm run registry -- log-key`: the transparency log's verifier key, read from LOG_KEY_FILE (created
 * there on first use, as the server would) for LOG_ORIGIN. Needs no database.
 */
export function logVerifierKeyLine(env: NodeJS.ProcessEnv = process.env): string {
  const config = loadConfig(env);
  return formatVerifierKey(loadOrCreateLogKey(config.logKeyFile, config.logOrigin));
}
