import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { Int64 } from '../../shared/int64.scalar';
import { LedgerEntry } from './ledger-entry.entity';
import { LogCheckpoint } from './log-checkpoint.entity';
import { integratedSize, latestCheckpoint, storedSubtrees } from './log-store';
import { LogCheckpointView, LogEntryView } from './log.types';
import { leafHash } from './merkle';
import { consistencyProof, inclusionProof } from './subtrees';

/** Most entries one logEntries call returns. */
export const MAX_LOG_ENTRIES = 1000;

/** The transparency log: checkpoints, entries and proofs (the same tree as the /log/ HTTP paths). */
@Resolver()
export class LogResolver {
  @Query(() => LogCheckpointView, { nullable: true, description: 'The latest signed checkpoint, or the one of this tree size (null if none was signed at that size).' })
  async logCheckpoint(@Arg('size', () => Int64, { nullable: true, description: 'Tree size of an earlier checkpoint; the latest when omitted.' }) size: bigint | null, @Ctx() { em }: Context): Promise<LogCheckpointView | null> {
    const checkpoint = size === null || size === undefined ? await latestCheckpoint(em) : await em.findOne(LogCheckpoint, { size });
    if (!checkpoint) return null;
    return {
      origin: checkpoint.note.slice(0, checkpoint.note.indexOf('\n')),
      size: checkpoint.size,
      rootHash: checkpoint.root.toString('base64'),
      note: checkpoint.note,
      signedAt: checkpoint.signedAt,
    };
  }

  @Query(() => String, { description: "The log's verifier key (C2SP signed-note: <origin>+<key id>+<base64 key>); pin it, then verify checkpoints with it." })
  logVerifierKey(@Ctx() { logVerifierKey }: Context): string {
    return logVerifierKey;
  }

  @Query(() => [LogEntryView], { description: `Public entries with log indexes from \`from\`, in log order (at most ${MAX_LOG_ENTRIES}; fewer at the end of the log).` })
  async logEntries(@Arg('from', () => Int64, { description: 'First log index, 0-based.' }) from: bigint, @Arg('count', () => Int, { description: 'How many entries, 1 to 1,000.' }) count: number, @Ctx() { em }: Context): Promise<LogEntryView[]> {
    if (from < 0n) throw badInput('from', 'must be 0 or more');
    if (count < 1 || count > MAX_LOG_ENTRIES) throw badInput('count', `must be from 1 to ${MAX_LOG_ENTRIES}`);
    const rows = await em.find(LedgerEntry, { logIndex: { $gte: from, $lt: from + BigInt(count) } }, { orderBy: { logIndex: 'asc' } });
    return rows.map(toView);
  }

  @Query(() => LogEntryView, { nullable: true, description: "A record version's public entry (\"prove this filing\"): the latest public version when `version` is omitted; null if none." })
  async logEntry(
    @Arg('entityType', { description: 'Stable type name, e.g. `filing`, `flag`, `platform`.' }) entityType: string,
    @Arg('entityId', () => ID, { description: 'Id of the record.' }) entityId: string,
    @Arg('version', () => Int, { nullable: true, description: 'The version; the latest public one when omitted.' }) version: number | null,
    @Ctx() { em }: Context,
  ): Promise<LogEntryView | null> {
    const where = { entityType, entityId, logIndex: { $ne: null }, ...(version === null || version === undefined ? {} : { version }) };
    const row = await em.findOne(LedgerEntry, where, { orderBy: { version: 'desc' } });
    return row ? toView(row) : null;
  }

  @Query(() => [String], { description: 'RFC 9162 inclusion proof (base64 hashes, leaf to root) of the entry at logIndex in the tree of treeSize entries, a signed checkpoint size or any size up to the latest.' })
  async logInclusionProof(@Arg('logIndex', () => Int64, { description: 'The entry to prove.' }) logIndex: bigint, @Arg('treeSize', () => Int64, { description: 'Size of a signed checkpoint that covers it.' }) treeSize: bigint, @Ctx() { em }: Context): Promise<string[]> {
    const size = await checkTreeSize(em, treeSize, 'treeSize');
    if (logIndex < 0n || logIndex >= treeSize) throw badInput('logIndex', `must be from 0 to treeSize - 1 (${size - 1})`);
    return base64(await inclusionProof(storedSubtrees(em), Number(logIndex), size));
  }

  @Query(() => [String], { description: 'RFC 9162 consistency proof (base64 hashes) that the tree of toSize entries extends the tree of fromSize entries.' })
  async logConsistencyProof(@Arg('fromSize', () => Int64, { description: 'Size of the earlier checkpoint (at least 1).' }) fromSize: bigint, @Arg('toSize', () => Int64, { description: 'Size of the later checkpoint, at most the latest.' }) toSize: bigint, @Ctx() { em }: Context): Promise<string[]> {
    const size = await checkTreeSize(em, toSize, 'toSize');
    if (fromSize < 1n || fromSize > toSize) throw badInput('fromSize', `must be from 1 to toSize (${size})`);
    return base64(await consistencyProof(storedSubtrees(em), Number(fromSize), size));
  }
}

/** A tree size the log can prove against: 1 to the latest checkpoint's size. */
async function checkTreeSize(em: Context['em'], requested: bigint, path: string): Promise<number> {
  const latest = await integratedSize(em);
  if (requested < 1n || requested > BigInt(latest)) throw badInput(path, `must be from 1 to the latest checkpoint's size (${latest})`);
  return Number(requested);
}

function toView(row: LedgerEntry): LogEntryView {
  return {
    logIndex: row.logIndex as bigint,
    entityType: row.entityType,
    entityId: row.entityId,
    version: row.version,
    entry: row.entry.toString('base64'),
    leafHash: leafHash(row.entry).toString('base64'),
  };
}

function base64(hashes: Buffer[]): string[] {
  return hashes.map((hash) => hash.toString('base64'));
}
