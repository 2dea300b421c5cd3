import { Migration } from '@mikro-orm/migrations';

/** Challenges of public records: published like every record, their outcome a projection the trigger lets change. */
export class Migration20261130063000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "challenge_target" as enum ('PLATFORM', 'QUALIFICATION', 'FILING', 'FLAG', 'FLAG_DECISION');`);
    this.addSql(`create type "challenge_status" as enum ('OPEN', 'UPHELD', 'REJECTED');`);
    this.addSql(
      `create table "challenge" ("id" text not null, "target_type" "challenge_target" not null, "target_id" text not null, "platform_id" text not null, "statement" text not null, "contact" text null, "status" "challenge_status" not null default 'OPEN', "filed_at" timestamptz not null, "decided_at" timestamptz null, "decision_reason" text null, "corrected_record_id" text null, "version" int not null default 0, constraint "challenge_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "challenge_platform_id_status_index" on "challenge" ("platform_id", "status");`);
    this.addSql(`alter table "challenge" add constraint "challenge_platform_id_foreign" foreign key ("platform_id") references "platform" ("id") on update restrict on delete restrict;`);
    this.addSql(
      `create trigger "challenge_published" before update or delete on "challenge" for each row execute function refuse_published_change('status', 'decided_at', 'decision_reason', 'corrected_record_id');`,
    );
    this.addSql(`create trigger "challenge_no_truncate" before truncate on "challenge" for each statement execute function refuse_ledger_change();`);
  }
}
