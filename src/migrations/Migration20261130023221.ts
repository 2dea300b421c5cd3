import { Migration } from '@mikro-orm/migrations';

/**
 * The transparency log's storage: hashes of complete subtrees (a proof or a tile reads O(log n) rows)
 * and signed checkpoints. Both are append-only like the ledger: the triggers reuse its refusal function.
 */
export class Migration20261130023221 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "log_checkpoint" ("size" bigint not null, "root" bytea not null, "note" text not null, "signed_at" timestamptz not null, constraint "log_checkpoint_pkey" primary key ("size"));`);
    this.addSql(`create table "log_subtree" ("level" smallint not null, "index" bigint not null, "hash" bytea not null, constraint "log_subtree_pkey" primary key ("level", "index"));`);
    for (const table of ['log_checkpoint', 'log_subtree']) {
      this.addSql(`create trigger "${table}_append_only" before update or delete on "${table}" for each row execute function refuse_ledger_change();`);
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function refuse_ledger_change();`);
    }
  }
}
