import { Migration } from '@mikro-orm/migrations';

/**
 * Rules marked for review before publication: a rule version says whether its flags wait for a reviewer
 * (`review_before_publication`); a flag it raises records that (`review_before_publication`, fixed at raise) and is
 * held (`held_for_review`) until a reviewer confirms it, a projection the flag trigger now lets change (from true
 * to false, once: the confirming decision publishes the flag).
 */
export class Migration20261130081000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "rule_version" add column "review_before_publication" boolean not null default false;`);
    this.addSql(`alter table "flag" add column "review_before_publication" boolean not null default false, add column "held_for_review" boolean not null default false;`);
    this.addSql(`drop trigger "flag_published" on "flag";`);
    this.addSql(
      `create trigger "flag_published" before update or delete on "flag" for each row execute function refuse_published_change('status', 'status_changed_at', 'status_reason', 'case_state', 'case_changed_at', 'held_for_review');`,
    );
  }
}
