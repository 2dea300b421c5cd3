import { Migration } from '@mikro-orm/migrations';

/** Public records of re-evaluation batches (what a publication's re-evaluation evaluated), immutable like every published table. */
export class Migration20261130061000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reevaluation_batch" ("id" text not null, "rule_version_id" text not null, "filings" jsonb not null, "flags_raised" int not null, "at" timestamptz not null, "version" int not null default 0, constraint "reevaluation_batch_pkey" primary key ("id"));`);
    this.addSql(`create index "reevaluation_batch_rule_version_id_index" on "reevaluation_batch" ("rule_version_id");`);
    this.addSql(`alter table "reevaluation_batch" add constraint "reevaluation_batch_rule_version_id_foreign" foreign key ("rule_version_id") references "rule_version" ("id") on update restrict on delete restrict;`);
    this.addSql(`create trigger "reevaluation_batch_published" before update or delete on "reevaluation_batch" for each row execute function refuse_published_change();`);
    this.addSql(`create trigger "reevaluation_batch_no_truncate" before truncate on "reevaluation_batch" for each statement execute function refuse_ledger_change();`);
  }
}
