import { Migration } from '@mikro-orm/migrations';

/** The GIN trigram indexes search reads (Migration20261130070000). */
const SEARCH_INDEXES = ['platform_search_trgm', 'rule_code_trgm', 'rule_version_search_trgm'];

/**
 * Search's GIN trigram indexes without a pending list (`fastupdate = off`). With it, new rows wait in an
 * unsorted list until a vacuum, and the planner charges every index scan for reading that list: after 10,000
 * platforms were inserted it costed the bitmap scan at twice a sequential scan of `platform`, so every search
 * read the whole table (150-360 ms a query instead of 5-15 ms). Platforms and rules are written rarely, so each
 * insert now updates the index at once. The lists built so far are flushed here.
 */
export class Migration20261130082000 extends Migration {
  override async up(): Promise<void> {
    for (const index of SEARCH_INDEXES) {
      this.addSql(`alter index "${index}" set (fastupdate = off);`);
      this.addSql(`select gin_clean_pending_list('"${index}"'::regclass);`);
    }
  }

  override async down(): Promise<void> {
    for (const index of SEARCH_INDEXES) this.addSql(`alter index "${index}" reset (fastupdate);`);
  }
}
