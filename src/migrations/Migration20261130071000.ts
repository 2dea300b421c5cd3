import { Migration } from '@mikro-orm/migrations';

/**
 * History and as-of read a record's public entries in log order: the latest one inside a bound (DISTINCT ON
 * per record) and a page of its history, both served by this index instead of sorting every version.
 */
export class Migration20261130071000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "ledger_entry_entity_type_entity_id_log_index_index" on "ledger_entry" ("entity_type", "entity_id", "log_index");`);
  }
}
