/**
 * The load of `npm run bench:writes`: autocannon with a request stream that names its own method,
 * path, headers and body per request. Several servers (API processes) share one stream: one
 * autocannon per server, the clients split between them, run at once in this process.
 */
import type { LoadResult } from './push-load';

/** One request of a stream. */
export interface StreamRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** What a cell reads from its load: {@link LoadResult} and how long it ran. */
export interface WritesLoad extends LoadResult {
  readonly seconds: number;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API the benchmark uses.
const autocannon = require('autocannon') as Autocannon;

/**
 * Drives `next()` against the servers for `seconds` with `connections` clients in all, spread
 * as evenly as they go. With several servers the p50 is the mean of theirs weighted by answers
 * and the p99 the worst of theirs (autocannon gives percentiles, not its histogram).
 */
export async function driveStream(urls: readonly string[], connections: number, seconds: number, next: () => StreamRequest): Promise<WritesLoad> {
  const shares = urls.map((_, i) => Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0)).filter((n) => n > 0);
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    shares.map((share, i) =>
      autocannon({
        url: urls[i],
        connections: share,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/',
            headers: {},
            setupRequest: (request) => {
              const r = next();
              return { ...request, method: r.method, path: r.path, headers: r.headers, body: r.body };
            },
          },
        ],
      }),
    ),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const answered = results.reduce((sum, r) => sum + r['2xx'] + r.non2xx, 0);
  return {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requests.average, 0),
    p50: answered === 0 ? 0 : results.reduce((sum, r) => sum + r.latency.p50 * (r['2xx'] + r.non2xx), 0) / answered,
    p99: Math.max(...results.map((r) => r.latency.p99)),
    ok: results.reduce((sum, r) => sum + r['2xx'], 0),
    notOk: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
    seconds: elapsed,
  };
}
