import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors';
import { CursorCodec, PageArgs, pageOf, pageWindow, toConnection } from '../../shared/pagination';
import { sql } from '../../shared/sql';
import { SearchField, SearchKind } from './search.enums';
import { SearchFilter } from './search.inputs';
import { facetsStatement, FacetName, normalizeQuery, pageStatement, SEARCH_SETTINGS, SearchPosition, Statement } from './search.sql';
import { FacetCount, SearchConnection, SearchFacets, SearchHit } from './search.types';

/** Scores are integers in millionths in the database (exact for cursors), floats in the API. */
const SCORE_UNIT = 1_000_000;

/** What `search` was asked: the terms, and a page. */
export interface SearchRequest extends SearchTerms, PageArgs {}

/** What to search for. */
export interface SearchTerms {
  query: string;
  filter?: SearchFilter | null;
}

/** A row of the page statement: a hit and the total, or (past the last hit) only the total. */
interface HitRow {
  kind: SearchKind;
  kind_rank: number;
  id: string | null;
  field: SearchField;
  value: string;
  score: number;
  total: string;
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

/** Runs a search statement in a transaction of its own with the search settings (SEARCH_SETTINGS). */
function inSearchTransaction<T>(em: EntityManager, statement: Statement): Promise<T[]> {
  return em.transactional(async (tx) => {
    await sql(tx, SEARCH_SETTINGS);
    return sql<T>(tx, statement.text, statement.values);
  });
}

/**
 * One page of search hits and their total: one statement. Pages both ways on the hits' order (first/after,
 * last/before), a page always in rank order. The hits' entities are loaded by the `node` field, one batch per kind.
 */
export async function searchPage(em: EntityManager, request: SearchRequest): Promise<SearchConnection> {
  const window = pageWindow(request);
  const { query, filter } = termsOf(request);
  const cursors = cursorsOf(query, filter);
  const from = window.cursor ? toPosition(cursors.decode(window.cursor, window.cursorArgument), window.cursorArgument) : null;
  const all = await inSearchTransaction<HitRow>(em, pageStatement(query, filter, window, from));
  const total = Number(all[0].total);
  const page = pageOf(
    all.filter((row) => row.id !== null),
    window,
    (row) => cursors.encode([row.score, row.kind_rank, row.id as string]),
    async () => total,
  );
  const { edges, nodes, pageInfo } = toConnection(page, hitOf);
  return { edges, nodes, pageInfo, totalCount: total };
}

function toPosition([score, kindRank, id]: [number, number, string], argument: 'after' | 'before'): SearchPosition {
  if (kindRank < 1 || kindRank > 3 || score < 0) throw badInput(argument, 'holds values this list never issued');
  return { score, kindRank, id };
}

function hitOf(row: HitRow): SearchHit {
  return { kind: row.kind, id: row.id as string, score: row.score / SCORE_UNIT, matchedField: row.field, matchedText: row.value };
}

/** The total and every facet's counts for the terms: one statement. */
export async function searchFacets(em: EntityManager, terms: SearchTerms): Promise<SearchFacets> {
  const { query, filter } = termsOf(terms);
  const rows = await inSearchTransaction<{ facet: FacetName | 'total'; value: string | null; n: string }>(em, facetsStatement(query, filter));
  const facets = { total: 0, ...Object.fromEntries(FACETS.map((name) => [name, [] as FacetCount[]])) } as SearchFacets;
  for (const row of rows) {
    if (row.facet === 'total') facets.total = Number(row.n);
    else facets[row.facet].push({ value: row.value as string, count: Number(row.n) });
  }
  // the commonest first, then by value
  for (const name of FACETS) facets[name].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return facets;
}
