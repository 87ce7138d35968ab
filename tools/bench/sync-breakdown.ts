import {
  DEFAULT_DISPATCH_OPTIONS,
  DispatchChannels,
  type ChannelOutbox,
  type ChannelSenders,
  type Clock,
  type SecretCipher,
} from '@tally/inventory-application';
import { createPersistence } from '@tally/persistence-sql';
import { client, createSqliteDatabase, expectStatus, newAdminKey, startServer } from '@tally/test-support';

/** Batches in flight at once, as the webhook dialect has them. */
const PARALLEL_SENDS = 4;

const STEPS = ['fanOut', 'claimChannel', 'dueItems', 'facts', 'record', 'renewLease', 'releaseChannel', 'dueEvents'] as const;

/**
 * Where the dispatcher's own time goes (BENCH_BREAKDOWN=1): `items` items of one SQLite tenant
 * with a webhook channel, sent once (not timed), then all changed by one bulk write, as in a
 * round of the benchmark; the changes are fanned out and sent in batches of `batch` (four at once, as
 * webhooks are) by the application's dispatcher through a sender that accepts every item at once, so nothing but
 * Tally's reads and records is timed. Prints milliseconds per batch for each outbox step and for
 * the rest (JavaScript).
 */
export async function dispatcherBreakdown(items: number, batch: number): Promise<void> {
  const database = createSqliteDatabase({ prefix: 'tally_sync_breakdown' });
  const adminKey = newAdminKey('tly_bench');
  const server = await startServer({
    env: { DATABASE_URL: database.url, TALLY_ADMIN_KEY: adminKey, BODY_LIMIT: '10mb', BATCH_MAX_LINES: '100000', CHANNELS_DISPATCHER: 'off' },
  });
  const admin = client(server.baseUrl, adminKey);
  const write = async (figure: (n: number) => number) => {
    const lines = Array.from({ length: items }, (_, n) => ({ op: 'set', item: { sku: String(1_000_000 + n) }, location: { code: 'WH-1' }, onHand: figure(n) }));
    expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } }), 'write');
  };
  const persistence = await createPersistence(database.url);
  try {
    await write((n) => 1 + (n % 50));
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expectStatus(
      await admin('POST', '/api/v1/channels', { json: { name: 'breakdown', dialect: 'webhook', baseUrl: 'http://127.0.0.1:9', credentials: { secret } } }),
      'channel',
    );
    const spent = new Map<string, number>();
    const outbox = persistence.channelOutbox as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const step of STEPS) {
      const original = outbox[step].bind(outbox);
      outbox[step] = async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await original(...args);
        } finally {
          spent.set(step, (spent.get(step) ?? 0) + performance.now() - started);
        }
      };
    }
    let sends = 0;
    const senders: ChannelSenders = {
      dialects: () => ['webhook'],
      subscribedEvents: () => [],
      maxEventBatch: () => 1,
      sendEvents: async () => [],
      maxBatch: () => batch,
      parallelSends: () => PARALLEL_SENDS,
      check: () => [],
      send: async (_channel, _credentials, toSend) => {
        sends++;
        return toSend.map((i) => ({ itemId: i.itemId, outcome: 'sent' as const }));
      },
    };
    const cipher: Pick<SecretCipher, 'seal' | 'open' | 'needsResealing'> = { seal: (text) => text, open: () => '{}', needsResealing: () => false };
    const clock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
    const dispatch = new DispatchChannels(persistence.channelOutbox as ChannelOutbox, senders, cipher as SecretCipher, clock, DEFAULT_DISPATCH_OPTIONS);
    const drain = async () => {
      let sent = 0;
      for (let idle = 0; idle < 20;) {
        const round = await dispatch.runOnce('breakdown');
        sent += round.sent;
        idle = round.channelId === null ? idle + 1 : 0;
        if (round.channelId === null) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return sent;
    };
    // The channel's first sync, then a round's change of every figure: only the latter is timed.
    await drain();
    await write((n) => 51 + (n % 50));
    spent.clear();
    sends = 0;
    const started = performance.now();
    const sent = await drain();
    const total = performance.now() - started;
    const perBatch = (ms: number) => `${(ms / sends).toFixed(2).padStart(7)} ms`;
    console.log(`\nthe dispatcher's own work, SQLite: ${sent.toLocaleString('en-US')} items in ${sends} batches of ${batch}, ${perBatch(total)} per batch:`);
    for (const step of STEPS) console.log(`  ${step.padEnd(16)}${perBatch(spent.get(step) ?? 0)}`);
    console.log(`  ${'the rest (JS)'.padEnd(16)}${perBatch(total - [...spent.values()].reduce((a, b) => a + b, 0))}`);
  } finally {
    await persistence.close();
    await server.stop();
    await database.drop();
  }
}
