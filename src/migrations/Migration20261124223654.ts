import { Migration } from '@mikro-orm/migrations';

export class Migration20261124223654 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "calendar_day_kind" as enum ('HOLIDAY', 'WORKDAY', 'SEED');`);
    this.addSql(`create table "calendar_day" ("id" text not null, "association_id" text not null, "date" text not null, "kind" "calendar_day_kind" not null, "reason" text not null, "changed_at" timestamptz not null, "version" int not null default 0, constraint "calendar_day_pkey" primary key ("id"));`);
    this.addSql(`alter table "calendar_day" add constraint "calendar_day_association_id_date_unique" unique ("association_id", "date");`);

    this.addSql(`alter table "calendar_day" add constraint "calendar_day_association_id_foreign" foreign key ("association_id") references "association" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "calendar_day" cascade;`);

    this.addSql(`drop type "calendar_day_kind";`);
  }

}
