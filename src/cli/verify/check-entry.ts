import { leafHash } from '../../modules/ledger/merkle';
import { decodeBase64 } from '../../modules/ledger/note-keys';
import { readEntry } from './entry-bytes';
import { LogAccessError, VerificationFailure } from './errors';
import { VerifyContext, Verified } from './outcome';
import { proveInclusion } from './proofs';
import { fetchSignedCheckpoint } from './signed-checkpoint';

const LOG_ENTRY = `query VerifyEntry($type: String!, $id: ID!, $version: Int) {
  logEntry(entityType: $type, entityId: $id, version: $version) { logIndex entry }
}`;

/** Which record version to prove: its type, id and, if not the latest, its version. */
export interface EntryRef {
  type: string;
  id: string;
  version?: number;
}

/**
 * `verify entry`: finds a record version's log index (GraphQL `logEntry`, the only thing taken from the
 * server's answer), checks that the entry's bytes are canonical JSON naming that record version, and proves
 * from tiles that its leaf hash is included in the latest signed checkpoint.
 */
export async function checkEntry(ctx: VerifyContext, ref: EntryRef): Promise<Verified> {
  const name = `${ref.type} ${ref.id}${ref.version === undefined ? '' : ` version ${ref.version}`}`;
  const { logEntry } = await ctx.client.graphql<{ logEntry: { logIndex: string; entry: string } | null }>(LOG_ENTRY, { ...ref });
  if (!logEntry) throw new VerificationFailure(`the log has no public entry for ${name}`, { ...ref });
  const logIndex = Number(logEntry.logIndex);
  const bytes = decodeBase64(logEntry.entry);
  if (!Number.isSafeInteger(logIndex) || logIndex < 0 || !bytes) throw new LogAccessError(`malformed logEntry answer for ${name}`);
  const read = readEntry(bytes);
  if ('problem' in read) throw new VerificationFailure(`log entry ${logIndex} (${name}) ${read.problem}`, { logIndex });
  const { entry } = read;
  if (entry.type !== ref.type || entry.id !== ref.id || (ref.version !== undefined && entry.version !== ref.version)) {
    throw new VerificationFailure(`log entry ${logIndex} is ${entry.type} ${entry.id} version ${entry.version}, not ${name}`, { logIndex });
  }
  const leaf = leafHash(bytes);
  const checkpoint = await fetchSignedCheckpoint(ctx.client, ctx.verifier, ctx.origin);
  await proveInclusion(ctx.client, leaf, logIndex, checkpoint);
  const root = checkpoint.root.toString('base64');
  return {
    lines: [
      `verified: ${entry.type} ${entry.id} version ${entry.version} is log entry ${logIndex}, leaf hash ${leaf.toString('base64')}`,
      `included in the tree of size ${checkpoint.size} with root ${root}, signed by ${ctx.verifier.name}`,
      `entry: ${bytes.toString('utf8')}`,
    ],
    json: { logIndex, leafHash: leaf.toString('base64'), treeSize: checkpoint.size, rootHash: root, origin: checkpoint.origin, entry },
  };
}
