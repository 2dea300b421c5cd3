import { EntityManager } from '@mikro-orm/postgresql';
import { LedgerEntry } from '../../src/modules/ledger/ledger-entry.entity';
import type { EntryEnvelope } from '../../src/modules/ledger/records';

/** A ledger entry as tests read it: the row's columns and its decoded canonical entry. */
export interface DecodedEntry extends Omit<EntryEnvelope, 'record'> {
  logIndex: bigint | null;
  public: boolean;
  actorMemberId: string | null;
  record: Record<string, any>;
}

/** Ledger entries matching `where` (columns of LedgerEntry), in insertion order, decoded. */
export async function ledgerEntries(em: EntityManager, where: Record<string, unknown>): Promise<DecodedEntry[]> {
  const rows = await em.fork().find(LedgerEntry, where, { orderBy: { id: 'asc' } });
  return rows.map((row) => ({ logIndex: row.logIndex, public: row.public, actorMemberId: row.actorMemberId, ...JSON.parse(row.entry.toString('utf8')) }));
}

/** How many platform entries record `uscc` (other test files write in parallel, so tests count their own). */
export async function platformEntriesWithUscc(em: EntityManager, uscc: string): Promise<number> {
  const [{ n }] = await em
    .fork()
    .getConnection()
    .execute(`select count(*)::int as n from ledger_entry where entity_type = 'platform' and convert_from(entry, 'UTF8')::jsonb -> 'record' ->> 'uscc' = ?`, [uscc]);
  return n;
}

/**
 * Runs SQL as the database owner with triggers off (`session_replication_role = replica`), going behind the
 * ledger's back: for arranging test data the API cannot make (a backdated registration) and for tamper tests.
 */
export async function behindTheLedger(em: EntityManager, query: string, params: unknown[] = []): Promise<void> {
  await em.fork().transactional(async (tx) => {
    const connection = tx.getConnection();
    const ctx = tx.getTransactionContext();
    await connection.execute('set local session_replication_role = replica', [], 'run', ctx);
    await connection.execute(query, params, 'run', ctx);
  });
}
