import { Migration } from '@mikro-orm/migrations';

/**
 * The feed's and the exports' reads: public entries of one type in log order (an export, a type-filtered
 * subscription) get their own index; and every statement that appends public entries sends one
 * `NOTIFY ledger_log, '<highest log index>'` at its commit, which wakes subscribers in every API process
 * on the database (they then read the feed by cursor, so the payload is only a hint).
 */
export class Migration20261130072000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "ledger_entry_type_log_index" on "ledger_entry" ("entity_type", "log_index");`);
    this.addSql(`create function notify_ledger_log() returns trigger language plpgsql as $$
      declare top bigint;
      begin
        select max(log_index) into top from appended;
        if top is not null then perform pg_notify('ledger_log', top::text); end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "ledger_entry_notify" after insert on "ledger_entry" referencing new table as appended for each statement execute function notify_ledger_log();`);
  }
}
