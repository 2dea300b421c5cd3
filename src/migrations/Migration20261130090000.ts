import { Migration } from '@mikro-orm/migrations';

/** Columns of `platform` a new version may change (its current-state projection), now with the legal name. */
const PLATFORM_PROJECTION = [
  'registry_status',
  'legal_name',
  'former_names',
  'websites',
  'apps',
  'custody_bank_name',
  'related_parties',
  'regulator_status',
  'regulator_number',
  'regulator_authority',
  'regulator_registered_at',
  'profile_updated_at',
];

/**
 * Renamed platforms: an owner may record the company's new legal name (its USCC stays), the old one kept in
 * `former_names` (`[{ legalName, until }]`, as the record holds it), and search reads former names beside the
 * current one: the searched text and its trigram index gain them.
 */
export class Migration20261130090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "platform" add column "former_names" jsonb not null default '[]';`);
    this.addSql(`alter table "platform" alter column "former_names" drop default;`);
    this.addSql(`drop trigger "platform_published" on "platform";`);
    const allowed = PLATFORM_PROJECTION.map((c) => `'${c}'`).join(', ');
    this.addSql(`create trigger "platform_published" before update or delete on "platform" for each row execute function refuse_published_change(${allowed});`);
    this.addSql(`drop index "platform_search_trgm";`);
    this.addSql(`drop function platform_search_text(text, text, text, jsonb, jsonb);`);
    // as before, one field per line; former names as a JSON array of the names alone
    this.addSql(`create function platform_search_text(legal_name text, former_names jsonb, uscc text, custody_bank_name text, websites jsonb, apps jsonb) returns text
      language sql immutable parallel safe as $$
        select legal_name || E'\\n' || jsonb_path_query_array(former_names, '$[*].legalName')::text || E'\\n' || uscc || E'\\n'
          || coalesce(custody_bank_name, '') || E'\\n' || websites::text || E'\\n' || apps::text
      $$;`);
    this.addSql(
      `create index "platform_search_trgm" on "platform" using gin (platform_search_text("legal_name", "former_names", "uscc", "custody_bank_name", "websites", "apps") gin_trgm_ops) with (fastupdate = off);`,
    );
  }
}
