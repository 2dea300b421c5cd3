import { Migration } from '@mikro-orm/migrations';
import { UTF8_DATABASE_OPTIONS } from '../database/utf8-database';

/** Where trigrams of Chinese text come from: a database whose LC_CTYPE is not UTF-8 gives none, so search would find nothing. */
const NEEDS_UTF8_CTYPE = `Search (pg_trgm) needs a database whose LC_CTYPE is UTF-8: with another ctype Chinese text has no trigrams and search would silently miss it. `
  + `Create the database with: CREATE DATABASE <name> ${UTF8_DATABASE_OPTIONS}`;

/**
 * Search (issue 9): pg_trgm, the scoring function, and GIN trigram indexes on the searched text. The
 * indexes are on expressions of the tables' own columns, so there is no search table to keep in step
 * with the ledger's writes: every write path (commands, imports, re-evaluation) is covered as it is.
 */
export class Migration20261130070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`do $$ begin
      if coalesce(array_length(show_trgm('江南银行'), 1), 0) = 0 then
        raise exception using message = $msg$${NEEDS_UTF8_CTYPE}$msg$, detail = 'LC_CTYPE is ' || (select datctype from pg_database where datname = current_database());
      end if;
    end $$;`);
    // a platform's searched fields as one text, one per line (a query never holds a newline, so no substring spans two
    // fields); websites and apps as their JSON text. One expression of immutable operators, so the planner inlines it.
    this.addSql(`create function platform_search_text(legal_name text, uscc text, custody_bank_name text, websites jsonb, apps jsonb) returns text
      language sql immutable parallel safe as $$
        select legal_name || E'\\n' || uscc || E'\\n' || coalesce(custody_bank_name, '') || E'\\n' || websites::text || E'\\n' || apps::text
      $$;`);
    // the score of one field's text for a query, in millionths (an exact integer): 1,000,000 + its similarity when it
    // holds the query (case aside), else its word similarity when that reaches 0.6 (pg_trgm's default threshold), else
    // null (no match). greatest/nullif keep it to one word_similarity call.
    this.addSql(`create function search_score(query text, value text) returns integer
      language sql immutable parallel safe as $$
        select case
          when strpos(lower(value), lower(query)) > 0 then 1000000 + round(similarity(query, value)::float8 * 1000000)::integer
          else nullif(greatest(round(word_similarity(query, value)::float8 * 1000000)::integer, 599999), 599999)
        end
      $$;`);
    this.addSql(`create index "platform_search_trgm" on "platform" using gin (platform_search_text("legal_name", "uscc", "custody_bank_name", "websites", "apps") gin_trgm_ops);`);
    this.addSql(`create index "rule_code_trgm" on "rule" using gin ("code" gin_trgm_ops);`);
    this.addSql(`create index "rule_version_search_trgm" on "rule_version" using gin ((("title" || E'\\n') || "text") gin_trgm_ops) where "status" = 'PUBLISHED';`);
    // flags found through their rule version (a title or code that matches)
    this.addSql(`create index "flag_rule_version_id_index" on "flag" ("rule_version_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "flag_rule_version_id_index";`);
    this.addSql(`drop index if exists "rule_version_search_trgm";`);
    this.addSql(`drop index if exists "rule_code_trgm";`);
    this.addSql(`drop index if exists "platform_search_trgm";`);
    this.addSql(`drop function if exists search_score(text, text);`);
    this.addSql(`drop function if exists platform_search_text(text, text, text, jsonb, jsonb);`);
  }
}
