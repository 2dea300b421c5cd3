/**
 * What `CREATE DATABASE <name>` needs after the name for the registry: a UTF-8 ctype, without which
 * pg_trgm finds no trigrams in Chinese text (search would silently miss it; the search migration refuses
 * such a database). template0, since template1 may carry another locale that a new database cannot change.
 */
export const UTF8_DATABASE_OPTIONS = `template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`;
