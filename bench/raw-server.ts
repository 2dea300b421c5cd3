import http from 'node:http';
import { Pool } from 'pg';
import { periodFiguresSql, PeriodFigureRow } from '../src/modules/compare/figure.queries';
import { FigureOrder } from '../src/modules/compare/figure.types';
import { normalizeQuery, pageStatement, SEARCH_SETTINGS } from '../src/modules/search/search.sql';
import { pageWindow } from '../src/shared/pagination';

/*
 * The statements the registry sends for the two benchmark queries, as MikroORM 6.6 logs them
 * (byIdLoader, childrenLoader and findPlatformPage with `debug: ['query']`).
 */
const PLATFORM_BY_ID = 'select "p0".* from "platform" as "p0" where "p0"."id" in ($1)';
const FIRST_PAGE = 'select "p".* from "platform" as "p" order by "p"."legal_name" asc, "p"."id" asc limit 51';
const PAGE_AFTER =
  'select "p".* from "platform" as "p" where ((p.legal_name, p.id) > ($1, $2)) order by "p"."legal_name" asc, "p"."id" asc limit 51';
const qualificationsOf = (count: number) =>
  `select "q0".* from "qualification" as "q0" where "q0"."platform_id" in (${Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ')}) ` +
  'order by "q0"."created_at" asc, "q0"."id" asc';

type Row = Record<string, unknown>;

/** `?` placeholders as pg's `$1`, `$2`... */
const numbered = (query: string) => {
  let n = 0;
  return query.replace(/\?/g, () => `$${++n}`);
};

/** A listening raw baseline server. */
export interface RawServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * The baseline: node:http + a pg Pool answering the benchmark's GraphQL requests (POST JSON with
 * `variables.search` for `search`, `variables.indicator` for `periodFigures`, `variables.id` for
 * `platform(id)`, else a 50-row `platforms` page after `variables.after`) by running the registry's SQL and
 * writing the same JSON, without parsing GraphQL.
 */
export async function startRawServer(url: string, poolSize: number, host: string): Promise<RawServer> {
  const pool = new Pool({ connectionString: url, max: poolSize });

  async function qualifications(platformIds: string[]): Promise<Map<string, Row[]>> {
    const groups = new Map<string, Row[]>(platformIds.map((id) => [id, []]));
    if (!platformIds.length) return groups;
    const { rows } = await pool.query(qualificationsOf(platformIds.length), platformIds);
    for (const q of rows) groups.get(q.platform_id)?.push({ type: q.type, validTo: q.valid_to });
    return groups;
  }

  async function platform(id: string) {
    const { rows } = await pool.query(PLATFORM_BY_ID, [id]);
    if (!rows.length) return { platform: null };
    const p = rows[0];
    const quals = await qualifications([p.id]);
    return {
      platform: {
        id: p.id,
        legalName: p.legal_name,
        uscc: p.uscc,
        registryStatus: p.registry_status,
        registeredCapitalMinor: p.registered_capital_minor,
        qualifications: quals.get(p.id),
      },
    };
  }

  async function page(after: string | null | undefined) {
    const cursor = after ? (JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string]) : undefined;
    const { rows } = cursor ? await pool.query(PAGE_AFTER, cursor) : await pool.query(FIRST_PAGE);
    const nodes = rows.slice(0, 50);
    const quals = await qualifications(nodes.map((p) => p.id));
    return {
      platforms: {
        nodes: nodes.map((p) => ({ id: p.id, legalName: p.legal_name, registryStatus: p.registry_status, qualifications: quals.get(p.id) })),
      },
    };
  }

  /** The comparison: the registry's statement (periodFiguresSql), then the page's platforms as its loader reads them. */
  async function periodFigures(period: string, indicator: string) {
    const { query, bindings } = periodFiguresSql({ period, indicator, orderBy: FigureOrder.VALUE_DESC, first: 20 });
    const { rows } = await pool.query<PeriodFigureRow>(numbered(query), bindings);
    const page = rows.filter((r) => r.platform_id !== null).slice(0, 20);
    const ids = page.map((r) => r.platform_id as string);
    const platforms = ids.length ? (await pool.query(`select * from platform where id in (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids)).rows : [];
    const byId = new Map(platforms.map((p) => [p.id, p]));
    const [count, p10, median, p90] = [rows[0].n, rows[0].ps?.[0] ?? null, rows[0].ps?.[2] ?? null, rows[0].ps?.[4] ?? null];
    return {
      periodFigures: {
        stats: { count: Number(count), p10, median, p90 },
        figures: { nodes: page.map((r) => ({ value: r.value_text, platform: { id: r.platform_id, legalName: byId.get(r.platform_id)?.legal_name } })) },
      },
    };
  }

  /** Rows of `table` by id, as the per-request loaders read them (one statement per table and request). */
  async function byIds(table: 'platform' | 'rule' | 'flag', ids: string[]): Promise<Map<string, Row>> {
    if (!ids.length) return new Map();
    const { rows } = await pool.query(`select * from ${table} where id in (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids);
    return new Map(rows.map((r) => [r.id as string, r]));
  }

  /**
   * The search: the registry's page statement (pageStatement) in a transaction with the search settings as it
   * sends it (begin, SEARCH_SETTINGS, the statement, commit), then the hits' platforms, rules and flags.
   */
  async function search(text: string) {
    const statement = pageStatement(normalizeQuery(text), {}, pageWindow({ first: 20 }), null);
    const client = await pool.connect();
    let rows: Row[];
    try {
      await client.query('begin');
      await client.query(SEARCH_SETTINGS);
      rows = (await client.query(numbered(statement.text), statement.values)).rows;
      await client.query('commit');
    } finally {
      client.release();
    }
    const found = rows.filter((r) => r.id !== null);
    const hits = found.slice(0, 20);
    const idsOf = (kind: string) => hits.filter((h) => h.kind === kind).map((h) => h.id as string);
    const [platforms, rules, flags] = await Promise.all([byIds('platform', idsOf('PLATFORM')), byIds('rule', idsOf('RULE')), byIds('flag', idsOf('FLAG'))]);
    const node = (kind: string, id: string) => {
      if (kind === 'PLATFORM') {
        const p = platforms.get(id) as Row;
        return { __typename: 'Platform', id, legalName: p.legal_name, registryStatus: p.registry_status };
      }
      if (kind === 'RULE') return { __typename: 'Rule', id, code: (rules.get(id) as Row).code };
      const f = flags.get(id) as Row;
      return { __typename: 'Flag', id, ruleCode: f.rule_code, severity: f.severity, status: f.status };
    };
    return {
      search: {
        totalCount: Number(rows[0].total),
        pageInfo: { hasNextPage: found.length > 20 },
        nodes: hits.map((h) => ({
          kind: h.kind,
          id: h.id,
          score: (h.score as number) / 1_000_000,
          matchedField: h.field,
          matchedText: h.value,
          node: node(h.kind as string, h.id as string),
        })),
      },
    };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      let status = 200;
      let body: unknown;
      try {
        const variables = JSON.parse(Buffer.concat(chunks).toString('utf8')).variables ?? {};
        body = {
          data:
            typeof variables.search === 'string'
              ? await search(variables.search)
              : typeof variables.indicator === 'string'
                ? await periodFigures(variables.period, variables.indicator)
                : typeof variables.id === 'string'
                  ? await platform(variables.id)
                  : await page(variables.after),
        };
      } catch (error) {
        status = 500;
        body = { errors: [{ message: String(error) }] };
      }
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as { port: number }).port,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
