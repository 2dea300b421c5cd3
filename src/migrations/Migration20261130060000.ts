import { Migration } from '@mikro-orm/migrations';

/**
 * A filing version records the evaluation made when it was written: the SHA-256 of the facts document it was
 * evaluated on and the rule versions it was evaluated under. Null on versions recorded before this column.
 */
export class Migration20261130060000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "filing" add column "facts_sha256" text null, add column "evaluated_rule_version_ids" jsonb null;`);
  }
}
