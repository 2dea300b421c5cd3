import { Migration } from '@mikro-orm/migrations';

export class Migration20261124215132 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "regulator_registration_status" as enum ('REGISTERED', 'PENDING', 'REJECTED', 'REVOKED', 'CANCELLED');`);
    this.addSql(`create type "registry_status" as enum ('PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED', 'DEREGISTERED');`);
    this.addSql(`create type "role" as enum ('ASSOCIATION_ADMIN', 'RULE_EDITOR', 'REVIEWER', 'PLATFORM_OWNER', 'FILER');`);
    this.addSql(`create type "qualification_type" as enum ('BUSINESS_LICENSE', 'ONLINE_LENDING_REGISTRATION', 'ICP_LICENSE', 'CUSTODY_AGREEMENT', 'MLPS_LEVEL3_FILING', 'ANNUAL_AUDIT_REPORT', 'COMPLIANCE_AUDIT_REPORT', 'OTHER');`);
    this.addSql(`create type "qualification_filed_status" as enum ('ACTIVE', 'REVOKED');`);
    this.addSql(`create table "association" ("id" text not null, "name" text not null, "created_at" timestamptz not null, "version" int not null default 0, constraint "association_pkey" primary key ("id"));`);
    this.addSql(`alter table "association" add constraint "association_name_unique" unique ("name");`);

    this.addSql(`create table "change" ("seq" bigserial primary key, "entity_type" text not null, "entity_id" text not null, "version" int not null, "action" text not null, "actor_member_id" text null, "actor_label" text not null, "at" timestamptz not null, "reason" text null, "public" boolean not null, "snapshot" jsonb not null);`);
    this.addSql(`create index "change_entity_type_entity_id_version_index" on "change" ("entity_type", "entity_id", "version");`);

    this.addSql(`create table "platform" ("id" text not null, "association_id" text not null, "legal_name" text not null, "uscc" text not null, "registered_capital_minor" bigint not null, "business_license_issued_at" timestamptz not null, "online_since" timestamptz not null, "websites" jsonb not null, "apps" jsonb not null, "custody_bank_name" text null, "related_parties" jsonb not null, "regulator_status" "regulator_registration_status" not null, "regulator_number" text null, "regulator_authority" text not null, "regulator_registered_at" timestamptz null, "attestation_text_version" text not null, "attestation_attested_by" text not null, "attestation_attested_at" timestamptz not null, "registry_status" "registry_status" not null default 'PENDING', "created_at" timestamptz not null, "version" int not null default 0, constraint "platform_pkey" primary key ("id"));`);
    this.addSql(`alter table "platform" add constraint "platform_uscc_unique" unique ("uscc");`);
    this.addSql(`create index "platform_registry_status_index" on "platform" ("registry_status");`);
    this.addSql(`create index "platform_created_at_id_index" on "platform" ("created_at", "id");`);
    this.addSql(`create index "platform_legal_name_id_index" on "platform" ("legal_name", "id");`);

    this.addSql(`create table "member" ("id" text not null, "name" text not null, "role" "role" not null, "association_id" text null, "platform_id" text null, "created_at" timestamptz not null, "version" int not null default 0, constraint "member_pkey" primary key ("id"), constraint member_one_organisation check ((association_id is null) <> (platform_id is null)));`);
    this.addSql(`create index "member_association_id_index" on "member" ("association_id");`);
    this.addSql(`create index "member_platform_id_index" on "member" ("platform_id");`);

    this.addSql(`create table "api_token" ("id" text not null, "member_id" text not null, "role" "role" not null, "label" text not null, "prefix" text not null, "secret_hash" text not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "version" int not null default 0, constraint "api_token_pkey" primary key ("id"));`);
    this.addSql(`create index "api_token_member_id_index" on "api_token" ("member_id");`);
    this.addSql(`alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`create table "platform_status_change" ("id" text not null, "platform_id" text not null, "from_status" "registry_status" null, "to_status" "registry_status" not null, "reason" text null, "changed_by" text not null, "at" timestamptz not null, "version" int not null default 0, constraint "platform_status_change_pkey" primary key ("id"));`);
    this.addSql(`create index "platform_status_change_platform_id_at_index" on "platform_status_change" ("platform_id", "at");`);

    this.addSql(`create table "qualification" ("id" text not null, "platform_id" text not null, "type" "qualification_type" not null, "issuer" text not null, "number" text not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "document_sha256" text not null, "status" "qualification_filed_status" not null, "supersedes_id" text null, "created_at" timestamptz not null, "version" int not null default 0, constraint "qualification_pkey" primary key ("id"));`);
    this.addSql(`alter table "qualification" add constraint "qualification_supersedes_id_unique" unique ("supersedes_id");`);
    this.addSql(`create index "qualification_platform_id_type_index" on "qualification" ("platform_id", "type");`);

    this.addSql(`alter table "platform" add constraint "platform_association_id_foreign" foreign key ("association_id") references "association" ("id") on update cascade;`);

    this.addSql(`alter table "member" add constraint "member_association_id_foreign" foreign key ("association_id") references "association" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "member" add constraint "member_platform_id_foreign" foreign key ("platform_id") references "platform" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "api_token" add constraint "api_token_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);

    this.addSql(`alter table "platform_status_change" add constraint "platform_status_change_platform_id_foreign" foreign key ("platform_id") references "platform" ("id") on update cascade;`);

    this.addSql(`alter table "qualification" add constraint "qualification_platform_id_foreign" foreign key ("platform_id") references "platform" ("id") on update cascade;`);
    this.addSql(`alter table "qualification" add constraint "qualification_supersedes_id_foreign" foreign key ("supersedes_id") references "qualification" ("id") on update cascade on delete set null;`);
  }

}
