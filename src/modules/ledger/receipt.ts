import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { ClassType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { boundSql } from '../../shared/sql';
import { Versioned } from './entries';
import { LogReceipt } from './log.types';
import { recordDefinitionOf } from './records';

/** One record version: its stable type name, id and version. */
export interface RecordVersion {
  type: string;
  id: string;
  version: number;
}

/** Receipts of record versions, one query per batch; null for a version with no public entry. */
export function receiptLoader(em: EntityManager) {
  return new DataLoader<RecordVersion, LogReceipt | null, string>(
    async (keys) => {
      const rows = await boundSql<{ entity_type: string; entity_id: string; version: number; log_index: string; leaf_hash: Buffer; entry_sha256: Buffer; covered_by: string | null }>(
        em,
        `select e.entity_type, e.entity_id, e.version, e.log_index::text as log_index, sha256(decode('00', 'hex') || e.entry) as leaf_hash, e.entry_sha256,
           (select min(c.size) from log_checkpoint c where c.size > e.log_index)::text as covered_by
         from ledger_entry e join unnest(?::text[], ?::text[], ?::int[]) k(t, i, v) on e.entity_type = k.t and e.entity_id = k.i and e.version = k.v
         where e.log_index is not null`,
        [keys.map((k) => k.type), keys.map((k) => k.id), keys.map((k) => k.version)],
      );
      const byKey = new Map(rows.map((r) => [keyOf({ type: r.entity_type, id: r.entity_id, version: r.version }), r]));
      return keys.map((key) => {
        const row = byKey.get(keyOf(key));
        if (!row) return null;
        return {
          logIndex: BigInt(row.log_index),
          leafHash: row.leaf_hash.toString('base64'),
          entrySha256: row.entry_sha256.toString('base64'),
          coveredBy: row.covered_by === null ? null : BigInt(row.covered_by),
        };
      });
    },
    { cacheKeyFn: keyOf },
  );
}

function keyOf(key: RecordVersion): string {
  return `${key.type}/${key.id}/${key.version}`;
}

/** A resolver adding `receipt` (the log entry of the record's current version) to the GraphQL type of `entity`. */
export function receiptResolver(entity: ClassType<Versioned>) {
  @Resolver(() => entity)
  class ReceiptResolver {
    @FieldResolver(() => LogReceipt, {
      nullable: true,
      description: "This version's entry in the transparency log (null when the version is not public).",
    })
    receipt(@Root() record: Versioned, @Ctx() { loaders }: Context): Promise<LogReceipt | null> | null {
      const definition = recordDefinitionOf(entity.prototype);
      return definition ? loaders.receipt.load({ type: definition.type, id: record.id, version: record.version }) : null;
    }
  }
  return ReceiptResolver;
}
