import { Migration } from '@mikro-orm/migrations';

/**
 * Flag cases (due process): each flag's case state, a projection the flag trigger now lets change, the flag a
 * re-raised flag carried its case over from, and the append-only steps of each case, unique per (flag, seq)
 * and immutable like every published table.
 */
export class Migration20261130062000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "flag_case_state" as enum ('OPEN', 'RESPONDED', 'CONFIRMED', 'DISMISSED', 'REMEDIATED', 'CLOSED');`);
    this.addSql(`create type "case_action" as enum ('REPLY', 'CONFIRM', 'DISMISS', 'REMEDIATE', 'REOPEN');`);
    this.addSql(`alter table "flag" add column "case_state" "flag_case_state" not null default 'OPEN', add column "case_changed_at" timestamptz null, add column "case_carried_from_id" text null;`);
    this.addSql(`alter table "flag" add constraint "flag_case_carried_from_id_foreign" foreign key ("case_carried_from_id") references "flag" ("id") on update restrict on delete restrict;`);
    this.addSql(`drop trigger "flag_published" on "flag";`);
    this.addSql(
      `create trigger "flag_published" before update or delete on "flag" for each row execute function refuse_published_change('status', 'status_changed_at', 'status_reason', 'case_state', 'case_changed_at');`,
    );
    this.addSql(
      `create table "flag_case_step" ("id" text not null, "flag_id" text not null, "seq" int not null, "action" "case_action" not null, "from_state" "flag_case_state" not null, "to_state" "flag_case_state" not null, "organisation_id" text not null, "role" text not null, "at" timestamptz not null, "text" text null, "document_sha256s" jsonb not null, "remediating_filing_id" text null, "version" int not null default 0, constraint "flag_case_step_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "flag_case_step" add constraint "flag_case_step_flag_id_seq_unique" unique ("flag_id", "seq");`);
    this.addSql(`alter table "flag_case_step" add constraint "flag_case_step_flag_id_foreign" foreign key ("flag_id") references "flag" ("id") on update restrict on delete restrict;`);
    this.addSql(
      `alter table "flag_case_step" add constraint "flag_case_step_remediating_filing_id_foreign" foreign key ("remediating_filing_id") references "filing" ("id") on update restrict on delete restrict;`,
    );
    this.addSql(`create trigger "flag_case_step_published" before update or delete on "flag_case_step" for each row execute function refuse_published_change();`);
    this.addSql(`create trigger "flag_case_step_no_truncate" before truncate on "flag_case_step" for each statement execute function refuse_ledger_change();`);
  }
}
