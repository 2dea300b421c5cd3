import autocannon from 'autocannon';

/** Throughput and tail latency of one closed-loop run. */
export interface Measurement {
  rps: number;
  /** Completed requests. */
  requests: number;
  p99Ms: number;
  /** Responses that were not 2xx, plus connection errors and timeouts. */
  failures: number;
}

/** A request with headers of its own (e.g. the token of the platform a filing is for). */
export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
}

/** Options of one run: `body` makes each request's JSON body (e.g. with a random id), or its body and extra headers. */
export interface LoadOptions {
  port: number;
  body: () => string | BenchRequest;
  seconds: number;
  connections: number;
}

/** Sends POST /graphql from `connections` keep-alive connections, each waiting for its answer (closed loop), for `seconds`. */
export async function runLoad(options: LoadOptions): Promise<Measurement> {
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}/graphql`,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const made = options.body();
          return typeof made === 'string' ? { ...request, body: made } : { ...request, body: made.body, headers: { ...request.headers, ...made.headers } };
        },
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    requests: result.requests.total,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Posts one JSON body and returns the parsed answer (used to check both servers answer alike). */
export async function postOnce(port: number, body: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return response.json();
}
