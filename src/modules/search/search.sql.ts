import { SearchKind } from './search.enums';
import { SearchFilter } from './search.inputs';
import { publishedFlagSql } from '../flags/flag.visibility';
import { keysetRead, PageWindow } from '../../shared/pagination';

/** Facets: one per filter, each counted with every other filter applied but its own. */
export type FacetName = 'kinds' | 'registryStatus' | 'authority' | 'custodyBank' | 'openFlagSeverity' | 'openFlagCategory';

/** A statement's text and its values, in `?` order. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Collects the values of a statement while its text is written: `bind(v)` answers the `?` to write (`array[?, ...]` for a list). */
class Bindings {
  readonly values: unknown[] = [];
  bind = (value: unknown): string => {
    if (!Array.isArray(value)) {
      this.values.push(value);
      return '?';
    }
    this.values.push(...value);
    return `array[${value.map(() => '?').join(', ')}]`;
  };
}

/** A query text as searched: NFKC (full-width letters and digits become ASCII), spaces collapsed, trimmed. */
export function normalizeQuery(query: string): string {
  return query.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, '\\$&')}%`;

/** Least word similarity of a near miss: pg_trgm's `<%` threshold, set for every search (search_score cuts at the same 0.6). */
export const WORD_SIMILARITY_THRESHOLD = 0.6;

/**
 * The settings of a search's transaction, in one statement: JIT off (the planner over-estimates these joins of
 * CTEs, and the server's JIT once spent seconds compiling a query that runs in milliseconds; PGlite has none),
 * and the word-similarity threshold of `<%` set explicitly, so the server and the embedded database select alike.
 */
export const SEARCH_SETTINGS = `select set_config('jit', 'off', true), set_config('pg_trgm.word_similarity_threshold', '${WORD_SIMILARITY_THRESHOLD}', true)`;

/**
 * How a query matches. `substring`: shorter than a trigram, only texts that hold it (no index serves it).
 * `identifier` (a USCC or code: ASCII letters and digits, a digit among them, 6 or more): only texts that hold
 * it, as a USCC prefix resembles every USCC with the same region code. `fuzzy`: texts that hold it or whose
 * word similarity reaches the threshold.
 */
export type Matching = 'substring' | 'identifier' | 'fuzzy';

/** How a normalized query matches (see Matching). */
export function matchingOf(query: string): Matching {
  if ([...query].length < 3) return 'substring';
  return /^[0-9A-Za-z]{6,}$/.test(query) && /[0-9]/.test(query) ? 'identifier' : 'fuzzy';
}

// The searched text of each table, written exactly as its GIN trigram index (Migrations 20261130070000 and 20261130090000).
const PLATFORM_DOC = 'platform_search_text(p.legal_name, p.former_names, p.uscc, p.custody_bank_name, p.websites, p.apps)';
const VERSION_DOC = `((v.title || E'\\n') || v.text)`;

/** Search finds and counts published flags only, whoever asks (a flag held for review is not searchable). */
const PUBLISHED = publishedFlagSql('f');

/**
 * The hits of a query as CTEs ending in `h` (kind, kind_rank, id, field, value, score and the hit's platform
 * attributes) and `open_flags` (hit_id, severity, category). A row is a candidate by a plain condition on the
 * expression its GIN trigram index holds (`ilike '%q%'`, or `<%` for fuzzy queries: two bitmap index scans
 * ORed), the same for rule codes and versions; only candidates are scored. A hit's score is its best field's
 * `search_score`: 1,000,000 plus the field's similarity (in millionths) when the field holds the query, else
 * (fuzzy queries only) the field's word similarity.
 */
function hitsCte(query: string, kinds: readonly SearchKind[], b: Bindings): string {
  const q = () => b.bind(query);
  const pattern = likePattern(query);
  const matching = matchingOf(query);
  /**
   * Whether `doc` is a candidate: it holds the query, or (fuzzy) its word similarity reaches the threshold. Both
   * are GIN-trigram operators, so the planner ORs two bitmap index scans; the cheap `ilike` goes first, so a
   * row that holds the query is never measured for similarity.
   */
  const matches = (doc: string) => (matching === 'fuzzy' ? `(${doc} ilike ${b.bind(pattern)} or ${q()} <% ${doc})` : `${doc} ilike ${b.bind(pattern)}`);
  const score = (value: string) =>
    matching === 'identifier' ? `(case when strpos(lower(${value}), lower(${q()})) > 0 then search_score(${q()}, ${value}) end)` : `search_score(${q()}, ${value})`;
  const best = (fields: string) => `(select s.field, s.value, s.score from (${fields}) s where s.score is not null order by s.score desc, s.ord, s.value limit 1)`;
  const branches = [
    kinds.includes(SearchKind.PLATFORM) && `select 'PLATFORM', 1, id, field, value, score, registry_status, authority, custody_bank from plat`,
    kinds.includes(SearchKind.RULE) && `select 'RULE', 2, id, field, value, score, null, null, null from rul`,
    kinds.includes(SearchKind.FLAG) && `select 'FLAG', 3, id, field, value, score, registry_status, authority, custody_bank from flg`,
  ].filter(Boolean);
  return `with
plat as (
  select p.id, p.legal_name, p.registry_status::text registry_status, p.regulator_authority authority, p.custody_bank_name custody_bank,
    n.name_score, m.field, m.value, m.score
  from platform p
  -- offset 0 keeps the name's score one computed value, used twice below
  cross join lateral (select ${score('p.legal_name')} name_score offset 0) n
  cross join lateral ${best(`
    select 'LEGAL_NAME' field, 1 ord, p.legal_name value, n.name_score score
    union all select 'USCC', 2, p.uscc, ${score('p.uscc')}
    union all select 'CUSTODY_BANK', 3, p.custody_bank_name, ${score('p.custody_bank_name')}
    union all select 'WEBSITE', 4, w, ${score('w')} from jsonb_array_elements_text(p.websites) w
    union all select 'APP', 5, a, ${score('a')} from jsonb_array_elements_text(p.apps) a
    union all select 'FORMER_NAME', 6, f."legalName", ${score('f."legalName"')} from jsonb_to_recordset(p.former_names) f("legalName" text)`)} m
  where ${matches(PLATFORM_DOC)}
),
ver_ids as (
  select v.id from rule_version v where v.status = 'PUBLISHED' and ${matches(VERSION_DOC)}
  union select v.id from rule_version v join rule r on r.id = v.rule_id where v.status = 'PUBLISHED' and ${matches('r.code')}
),
rul as (
  select r.id, m.field, m.value, m.score
  from rule r
  join lateral (select v.title, v.text from rule_version v where v.rule_id = r.id and v.status = 'PUBLISHED' order by v.number desc limit 1) v on true
  cross join lateral ${best(`
    select 'RULE_CODE' field, 1 ord, r.code value, ${score('r.code')} score
    union all select 'RULE_TITLE', 2, v.title, ${score('v.title')}
    union all select 'RULE_TEXT', 3, v.text, ${score('v.text')}`)} m
  where r.id in (select v.rule_id from ver_ids c join rule_version v on v.id = c.id)
),
ver as (
  select v.id, m.field, m.value, m.score
  from ver_ids c join rule_version v on v.id = c.id
  join rule r on r.id = v.rule_id
  cross join lateral ${best(`
    select 'RULE_CODE' field, 1 ord, r.code value, ${score('r.code')} score
    union all select 'RULE_TITLE', 2, v.title, ${score('v.title')}`)} m
),
flg as (
  -- a flag's score is the better of its rule's (code or title) and its platform's name; the two branches are
  -- disjoint (at equal scores the rule wins), so no flag is listed twice and none needs sorting out
  select f.id, ver.field, ver.value, ver.score, p.registry_status::text registry_status, p.regulator_authority authority, p.custody_bank_name custody_bank
  from ver join flag f on f.rule_version_id = ver.id and ${PUBLISHED}
  join platform p on p.id = f.platform_id
  left join plat on plat.id = f.platform_id and plat.name_score is not null
  where plat.id is null or plat.name_score <= ver.score
  union all
  select f.id, 'PLATFORM_NAME', plat.legal_name, plat.name_score, plat.registry_status, plat.authority, plat.custody_bank
  from plat join flag f on f.platform_id = plat.id and ${PUBLISHED}
  left join ver on ver.id = f.rule_version_id
  where plat.name_score is not null and (ver.id is null or plat.name_score > ver.score)
),
h (kind, kind_rank, id, field, value, score, registry_status, authority, custody_bank) as (${branches.join('\n  union all ')}),
open_flags as (
  select h.id hit_id, f.severity::text severity, f.category::text category
  from h join flag f on f.platform_id = h.id where h.kind = 'PLATFORM' and f.status = 'OPEN' and ${PUBLISHED}
  union all
  select h.id, f.severity::text, f.category::text
  from h join flag f on f.id = h.id where h.kind = 'FLAG' and f.status = 'OPEN' and ${PUBLISHED}
  union all
  select h.id, f.severity::text, f.category::text
  from h join rule_version v on v.rule_id = h.id join flag f on f.rule_version_id = v.id where h.kind = 'RULE' and f.status = 'OPEN' and ${PUBLISHED}
)`;
}

const given = <T>(values: T[] | undefined): values is T[] => Boolean(values?.length);

/** The filter's conditions on `h`, without those of facet `except` (each facet ignores its own filter). */
function conditions(filter: SearchFilter, b: Bindings, except?: FacetName): string[] {
  const out: string[] = [];
  const anyOf = (column: string, name: FacetName, values: string[] | undefined) => {
    if (name !== except && given(values)) out.push(`${column} = any(${b.bind(values)}::text[])`);
  };
  anyOf('h.kind', 'kinds', filter.kinds);
  anyOf('h.registry_status', 'registryStatus', filter.registryStatus);
  anyOf('h.authority', 'authority', filter.authority);
  anyOf('h.custody_bank', 'custodyBank', filter.custodyBank);
  const flagConditions = openFlagConditions(filter, b, except);
  if (flagConditions.length) out.push(`exists (select 1 from open_flags o where o.hit_id = h.id and ${flagConditions.join(' and ')})`);
  return out;
}

/** Conditions on an open flag `o` from the severity and category filters (without the one of facet `except`). */
function openFlagConditions(filter: SearchFilter, b: Bindings, except?: FacetName): string[] {
  const out: string[] = [];
  if (except !== 'openFlagSeverity' && given(filter.openFlagSeverity)) out.push(`o.severity = any(${b.bind(filter.openFlagSeverity)}::text[])`);
  if (except !== 'openFlagCategory' && given(filter.openFlagCategory)) out.push(`o.category = any(${b.bind(filter.openFlagCategory)}::text[])`);
  return out;
}

const where = (parts: string[]) => (parts.length ? `where ${parts.join(' and ')}` : '');

/** A position in the hits' order: a hit's (score, kind rank, id). */
export interface SearchPosition {
  score: number;
  kindRank: number;
  id: string;
}

/**
 * One page of hits. The hits' order is score descending, then kind (platform, rule, flag), then id: a total
 * order, ascending on the key (-score, kind rank, id), so a keyset cursor neither repeats nor skips a hit.
 * It reads `window.size + 1` hits (the extra one says whether more follow): forwards those after `from` (or
 * from the start), backwards those before it (or from the end), nearest first, as pageOf() expects. Each row has `total`, the number of hits on all pages (the page is sorted
 * out of all of them anyway); a page past the end is one row of nulls with the total.
 */
export function pageStatement(query: string, filter: SearchFilter, window: PageWindow, from: SearchPosition | null): Statement {
  const b = new Bindings();
  const kinds = given(filter.kinds) ? filter.kinds : Object.values(SearchKind);
  const cte = hitsCte(query, kinds, b);
  const matched = conditions(filter, b);
  const { order, compare } = keysetRead('asc', window);
  const keyset = from
    ? `(-m.score, m.kind_rank, m.id) ${compare} (${b.bind(-from.score)}::integer, ${b.bind(from.kindRank)}::integer, ${b.bind(from.id)}::text)`
    : 'true';
  const sorted = (t: string) => `-${t}.score ${order}, ${t}.kind_rank ${order}, ${t}.id ${order}`;
  const text = `${cte},
m as (select h.kind, h.kind_rank, h.id, h.field, h.value, h.score from h ${where(matched)})
select page.*, t.total
from (select count(*) total from m) t
left join (select * from m where ${keyset} order by ${sorted('m')} limit ${b.bind(window.size + 1)}) page on true
order by ${sorted('page')}`;
  return { text, values: b.values };
}

/** Most values listed in the authority and custody bank facets (the commonest first). */
export const FACET_VALUES_LIMIT = 20;

/**
 * The total and every facet's counts in one statement: rows of (facet, value, n); the total is the row
 * of facet `total`. A hit counts once per value (a platform with two open HIGH flags counts once).
 */
export function facetsStatement(query: string, filter: SearchFilter): Statement {
  const b = new Bindings();
  const cte = hitsCte(query, Object.values(SearchKind), b);
  const counted = (facet: FacetName, expression: string) =>
    `select '${facet}' facet, ${expression} as value, count(*) n from h ${where([...conditions(filter, b, facet), `${expression} is not null`])} group by ${expression}`;
  const top = (facet: FacetName, expression: string) =>
    `select * from (${counted(facet, expression)} order by count(*) desc, ${expression} collate "C" limit ${FACET_VALUES_LIMIT}) ${facet}_top`;
  const flagFacet = (facet: 'openFlagSeverity' | 'openFlagCategory', column: string) =>
    `select '${facet}' facet, o.${column} as value, count(distinct h.id) n from h join open_flags o on o.hit_id = h.id ` +
    `${where([...conditions(filter, b, facet), ...openFlagConditions(filter, b, facet)])} group by o.${column}`;
  const text = `${cte}
select 'total' facet, null as value, count(*) n from h ${where(conditions(filter, b))}
union all ${counted('kinds', 'h.kind')}
union all ${counted('registryStatus', 'h.registry_status')}
union all ${top('authority', 'h.authority')}
union all ${top('custodyBank', 'h.custody_bank')}
union all ${flagFacet('openFlagSeverity', 'severity')}
union all ${flagFacet('openFlagCategory', 'category')}`;
  return { text, values: b.values };
}
