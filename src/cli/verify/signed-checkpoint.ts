import { Checkpoint, openCheckpoint } from '../../modules/ledger/checkpoint';
import { NoteVerifier } from '../../modules/ledger/note-keys';
import { NoteError } from '../../modules/ledger/note';
import { VerificationFailure } from './errors';
import { LogClient } from './log-client';

/** A checkpoint whose signature was verified, with the note it came in. */
export interface SignedCheckpoint extends Checkpoint {
  note: string;
}

/**
 * Opens a signed checkpoint note: the signature must be the verifier's and the origin `origin`;
 * `source` names where the note came from in the failure message.
 */
export function openSignedCheckpoint(note: string, verifier: NoteVerifier, origin: string, source: string): SignedCheckpoint {
  try {
    return { ...openCheckpoint(note, [verifier], origin), note };
  } catch (error) {
    if (error instanceof NoteError) throw new VerificationFailure(`checkpoint from ${source}: ${error.message}`);
    throw error;
  }
}

/** Fetches the log's latest checkpoint and verifies its signature and origin. */
export async function fetchSignedCheckpoint(client: LogClient, verifier: NoteVerifier, origin: string): Promise<SignedCheckpoint> {
  return openSignedCheckpoint(await client.checkpoint(), verifier, origin, `${client.url}/log/checkpoint`);
}
