import { randomBytes } from 'node:crypto';
import type { RateLimitSettings } from '../../src/config';

/** A response as the rate-limit tests look at it: status, the headers they assert, the parsed body. */
export interface LimitedResponse {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

/** POSTs a GraphQL document to `url`, as `client` (sent as X-Forwarded-For) and with `headers`. */
export async function postAs(url: string, client: string | null, query: string, variables?: object, headers: Record<string, string> = {}): Promise<LimitedResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(client ? { 'x-forwarded-for': client } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as LimitedResponse['body'] };
}

/** A client address no other test run uses (IPv6 documentation prefix), so counters kept in PostgreSQL never carry over. */
export function freshClient(): string {
  return `2001:db8::${randomBytes(8).toString('hex').match(/.{4}/g)!.join(':')}`;
}

/** The store the tests' server uses: PostgreSQL on a real server, memory on the embedded database. */
export function testStore(): RateLimitSettings['store'] {
  return process.env.TEST_EMBEDDED_DB === '1' ? 'memory' : 'postgres';
}
