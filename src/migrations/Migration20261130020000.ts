import { Migration } from '@mikro-orm/migrations';

/** Tables of published records, each with the columns a current-state projection may still change (plus its version). */
export const PUBLISHED_TABLES: Record<string, string[]> = {
  association: [],
  member: [],
  api_token: ['revoked_at'],
  platform: ['registry_status'],
  platform_status_change: [],
  qualification: [],
  rule: [],
  rule_version: [], // a DRAFT row stays editable until it is published (see refuse_rule_version_change)
  parameter_value: [],
  filing: [],
  flag: ['status', 'status_changed_at', 'status_reason'],
  evaluation_error: [],
  calendar_day: ['kind', 'reason', 'changed_at'],
};

/** Foreign keys between published records: [table, column, referenced table]. */
const FOREIGN_KEYS: [string, string, string][] = [
  ['platform', 'association_id', 'association'],
  ['member', 'association_id', 'association'],
  ['member', 'platform_id', 'platform'],
  ['api_token', 'member_id', 'member'],
  ['platform_status_change', 'platform_id', 'platform'],
  ['qualification', 'platform_id', 'platform'],
  ['qualification', 'supersedes_id', 'qualification'],
  ['parameter_value', 'association_id', 'association'],
  ['parameter_value', 'published_by_id', 'member'],
  ['filing', 'platform_id', 'platform'],
  ['filing', 'supersedes_id', 'filing'],
  ['filing', 'submitted_by_id', 'member'],
  ['idempotency_key', 'filing_id', 'filing'],
  ['rule', 'association_id', 'association'],
  ['rule_version', 'rule_id', 'rule'],
  ['rule_version', 'created_by_id', 'member'],
  ['rule_version', 'published_by_id', 'member'],
  ['flag', 'platform_id', 'platform'],
  ['flag', 'filing_id', 'filing'],
  ['flag', 'rule_version_id', 'rule_version'],
  ['evaluation_error', 'filing_id', 'filing'],
  ['evaluation_error', 'rule_version_id', 'rule_version'],
  ['calendar_day', 'association_id', 'association'],
];

/**
 * The ledger: `ledger_entry` replaces the `change` log (whose rows had no exact bytes and no commit order;
 * they are not carried over), `log_state` holds the log's index counter, and the database itself refuses
 * to update or delete published records: triggers on the ledger and on every table of published records
 * (projection columns excepted), foreign keys RESTRICT instead of cascading or setting null.
 */
export class Migration20261130020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "change";`);
    this.addSql(`create table "ledger_entry" ("id" bigserial primary key, "log_index" bigint null, "entity_type" text not null, "entity_id" text not null, "version" int not null, "action" text not null, "at" timestamptz not null, "public" boolean not null, "actor_organisation" text not null, "actor_member_id" text null, "entry" bytea not null, "entry_sha256" bytea not null);`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_log_index_unique" unique ("log_index");`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_entity_type_entity_id_version_unique" unique ("entity_type", "entity_id", "version");`);
    this.addSql(`create index "ledger_entry_entity_id_index" on "ledger_entry" ("entity_id");`);
    this.addSql(`create table "log_state" ("id" smallint not null, "next" bigint not null, constraint "log_state_pkey" primary key ("id"));`);
    this.addSql(`insert into "log_state" ("id", "next") values (1, 0);`);

    this.addSql(`create function refuse_published_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (to_jsonb(new) - coalesce(tg_argv, '{}') - 'version'::text) = (to_jsonb(old) - coalesce(tg_argv, '{}') - 'version'::text) then
    return new;
  end if;
  raise exception '% of % refused: published records are never changed or removed', tg_op, tg_table_name
    using errcode = 'integrity_constraint_violation';
end $$;`);
    this.addSql(`create function refuse_rule_version_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.status = 'DRAFT' then return new; end if;
  raise exception '% of % refused: a published rule version is never changed or removed', tg_op, tg_table_name
    using errcode = 'integrity_constraint_violation';
end $$;`);
    this.addSql(`create function refuse_ledger_change() returns trigger language plpgsql as $$
begin
  raise exception '% of % refused: the ledger is append-only', tg_op, tg_table_name using errcode = 'integrity_constraint_violation';
end $$;`);
    this.addSql(`create trigger "ledger_entry_append_only" before update or delete on "ledger_entry" for each row execute function refuse_ledger_change();`);
    this.addSql(`create trigger "log_state_kept" before delete on "log_state" for each row execute function refuse_ledger_change();`);
    for (const table of ['ledger_entry', 'log_state', ...Object.keys(PUBLISHED_TABLES)]) {
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function refuse_ledger_change();`);
    }
    for (const [table, columns] of Object.entries(PUBLISHED_TABLES)) {
      const fn = table === 'rule_version' ? 'refuse_rule_version_change()' : `refuse_published_change(${columns.map((c) => `'${c}'`).join(', ')})`;
      this.addSql(`create trigger "${table}_published" before update or delete on "${table}" for each row execute function ${fn};`);
    }
    for (const [table, column, target] of FOREIGN_KEYS) {
      const name = `${table}_${column}_foreign`;
      this.addSql(`alter table "${table}" drop constraint "${name}";`);
      this.addSql(`alter table "${table}" add constraint "${name}" foreign key ("${column}") references "${target}" ("id") on update restrict on delete restrict;`);
    }
  }
}
