import { client, expectStatus, type RunningServer } from '@tally/test-support';
import { pooledHttpFetch } from '@tally/vendor-kit';
import type { SyncRecorder } from './sync-recorder';

const RATE = Number(process.env['BENCH_LATENCY_RATE'] ?? '100');
const SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? '20');
const P99_TARGET_MS = 1000;
const LOCATION = 'WH-1';
const WRITE_SOCKETS = 16;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/**
 * The propagation latency: a tenant of its own on the first Tally with a webhook channel only;
 * RATE single writes per second for SECONDS (each a new figure of another item, so no change
 * coalesces with another), each timed from its answer to the first arrival of its figure at the
 * recorder. Prints p50, p99 and the worst, against the target p99 < 1 s.
 */
export async function measureLatency(first: { readonly server: RunningServer; readonly adminKey: string }, recorder: SyncRecorder): Promise<void> {
  const count = Math.round(RATE * SECONDS);
  if (count === 0) return;
  const tenant = expectStatus(
    await client(first.server.baseUrl, first.adminKey)('POST', '/api/v1/tenants', { json: { name: 'bench latency' } }),
    'tenant',
    201,
  );
  const admin = client(first.server.baseUrl, tenant.adminKey.secret);
  const skus = Array.from({ length: count }, (_, n) => String(3_000_000 + n));
  const lines = skus.map((sku) => ({ op: 'set', item: { sku }, location: { code: LOCATION }, onHand: 1 }));
  expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } }), 'seed');
  expectStatus(
    await admin('POST', '/api/v1/channels', {
      json: { name: 'bench latency', dialect: 'webhook', baseUrl: recorder.url, credentials: { secret: recorder.secret } },
    }),
    'latency channel',
    201,
  );
  await recorder.reflects(new Map(skus.map((sku) => [sku, 1])), 120_000);

  // The writes go as a vendor's client would send them: over a pool of kept-alive sockets.
  const writer = pooledHttpFetch({ timeoutMs: 30_000, maxSocketsPerHost: WRITE_SOCKETS });
  const answered: number[] = new Array(count);
  const writeMs: number[] = [];
  const started = performance.now();
  const writes: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = started + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = performance.now();
    writes.push(
      writer(`${first.server.baseUrl}/api/v1/stock-levels/set`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.adminKey.secret}` },
        body: JSON.stringify({ item: { sku: skus[k] }, location: { code: LOCATION }, onHand: 1000 + k }),
      }).then(async (answer) => {
        if (answer.status !== 200) throw new Error(`write answered ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
        answered[k] = performance.now();
        writeMs.push(answered[k] - sentAt);
      }),
    );
    // A failed write is reported after the stream, not as an unhandled rejection that would end
    // the process before the servers are stopped.
    writes[k].catch(() => undefined);
  }
  await Promise.all(writes);
  const achieved = count / ((performance.now() - started) / 1000);
  await recorder.reflects(new Map(skus.map((sku, k) => [sku, 1000 + k])), 120_000);
  const arrivalOf = (sku: string, quantity: number): number => {
    const arrival = recorder.history.get(sku)?.find((a) => a.quantity === quantity);
    if (!arrival) throw new Error(`${sku} never showed ${quantity} at the recorder`);
    return arrival.at;
  };
  const latencies = skus.map((sku, k) => arrivalOf(sku, 1000 + k) - answered[k]).sort((a, b) => a - b);
  writeMs.sort((a, b) => a - b);
  const ms = (value: number) => `${Math.round(value)} ms`;
  const p99 = percentile(latencies, 0.99);
  console.log(
    `\npropagation to the webhook recorder, ${count.toLocaleString('en-US')} single writes at ${RATE}/s for ${SECONDS} s (achieved ${achieved.toFixed(0)}/s), SQLite:\n` +
      `  from the write's answer to the figure at the recorder: p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(p99)}, worst ${ms(latencies[latencies.length - 1])} ` +
      `(target p99 < ${P99_TARGET_MS} ms: ${p99 < P99_TARGET_MS ? 'met' : 'NOT met'})\n` +
      `  the writes themselves (request to answer): p50 ${ms(percentile(writeMs, 0.5))}, p99 ${ms(percentile(writeMs, 0.99))}`,
  );
}
