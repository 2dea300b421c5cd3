import { Migration } from '@mikro-orm/migrations';

export class Migration20261124221032 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "provenance" as enum ('SUBMITTED', 'IMPORTED');`);
    this.addSql(`create type "rule_version_status" as enum ('DRAFT', 'PUBLISHED');`);
    this.addSql(`create type "rule_category" as enum ('QUALIFICATION', 'CUSTODY', 'FUND_POOLING', 'GUARANTEE', 'DISCLOSURE', 'MATURITY_MISMATCH', 'BORROWER_CAP', 'CONCENTRATION', 'CREDIT_QUALITY', 'DATA_INTEGRITY');`);
    this.addSql(`create type "severity" as enum ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW');`);
    this.addSql(`create type "flag_status" as enum ('OPEN', 'RESOLVED', 'SUPERSEDED');`);
    this.addSql(`create table "parameter_value" ("id" text not null, "association_id" text not null, "name" text not null, "period" text not null, "value" bigint not null, "number" int not null, "reason" text null, "published_by_id" text null, "published_at" timestamptz not null, "version" int not null default 0, constraint "parameter_value_pkey" primary key ("id"));`);
    this.addSql(`alter table "parameter_value" add constraint "parameter_value_association_id_name_period_number_unique" unique ("association_id", "name", "period", "number");`);

    this.addSql(`create table "filing" ("id" text not null, "platform_id" text not null, "period" text not null, "amendment" int not null, "supersedes_id" text null, "provenance" "provenance" not null, "currency" text not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "due_at" timestamptz not null, "submitted_at" timestamptz not null, "submitted_by_id" text null, "amendment_reason" text null, "content" jsonb not null, "content_sha256" text not null, "created_at" timestamptz not null, "version" int not null default 0, constraint "filing_pkey" primary key ("id"));`);
    this.addSql(`alter table "filing" add constraint "filing_supersedes_id_unique" unique ("supersedes_id");`);
    this.addSql(`create index "filing_period_index" on "filing" ("period");`);
    this.addSql(`alter table "filing" add constraint "filing_platform_id_period_amendment_unique" unique ("platform_id", "period", "amendment");`);

    this.addSql(`create table "idempotency_key" ("id" text not null, "token_id" text not null, "key" text not null, "request_sha256" text not null, "filing_id" text not null, "created_at" timestamptz not null, "version" int not null default 0, constraint "idempotency_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_token_id_key_unique" unique ("token_id", "key");`);

    this.addSql(`create table "rule" ("id" text not null, "association_id" text not null, "code" text not null, "created_at" timestamptz not null, "version" int not null default 0, constraint "rule_pkey" primary key ("id"));`);
    this.addSql(`alter table "rule" add constraint "rule_association_id_code_unique" unique ("association_id", "code");`);

    this.addSql(`create table "rule_version" ("id" text not null, "rule_id" text not null, "number" int null, "status" "rule_version_status" not null, "title" text not null, "text" text not null, "basis" text not null, "threshold" text not null, "category" "rule_category" not null, "severity" "severity" not null, "expression" text not null, "retires" boolean not null default false, "effective_from" timestamptz null, "created_by_id" text not null, "created_at" timestamptz not null, "published_by_id" text null, "published_at" timestamptz null, "version" int not null default 0, constraint "rule_version_pkey" primary key ("id"));`);
    this.addSql(`create index "rule_version_rule_id_status_effective_from_index" on "rule_version" ("rule_id", "status", "effective_from");`);
    this.addSql(`alter table "rule_version" add constraint "rule_version_rule_id_number_unique" unique ("rule_id", "number");`);

    this.addSql(`create table "flag" ("id" text not null, "platform_id" text not null, "filing_id" text null, "period" text not null, "rule_version_id" text not null, "rule_code" text not null, "severity" "severity" not null, "category" "rule_category" not null, "status" "flag_status" not null, "evidence" jsonb not null, "raised_at" timestamptz not null, "status_changed_at" timestamptz null, "status_reason" text null, "version" int not null default 0, constraint "flag_pkey" primary key ("id"));`);
    this.addSql(`create index "flag_rule_code_status_index" on "flag" ("rule_code", "status");`);
    this.addSql(`create index "flag_filing_id_index" on "flag" ("filing_id");`);
    this.addSql(`create index "flag_platform_id_period_index" on "flag" ("platform_id", "period");`);

    this.addSql(`create table "evaluation_error" ("id" text not null, "filing_id" text not null, "rule_version_id" text not null, "rule_code" text not null, "message" text not null, "evaluated_at" timestamptz not null, "version" int not null default 0, constraint "evaluation_error_pkey" primary key ("id"));`);
    this.addSql(`create index "evaluation_error_filing_id_index" on "evaluation_error" ("filing_id");`);

    this.addSql(`alter table "parameter_value" add constraint "parameter_value_association_id_foreign" foreign key ("association_id") references "association" ("id") on update cascade;`);
    this.addSql(`alter table "parameter_value" add constraint "parameter_value_published_by_id_foreign" foreign key ("published_by_id") references "member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "filing" add constraint "filing_platform_id_foreign" foreign key ("platform_id") references "platform" ("id") on update cascade;`);
    this.addSql(`alter table "filing" add constraint "filing_supersedes_id_foreign" foreign key ("supersedes_id") references "filing" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "filing" add constraint "filing_submitted_by_id_foreign" foreign key ("submitted_by_id") references "member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_filing_id_foreign" foreign key ("filing_id") references "filing" ("id") on update cascade;`);

    this.addSql(`alter table "rule" add constraint "rule_association_id_foreign" foreign key ("association_id") references "association" ("id") on update cascade;`);

    this.addSql(`alter table "rule_version" add constraint "rule_version_rule_id_foreign" foreign key ("rule_id") references "rule" ("id") on update cascade;`);
    this.addSql(`alter table "rule_version" add constraint "rule_version_created_by_id_foreign" foreign key ("created_by_id") references "member" ("id") on update cascade;`);
    this.addSql(`alter table "rule_version" add constraint "rule_version_published_by_id_foreign" foreign key ("published_by_id") references "member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "flag" add constraint "flag_platform_id_foreign" foreign key ("platform_id") references "platform" ("id") on update cascade;`);
    this.addSql(`alter table "flag" add constraint "flag_filing_id_foreign" foreign key ("filing_id") references "filing" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "flag" add constraint "flag_rule_version_id_foreign" foreign key ("rule_version_id") references "rule_version" ("id") on update cascade;`);

    this.addSql(`alter table "evaluation_error" add constraint "evaluation_error_filing_id_foreign" foreign key ("filing_id") references "filing" ("id") on update cascade;`);
    this.addSql(`alter table "evaluation_error" add constraint "evaluation_error_rule_version_id_foreign" foreign key ("rule_version_id") references "rule_version" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "filing" drop constraint "filing_supersedes_id_foreign";`);

    this.addSql(`alter table "idempotency_key" drop constraint "idempotency_key_filing_id_foreign";`);

    this.addSql(`alter table "flag" drop constraint "flag_filing_id_foreign";`);

    this.addSql(`alter table "evaluation_error" drop constraint "evaluation_error_filing_id_foreign";`);

    this.addSql(`alter table "rule_version" drop constraint "rule_version_rule_id_foreign";`);

    this.addSql(`alter table "flag" drop constraint "flag_rule_version_id_foreign";`);

    this.addSql(`alter table "evaluation_error" drop constraint "evaluation_error_rule_version_id_foreign";`);

    this.addSql(`drop table if exists "parameter_value" cascade;`);

    this.addSql(`drop table if exists "filing" cascade;`);

    this.addSql(`drop table if exists "idempotency_key" cascade;`);

    this.addSql(`drop table if exists "rule" cascade;`);

    this.addSql(`drop table if exists "rule_version" cascade;`);

    this.addSql(`drop table if exists "flag" cascade;`);

    this.addSql(`drop table if exists "evaluation_error" cascade;`);

    this.addSql(`drop type "provenance";`);
    this.addSql(`drop type "rule_version_status";`);
    this.addSql(`drop type "rule_category";`);
    this.addSql(`drop type "severity";`);
    this.addSql(`drop type "flag_status";`);
  }

}
