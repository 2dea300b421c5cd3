import { Migration } from '@mikro-orm/migrations';

/**
 * `log_write`: the first log index of every transaction that appended public entries, so `atLogSize` can
 * round down to a size that holds whole transactions. Entries already in the log get a row for every run
 * of consecutive entries recorded at the same instant (every write stamps its entries with one `at`), with
 * `tx` 0; append-only like the log.
 */
export class Migration20261130084000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "log_write" ("first_index" bigint not null, "tx" bigint not null, constraint "log_write_pkey" primary key ("first_index"));`);
    this.addSql(`insert into "log_write" ("first_index", "tx")
      select e.log_index, 0 from "ledger_entry" e
      where e.log_index is not null and not exists (select 1 from "ledger_entry" p where p.log_index = e.log_index - 1 and p.at = e.at);`);
    this.addSql(`create trigger "log_write_append_only" before update or delete on "log_write" for each row execute function refuse_ledger_change();`);
    this.addSql(`create trigger "log_write_no_truncate" before truncate on "log_write" for each statement execute function refuse_ledger_change();`);
  }
}
