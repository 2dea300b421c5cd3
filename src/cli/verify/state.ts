import fs from 'node:fs';
import path from 'node:path';
import { NoteVerifier } from '../../modules/ledger/note-keys';
import { VerifyUsageError } from './errors';
import { openSignedCheckpoint, SignedCheckpoint } from './signed-checkpoint';

// The verifier's memory, like Go's sumdb client: the latest checkpoint it verified per log origin, kept
// as the signed note itself (re-verified on every load), in a small JSON file.

/** The state file's content: signed checkpoint notes by origin. */
type State = Record<string, string>;

function readState(file: string): State {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new VerifyUsageError(`cannot read the state file ${file}: ${(error as Error).message}`);
  }
  try {
    const state = JSON.parse(text) as unknown;
    if (typeof state === 'object' && state !== null && !Array.isArray(state) && Object.values(state).every((v) => typeof v === 'string')) {
      return state as State;
    }
  } catch {
    // reported below
  }
  throw new VerifyUsageError(`the state file ${file} is not a verifier state file`);
}

/** The checkpoint saved in `file` for the verifier's log (`origin`), verified again; undefined if none. */
export function loadCheckpoint(file: string, verifier: NoteVerifier, origin: string): SignedCheckpoint | undefined {
  const note = readState(file)[origin];
  return note === undefined ? undefined : openSignedCheckpoint(note, verifier, origin, `the state file ${file}`);
}

/** Saves `checkpoint` as the latest verified one of its origin in `file` (written atomically). */
export function saveCheckpoint(file: string, checkpoint: SignedCheckpoint): void {
  const state = { ...readState(file), [checkpoint.origin]: checkpoint.note };
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
