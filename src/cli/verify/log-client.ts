import { TileId, tilePath } from '../../modules/ledger/tiles';
import { LogAccessError } from './errors';

/** How long one request to the log may take. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Reads a registry's public log: the C2SP tlog-tiles paths under `/log/` and GraphQL at `/graphql`. */
export interface LogClient {
  /** The base URL, without a trailing slash. */
  url: string;
  /** The latest signed checkpoint note (`GET /log/checkpoint`), unverified. */
  checkpoint(): Promise<string>;
  /** The body of a Merkle tile or an entry bundle (`GET /log/tile/...`), unverified. */
  tile(tile: TileId): Promise<Buffer>;
  /** Runs a GraphQL query as the public and returns its `data`; an error in the answer is a LogAccessError. */
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

/** A client for the registry at `url` (e.g. `http://127.0.0.1:4000`). */
export function logClient(url: string): LogClient {
  const base = url.replace(/\/+$/, '');
  const request = async (path: string, init?: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new LogAccessError(`cannot reach ${base}${path}: ${(error as Error).cause ?? (error as Error).message}`);
    }
    if (!response.ok) {
      // a JSON error answer says why (e.g. QUERY_TOO_COSTLY, RATE_LIMITED)
      const said = errorMessageOf(await response.text().catch(() => ''));
      throw new LogAccessError(`${base}${path} answered HTTP ${response.status}${said ? `: ${said}` : ''}`);
    }
    return response;
  };
  return {
    url: base,
    checkpoint: async () => (await request('/log/checkpoint')).text(),
    tile: async (tile) => Buffer.from(await (await request(`/log/${tilePath(tile)}`)).arrayBuffer()),
    async graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      const response = await request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (body.errors?.length || !body.data) {
        throw new LogAccessError(`GraphQL at ${base}/graphql: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
      }
      return body.data;
    },
  };
}

/** The first GraphQL error message of a JSON error body, if it is one. */
function errorMessageOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { errors?: { message?: string }[] }).errors?.[0]?.message;
  } catch {
    return undefined;
  }
}
