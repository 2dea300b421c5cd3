import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors';
import { CursorCodec } from '../../shared/pagination';
import { sql } from '../../shared/sql';
import { SearchField, SearchKind } from './search.enums';
import { SearchFilter } from './search.inputs';
import { countStatement, facetsStatement, FacetName, normalizeQuery, pageStatement, SearchPosition } from './search.sql';
import { FacetCount, SearchConnection, SearchFacets, SearchHit } from './search.types';

/** Scores are integers in millionths in the database (exact for cursors), floats in the API. */
const SCORE_UNIT = 1_000_000;

/** What `search` was asked: the terms, and a page. */
export interface SearchRequest extends SearchTerms {
  first: number;
  after?: string | null;
}

/** What to search for. */
export interface SearchTerms {
  query: string;
  filter?: SearchFilter | null;
}

interface HitRow {
  kind: SearchKind;
  kind_rank: number;
  id: string;
  field: SearchField;
  value: string;
  score: number;
}

const FACETS: FacetName[] = ['kinds', 'registryStatus', 'authority', 'custodyBank', 'openFlagSeverity', 'openFlagCategory'];

/**
 * Cursors of one query and filter: their digest is the cursor's order, so a cursor of another search is
 * refused rather than read as a position in this one.
 */
function cursorsOf(query: string, filter: SearchFilter): CursorCodec<readonly ['int', 'int', 'text']> {
  const canonical = JSON.stringify([query, ...FACETS.map((name) => [...((filter[name] as string[] | undefined) ?? [])].sort())]);
  return new CursorCodec('search', createHash('sha256').update(canonical).digest('base64url').slice(0, 16), ['int', 'int', 'text'] as const);
}

/** The normalized query (refused when nothing but spaces) and the filter. */
function termsOf(terms: SearchTerms): { query: string; filter: SearchFilter } {
  const query = normalizeQuery(terms.query);
  if (!query) throw badInput('query', 'must hold a character other than spaces');
  return { query, filter: terms.filter ?? {} };
}

/**
 * One page of search hits: one statement, and one more for `totalCount` only when it is asked for. The
 * hits' entities are loaded by the `node` field, one batch per kind.
 */
export async function searchPage(em: EntityManager, request: SearchRequest): Promise<SearchConnection> {
  const { query, filter } = termsOf(request);
  const cursors = cursorsOf(query, filter);
  const after: SearchPosition | null = request.after ? toPosition(cursors.decode(request.after)) : null;
  const page = pageStatement(query, filter, after, request.first + 1);
  const rows = await sql<HitRow>(em, page.text, page.values);
  const hits = rows.slice(0, request.first).map(hitOf);
  const edges = hits.map((hit, i) => ({ node: hit, cursor: cursors.encode([rows[i].score, rows[i].kind_rank, hit.id]) }));
  return {
    edges,
    nodes: hits,
    pageInfo: { hasNextPage: rows.length > request.first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      const count = countStatement(query, filter);
      return sql<{ n: string }>(em, count.text, count.values).then(([row]) => Number(row.n));
    },
  };
}

function toPosition([score, kindRank, id]: [number, number, string]): SearchPosition {
  if (kindRank < 1 || kindRank > 3 || score < 0) throw badInput('after', 'holds values this list never issued');
  return { score, kindRank, id };
}

function hitOf(row: HitRow): SearchHit {
  return { kind: row.kind, id: row.id, score: row.score / SCORE_UNIT, matchedField: row.field, matchedText: row.value };
}

/** The total and every facet's counts for the terms: one statement. */
export async function searchFacets(em: EntityManager, terms: SearchTerms): Promise<SearchFacets> {
  const { query, filter } = termsOf(terms);
  const statement = facetsStatement(query, filter);
  const rows = await sql<{ facet: FacetName | 'total'; value: string | null; n: string }>(em, statement.text, statement.values);
  const facets = { total: 0, ...Object.fromEntries(FACETS.map((name) => [name, [] as FacetCount[]])) } as SearchFacets;
  for (const row of rows) {
    if (row.facet === 'total') facets.total = Number(row.n);
    else facets[row.facet].push({ value: row.value as string, count: Number(row.n) });
  }
  // the commonest first, then by value in code point order (as the database's "C" collation)
  for (const name of FACETS) facets[name].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return facets;
}
