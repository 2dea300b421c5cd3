import { Migration } from '@mikro-orm/migrations';
import { FIGURE_COLUMNS, figureTriggerSql, growthSql, upsertFiguresSql } from '../modules/compare/figure-sql';

/**
 * The figures read model (issue 9, Compare): `filing_figure` holds each platform's live figures per period as
 * numbers, kept by a statement trigger on `filing` inserts (so every path that writes filings writes it, in
 * the same transaction) and filled here from the filings already stored. Flags get an index for the risk
 * score (open flags of a platform by severity).
 */
export class Migration20261130073000 extends Migration {
  override async up(): Promise<void> {
    const figures = FIGURE_COLUMNS.map((column) => `"${column}" numeric null`).join(', ');
    this.addSql(`create table "filing_figure" ("platform_id" text not null, "period" text not null, "filing_id" text not null, "amendment" int not null, ${figures}, constraint "filing_figure_pkey" primary key ("platform_id", "period"));`);
    this.addSql(`create index "filing_figure_period_index" on "filing_figure" ("period");`);
    this.addSql(`create function filing_figure_refresh() returns trigger language plpgsql as $$\n${figureTriggerSql()}\n$$;`);
    this.addSql(`create trigger "filing_figure_refresh" after insert on "filing" referencing new table as new_filing for each statement execute function filing_figure_refresh();`);
    this.addSql(`${upsertFiguresSql('filing')};`);
    this.addSql(`${growthSql('select platform_id, period from filing_figure')};`);
    this.addSql(`create index "flag_platform_id_status_severity_index" on "flag" ("platform_id", "status", "severity");`);
  }
}
