import { Migration } from '@mikro-orm/migrations';

/** An imported filing version keeps the ctx its file declared (asOf, due periods, parameters): it is evaluated in it. */
export class Migration20261130050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "filing" add column "import_context" jsonb null;`);
  }
}
