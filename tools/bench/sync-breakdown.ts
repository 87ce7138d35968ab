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

const STEPS = ['fanOut', 'claimChannel', 'dueItems', 'facts', 'record', 'renewLease', 'releaseChannel', 'dueEvents'] as const;

/**
 * Where the dispatcher's own time goes (BENCH_BREAKDOWN=1): `items` items of one SQLite tenant
 * with a webhook channel, all pending, sent in batches of `batch` by the application's dispatcher
 * through a sender that accepts every item at once, so nothing but Tally's reads and records is
 * timed. Prints milliseconds per batch for each outbox step and for the rest (JavaScript).
 */
export async function dispatcherBreakdown(items: number, batch: number): Promise<void> {
  const database = createSqliteDatabase({ prefix: 'tally_sync_breakdown' });
  const adminKey = newAdminKey('tly_bench');
  const server = await startServer({
    env: { DATABASE_URL: database.url, TALLY_ADMIN_KEY: adminKey, BODY_LIMIT: '10mb', BATCH_MAX_LINES: '100000', CHANNELS_DISPATCHER: 'off' },
  });
  try {
    const admin = client(server.baseUrl, adminKey);
    const lines = Array.from({ length: items }, (_, n) => ({
      op: 'set',
      item: { sku: String(1_000_000 + n) },
      location: { code: 'WH-1' },
      onHand: 1 + (n % 50),
    }));
    expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } }), 'seed');
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expectStatus(
      await admin('POST', '/api/v1/channels', { json: { name: 'breakdown', dialect: 'webhook', baseUrl: 'http://127.0.0.1:9', credentials: { secret } } }),
      'channel',
    );
  } finally {
    await server.stop();
  }
  const persistence = await createPersistence(database.url);
  try {
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
      parallelSends: () => 1,
      check: () => [],
      send: async (_channel, _credentials, toSend) => {
        sends++;
        return toSend.map((i) => ({ itemId: i.itemId, outcome: 'sent' as const }));
      },
    };
    const cipher: Pick<SecretCipher, 'seal' | 'open' | 'needsResealing'> = { seal: (text) => text, open: () => '{}', needsResealing: () => false };
    const clock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
    const dispatch = new DispatchChannels(persistence.channelOutbox as ChannelOutbox, senders, cipher as SecretCipher, clock, DEFAULT_DISPATCH_OPTIONS);
    const started = performance.now();
    let sent = 0;
    for (let idle = 0; idle < 20;) {
      const round = await dispatch.runOnce('breakdown');
      sent += round.sent;
      idle = round.channelId === null ? idle + 1 : 0;
      if (round.channelId === null) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const total = performance.now() - started;
    const perBatch = (ms: number) => `${(ms / sends).toFixed(2).padStart(7)} ms`;
    console.log(`\nthe dispatcher's own work, SQLite: ${sent.toLocaleString('en-US')} items in ${sends} batches of ${batch}, ${perBatch(total)} per batch:`);
    for (const step of STEPS) console.log(`  ${step.padEnd(16)}${perBatch(spent.get(step) ?? 0)}`);
    console.log(`  ${'the rest (JS)'.padEnd(16)}${perBatch(total - [...spent.values()].reduce((a, b) => a + b, 0))}`);
  } finally {
    await persistence.close();
    await database.drop();
  }
}
