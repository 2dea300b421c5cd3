import { NoteVerifier } from '../../modules/ledger/note-keys';
import { LogClient } from './log-client';

/** What every check needs: the log, its verifier key and its expected origin. */
export interface VerifyContext {
  client: LogClient;
  verifier: NoteVerifier;
  origin: string;
}

/** What a check proved: lines for people and an object for `--json`. */
export interface Verified {
  lines: string[];
  json: Record<string, unknown>;
}
