/**
 * Benchmark of the channels' sync (`npm run bench:sync`). A first Tally (SQLite) has six
 * channels: one per vendor dialect, each pointing at a second Tally process (SQLite) with a
 * connection of that dialect, and a webhook channel pointing at a recorder in this process.
 * Each round, one bulk write changes every item of the first Tally and the clock runs from its
 * answer until each channel's last delivery (the channel's sync summary says nothing is pending);
 * then a bare client sends the same figures with the vendor libs' connectors themselves
 * (`connector.send` in the connector's maximum batch, one sender per dialect, all dialects at
 * once, through the dispatcher's HTTP client, as the dispatcher does), so the difference is Tally's outbox and dispatcher. Prints
 * items/s per dialect for both and their ratio; then the propagation latency of a steady stream of
 * single writes (100 per second for 20 s) to the webhook recorder.
 *
 * Marketplacer (paced to 50 requests/s by design) and Comestri send one request per item: they
 * run on a second tenant of BENCH_PER_ITEM_ITEMS items (default 1,000), the others on BENCH_ITEMS
 * (default 10,000). BENCH_ROUNDS (default 1) repeats the throughput part, swapping the order of
 * Tally and the bare client every other round; BENCH_LOOPS (default: one per channel) sets the
 * first Tally's CHANNELS_LOOPS; BENCH_DIALECTS (e.g. `webhook,kibo`) runs some of the channels only;
 * BENCH_LATENCY_SECONDS (default 20) and BENCH_LATENCY_RATE
 * (default 100) shape the latency part. BENCH_PROFILE_DIR profiles every server (push-servers.ts);
 * BENCH_BREAKDOWN=1 adds where the dispatcher's own time goes per batch (sync-breakdown.ts).
 */
import { loadavg } from 'node:os';
import { client, createSqliteDatabase, expectStatus, newAdminKey, type Client, type RunningServer, type TestDatabase } from '@tally/test-support';
import { webhookOutbound } from '@tally/outbound-webhook';
import { pooledHttpFetch, type OutboundConnector, type OutboundItem } from '@tally/vendor-kit';
import { startApi } from './push-servers';
import { dispatcherBreakdown } from './sync-breakdown';
import { figuresShown, SYNC_DIALECTS, type SyncTarget } from './sync-dialects';
import { measureLatency } from './sync-latency';
import { startSyncRecorder, type SyncRecorder } from './sync-recorder';

const ITEMS = Number(process.env['BENCH_ITEMS'] ?? '10000');
const PER_ITEM_ITEMS = Number(process.env['BENCH_PER_ITEM_ITEMS'] ?? '1000');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '1');
const ONLY = process.env['BENCH_DIALECTS']?.split(',').map((d) => d.trim());
const DIALECTS = SYNC_DIALECTS.filter((d) => !ONLY || ONLY.includes(d.dialect));
const WITH_WEBHOOK = !ONLY || ONLY.includes('webhook');
const LOOPS = process.env['BENCH_LOOPS'] ?? String(DIALECTS.length + (WITH_WEBHOOK ? 1 : 0));
/** The dispatcher's default poll of a Kibo job; the bare client polls as often. */
const JOB_POLL_MS = 500;
const LOCATION = 'WH-1';
const RATIO_TARGET = 0.5;
/** The bare client's HTTP client: the dispatcher's own, so the ratio measures what Tally adds around it. */
const bareHttp = pooledHttpFetch({ timeoutMs: 30_000 });

/** A process of the run and the database it owns. */
interface Tally {
  readonly server: RunningServer;
  readonly database: TestDatabase;
  readonly adminKey: string;
}

/** One channel of the first Tally and where the same figures go without it. */
interface Lane {
  readonly dialect: string;
  readonly title: string;
  readonly connector: OutboundConnector;
  readonly skus: readonly string[];
  /** The first Tally's tenant the channel belongs to. */
  readonly admin: Client;
  readonly channelId: string;
  readonly target: SyncTarget;
  /** The second Tally (null for the webhook recorder). */
  readonly second: Tally | null;
}

/** Seconds each lane took in one phase, and whether the figures arrived. */
type PhaseResult = { readonly seconds: number; readonly verified: boolean }[];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tallyFigure = (round: number) => (n: number) => 100 + ((n + 7 * round) % 97);
const bareFigure = (round: number) => (n: number) => 300 + ((n + 13 * round) % 89);
const skusOf = (count: number, base: number) => Array.from({ length: count }, (_, n) => String(base + n));

async function startTally(env: Record<string, string> = {}): Promise<Tally> {
  const database = createSqliteDatabase({ prefix: 'tally_sync_bench' });
  const adminKey = newAdminKey('tly_bench');
  const server = await startApi({ DATABASE_URL: database.url, TALLY_ADMIN_KEY: adminKey, BODY_LIMIT: '10mb', BATCH_MAX_LINES: '100000', ...env });
  return { server, database, adminKey };
}

/** One bulk write of every SKU's new figure at the first Tally. */
async function bulkWrite(admin: Client, skus: readonly string[], figure: (n: number) => number): Promise<void> {
  const lines = skus.map((sku, n) => ({ op: 'set', item: { sku }, location: { code: LOCATION }, onHand: figure(n) }));
  const answer = expectStatus(
    await admin('POST', '/api/v1/stock-levels/batch', { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } }),
    'bulk write',
  );
  if (answer.counts.applied !== skus.length) throw new Error(`bulk write applied ${answer.counts.applied} of ${skus.length} lines`);
}

/** Waits until the channel has sent everything since `since` (wall clock); answers when its last delivery finished. */
async function channelDone(admin: Client, channelId: string, since: number, timeoutMs = 900_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sync = expectStatus(await admin('GET', `/api/v1/channels/${channelId}/sync`), 'sync');
    const done = sync.pending === 0 && sync.failing === 0 && sync.outboxBacklog === 0 && sync.lastSuccessAt !== null && Date.parse(sync.lastSuccessAt) >= since;
    if (done) {
      if (sync.dead > 0) throw new Error(`channel ${channelId} has ${sync.dead} dead letters: ${sync.lastError}`);
      const [last] = expectStatus(await admin('GET', `/api/v1/channels/${channelId}/deliveries?limit=1`), 'deliveries').items;
      return Date.parse(last.finishedAt);
    }
    if (Date.now() > deadline) throw new Error(`channel ${channelId} still has ${sync.pending} pending, ${sync.failing} failing`);
    // Seldom: each summary counts the channel's items, work the dispatcher's process does too.
    await pause(500);
  }
}

/** Whether the lane's receiver shows every expected figure. */
async function verify(lane: Lane, expected: ReadonlyMap<string, number>, recorder: SyncRecorder): Promise<boolean> {
  if (lane.second === null)
    return recorder.reflects(expected, 10_000).then(
      () => true,
      () => false,
    );
  return (await figuresShown(lane.second.server.baseUrl, lane.second.adminKey, lane.target.locationCode, expected)) === expected.size;
}

const expectedOf = (lane: Lane, figure: (n: number) => number) => new Map(lane.skus.map((sku, n) => [sku, figure(n)]));

/** Tally: one bulk write per tenant, then each channel's time to its last delivery. */
async function tallyPhase(lanes: readonly Lane[], round: number, recorder: SyncRecorder): Promise<PhaseResult> {
  const figure = tallyFigure(round);
  const starts = new Map<Client, number>();
  for (const lane of lanes) {
    if (starts.has(lane.admin)) continue;
    await bulkWrite(lane.admin, lane.skus, figure);
    starts.set(lane.admin, Date.now());
  }
  const ends = await Promise.all(lanes.map((lane) => channelDone(lane.admin, lane.channelId, starts.get(lane.admin) as number)));
  const result: PhaseResult = [];
  for (const [i, lane] of lanes.entries()) {
    result.push({
      seconds: (ends[i] - (starts.get(lane.admin) as number)) / 1000,
      verified: await verify(lane, expectedOf(lane, figure), recorder),
    });
  }
  return result;
}

/** The bare client: each dialect's connector sends the same figures in its maximum batch, every dialect at once. */
async function barePhase(lanes: readonly Lane[], round: number, recorder: SyncRecorder): Promise<PhaseResult> {
  const figure = bareFigure(round);
  const timed = await Promise.all(
    lanes.map(async (lane) => {
      const items: OutboundItem[] = lane.skus.map((sku, n) => ({
        itemId: sku,
        identifier: sku,
        identifiers: [{ kind: 'sku', value: sku, connectionId: null }],
        quantity: figure(n),
        name: null,
      }));
      const target = { channelId: `bare-${lane.dialect}`, baseUrl: lane.target.baseUrl, settings: lane.target.settings, credentials: lane.target.credentials };
      const context = { fetch: bareHttp, now: () => Date.now(), cache: new Map<string, unknown>(), pollMs: JOB_POLL_MS };
      const byId = new Map(items.map((item) => [item.itemId, item]));
      const started = performance.now();
      let queue = items;
      // Like the dispatcher, a bare client sends again what the channel asked to retry (a 429), after the wait it asked for.
      for (let attempt = 1; queue.length > 0; attempt++) {
        if (attempt > 5) throw new Error(`the bare ${lane.dialect} client still had ${queue.length} items to retry`);
        const retry: OutboundItem[] = [];
        let wait = 0;
        for (let from = 0; from < queue.length; from += lane.connector.maxBatch) {
          for (const result of await lane.connector.send(target, queue.slice(from, from + lane.connector.maxBatch), context)) {
            if (result.outcome === 'rejected') throw new Error(`the ${lane.dialect} channel refused ${result.itemId}: ${result.error}`);
            const item = byId.get(result.itemId);
            if (result.outcome === 'retry' && item) {
              retry.push(item);
              wait = Math.max(wait, result.retryAfterMs ?? 1000);
            }
          }
        }
        queue = retry;
        if (queue.length > 0) await pause(wait);
      }
      return (performance.now() - started) / 1000;
    }),
  );
  const result: PhaseResult = [];
  for (const [i, lane] of lanes.entries()) result.push({ seconds: timed[i], verified: await verify(lane, expectedOf(lane, figure), recorder) });
  return result;
}

function printRound(title: string, lanes: readonly Lane[], tally: PhaseResult, bare: PhaseResult): void {
  const header = ['channel', 'items', 'Tally s', 'Tally items/s', 'bare s', 'bare items/s', 'Tally/bare', 'figures arrived'];
  const rows = lanes.map((lane, i) => {
    const [t, b] = [tally[i], bare[i]];
    const rate = (seconds: number) => Math.round(lane.skus.length / seconds).toLocaleString('en-US');
    return [
      lane.title,
      lane.skus.length.toLocaleString('en-US'),
      t.seconds.toFixed(2),
      rate(t.seconds),
      b.seconds.toFixed(2),
      rate(b.seconds),
      (b.seconds / t.seconds).toFixed(2),
      t.verified && b.verified ? 'yes' : `NO (Tally ${t.verified}, bare ${b.verified})`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

/** Sets up the first Tally's tenants, items and channels and the second Tallies; waits for the first full sync. */
async function setUp(first: Tally, recorder: SyncRecorder, seconds: Tally[]): Promise<Lane[]> {
  const adminA = client(first.server.baseUrl, first.adminKey);
  const tenantB = expectStatus(await adminA('POST', '/api/v1/tenants', { json: { name: 'bench per-item channels' } }), 'tenant', 201);
  const adminB = client(first.server.baseUrl, tenantB.adminKey.secret);
  const bulkSkus = skusOf(ITEMS, 1_000_000);
  const perItemSkus = skusOf(PER_ITEM_ITEMS, 2_000_000);
  await bulkWrite(adminA, bulkSkus, (n) => 1 + (n % 50));
  await bulkWrite(adminB, perItemSkus, (n) => 1 + (n % 50));
  const lanes: Lane[] = [];
  for (const dialect of DIALECTS) {
    const second = await startTally({ LOG_LEVEL: 'warn' });
    seconds.push(second);
    const skus = dialect.perItem ? perItemSkus : bulkSkus;
    const admin = dialect.perItem ? adminB : adminA;
    const target = await dialect.prepare(client(second.server.baseUrl, second.adminKey), second.server.baseUrl, skus);
    const channel = expectStatus(
      await admin('POST', '/api/v1/channels', {
        json: {
          name: `bench ${dialect.dialect}`,
          dialect: dialect.dialect,
          baseUrl: target.baseUrl,
          settings: target.settings,
          credentials: target.credentials,
        },
      }),
      `${dialect.dialect} channel`,
      201,
    );
    lanes.push({ dialect: dialect.dialect, title: dialect.title, connector: dialect.connector, skus, admin, channelId: channel.id, target, second });
  }
  if (!WITH_WEBHOOK) {
    await Promise.all(lanes.map((lane) => channelDone(lane.admin, lane.channelId, 0)));
    return lanes;
  }
  const webhook = { baseUrl: recorder.url, settings: {}, credentials: { secret: recorder.secret }, locationCode: '' };
  const channel = expectStatus(
    await adminA('POST', '/api/v1/channels', {
      json: { name: 'bench webhook', dialect: 'webhook', baseUrl: webhook.baseUrl, credentials: webhook.credentials },
    }),
    'webhook channel',
    201,
  );
  lanes.push({
    dialect: 'webhook',
    title: 'webhook (100 per event)',
    connector: webhookOutbound,
    skus: bulkSkus,
    admin: adminA,
    channelId: channel.id,
    target: webhook,
    second: null,
  });
  // The first full sync creates every channel's place at its second Tally: not measured.
  await Promise.all(lanes.map((lane) => channelDone(lane.admin, lane.channelId, 0)));
  return lanes;
}

async function main(): Promise<void> {
  console.log(
    `sync benchmark: ${ITEMS.toLocaleString('en-US')} items (Kibo, Crux, RetailOPS, webhook), ${PER_ITEM_ITEMS.toLocaleString('en-US')} items ` +
      `(Marketplacer, Comestri: one request per item); ${ROUNDS} round(s); first Tally CHANNELS_LOOPS=${LOOPS}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  const recorder = await startSyncRecorder();
  const first = await startTally({ CHANNELS_LOOPS: LOOPS });
  const seconds: Tally[] = [];
  try {
    const lanes = await setUp(first, recorder, seconds);
    console.log('set-up and first full sync: done');
    const ratios: number[][] = lanes.map(() => []);
    for (let round = 1; round <= ROUNDS; round++) {
      const tallyFirst = round % 2 === 1;
      // Between the phases, a pause longer than Marketplacer's one-second rate window.
      const tally = tallyFirst ? await tallyPhase(lanes, round, recorder) : null;
      if (tally) await pause(2000);
      const bare = await barePhase(lanes, round, recorder);
      if (!tally) await pause(2000);
      const tallyResult = tally ?? (await tallyPhase(lanes, round, recorder));
      printRound(`round ${round} of ${ROUNDS} (${tallyFirst ? 'Tally first' : 'bare client first'})`, lanes, tallyResult, bare);
      lanes.forEach((_, i) => ratios[i].push(bare[i].seconds / tallyResult[i].seconds));
    }
    const medians = ratios.map((values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]);
    const below = lanes.filter((_, i) => medians[i] < RATIO_TARGET).map((lane) => lane.dialect);
    console.log(
      `\nTally/bare per dialect (median of ${ROUNDS}): ${lanes.map((l, i) => `${l.dialect} ${medians[i].toFixed(2)}`).join(', ')}; ` +
        `target ≥ ${RATIO_TARGET}: ${below.length === 0 ? 'met' : `NOT met (${below.join(', ')})`}`,
    );
    await measureLatency(first, recorder);
  } finally {
    await Promise.allSettled([first, ...seconds].map((t) => t.server.stop()));
    await Promise.allSettled([first, ...seconds].map((t) => t.database.drop()));
    await recorder.close();
  }
}

async function run(): Promise<void> {
  await main();
  if (process.env['BENCH_BREAKDOWN']) {
    for (const batch of [100, 1000]) await dispatcherBreakdown(ITEMS, batch);
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
