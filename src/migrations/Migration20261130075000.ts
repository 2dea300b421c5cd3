import { Migration } from '@mikro-orm/migrations';

/** Columns a current-state projection may change, per table whose published-record trigger this migration re-creates. */
const PROJECTIONS: Record<string, string[]> = {
  platform: [
    'registry_status',
    'websites',
    'apps',
    'custody_bank_name',
    'related_parties',
    'regulator_status',
    'regulator_number',
    'regulator_authority',
    'regulator_registered_at',
    'profile_updated_at',
  ],
  member: ['removed_at'],
  api_token: ['revoked_at', 'last_used_at'],
};

/**
 * A platform's own record: owners update its profile (each update a new platform version in the ledger, the
 * row holding the latest; profile_updated_at tells the rules' facts to read the versions), members can be
 * removed (the row stays, marked), tokens record when they were last used (a usage projection, at most once
 * a minute, outside the ledger). A USCC is held only by a PENDING, APPROVED or SUSPENDED registration: a
 * partial unique index replaces the unique constraint, so a rejected or deregistered one stays on record
 * without blocking the company's own registration.
 */
export class Migration20261130075000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "platform" add column "profile_updated_at" timestamptz null;`);
    this.addSql(`alter table "member" add column "removed_at" timestamptz null;`);
    this.addSql(`alter table "api_token" add column "last_used_at" timestamptz null;`);
    for (const [table, columns] of Object.entries(PROJECTIONS)) {
      this.addSql(`drop trigger "${table}_published" on "${table}";`);
      const allowed = columns.map((c) => `'${c}'`).join(', ');
      this.addSql(`create trigger "${table}_published" before update or delete on "${table}" for each row execute function refuse_published_change(${allowed});`);
    }
    this.addSql(`alter table "platform" drop constraint "platform_uscc_unique";`);
    this.addSql(`create unique index "platform_uscc_held" on "platform" ("uscc") where "registry_status" in ('PENDING', 'APPROVED', 'SUSPENDED');`);
    this.addSql(`create index "platform_uscc_index" on "platform" ("uscc");`);
  }
}
