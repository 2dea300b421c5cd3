import { Migration } from '@mikro-orm/migrations';

/**
 * The anonymous rate-limit counters (src/http/rate-limit.ts), in rate-limiter-flexible's own table
 * layout and in a schema of their own, which the entity/migration comparison ignores (no entity maps
 * it: `schemaGenerator.ignoreSchema` in mikro-orm.config.ts). Created here rather than by the library
 * at boot, where several API processes starting together would race on CREATE TABLE.
 */
export class Migration20261130013000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "rate_limit";`);
    this.addSql(`create table "rate_limit"."counter" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop schema if exists "rate_limit" cascade;`);
  }
}
