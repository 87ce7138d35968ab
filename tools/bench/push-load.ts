/** The load of `npm run bench:push`: autocannon, 50 connections, one distinct SKU per in-flight request. */

/** What the benchmark reads from an autocannon result. */
export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly notOk: number;
  readonly errors: number;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API the benchmark uses.
const autocannon = require('autocannon') as Autocannon;

/** The SKU and quantity of the i-th request: consecutive requests name distinct SKUs, and each visit of a SKU raises its quantity. */
export function bodyOf(i: number, skus: number): string {
  return JSON.stringify({ sku_id: skuOf(i % skus), quantity_in_stock: Math.floor(i / skus) + 1 });
}

/** The name of the n-th benchmark SKU. */
export const skuOf = (n: number): string => `BENCH-${String(n).padStart(6, '0')}`;

/** Drives `POST <path>` on one server with the same request stream as the others. */
export async function drive(
  url: string,
  path: string,
  headers: Record<string, string>,
  options: { seconds: number; connections: number; skus: number },
): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        setupRequest: (request) => ({ ...request, body: bodyOf(next++, options.skus) }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    notOk: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
