import { expectStatus, type Client } from '@tally/test-support';
import { inParallel, listAll, unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';
import type { RunningServer } from '../support/server.process';
import { startWebhookRecorder, type WebhookRecorder } from '../support/webhook.recorder';

const pause = (ms: number) => new Promise((wait) => setTimeout(wait, ms));
const LOCATION = 'WH-OUT';
const skuOf = (n: number) => `OUT-${String(n).padStart(4, '0')}`;

/** The size of one run of check 8. */
export interface OutboundPlan {
  /** Items written and sent (one location). */
  readonly items: number;
  /** SIGKILLs of the dispatcher process, each while a delivery is held by the subscriber. */
  readonly kills: number;
  /** Concurrent writers of each burst. */
  readonly writers: number;
  /** How long each burst writes before its kill is armed. */
  readonly burstMs: number;
  /** How long the subscriber holds each delivery before it answers. */
  readonly holdMs: number;
  /** Environment of the dispatcher processes (on top of the deployment's). */
  readonly dispatcherEnv: Record<string, string>;
  /** How long the channel may take to catch up after the last kill. */
  readonly settleTimeoutMs: number;
}

/** What check 8 measured. */
export interface OutboundFigures {
  items: number;
  kills: number;
  killsMidBurst: number;
  writes: number;
  acknowledged: number;
  itemsInFlightAtKills: number;
  deliveries: number;
  taken: number;
  droppedAtKill: number;
  badSignatures: number;
  settledSeconds: number | string;
  pending: number;
  dead: number;
  matching: number;
  lostUpdates: number;
}

/**
 * Check 8: a webhook channel of the first tenant, fed by bursts of concurrent writes through an
 * HTTP-only process, while the dispatcher process is killed with SIGKILL in the middle of a send
 * (while the subscriber holds a delivery) and started again, `kills` times; the last kill comes
 * after the writes ended, so nothing written later can cover what it lost. Once the channel says
 * it is in sync, the figure the subscriber took last for every item must equal the item's
 * availability in Tally (the sum of its levels' sellable units); every other item is a lost update.
 */
export async function checkOutboundCrashes(deployment: Deployment, plan: OutboundPlan): Promise<OutboundFigures> {
  const admin = deployment.admin(0);
  const recorder = await startWebhookRecorder(plan.holdMs);
  recordSecret(recorder.secret);
  const figures: OutboundFigures = {
    items: plan.items,
    kills: 0,
    killsMidBurst: 0,
    writes: 0,
    acknowledged: 0,
    itemsInFlightAtKills: 0,
    deliveries: 0,
    taken: 0,
    droppedAtKill: 0,
    badSignatures: 0,
    settledSeconds: 'never',
    pending: 0,
    dead: 0,
    matching: 0,
    lostUpdates: 0,
  };
  try {
    await writeAll(admin, plan.items, (n) => 10 + (n % 20));
    const channel = expectStatus(
      await admin('POST', '/api/v1/channels', {
        json: { name: unique('outbound'), dialect: 'webhook', baseUrl: recorder.url, credentials: { secret: recorder.secret } },
      }),
      'channel creation',
      201,
    );
    let dispatcher: RunningServer = await deployment.addServer(plan.dispatcherEnv);
    for (let round = 0; round < plan.kills; round++) {
      const last = round === plan.kills - 1;
      let stop = false;
      const burst = writeBurst(admin, plan, figures, () => stop);
      await pause(plan.burstMs);
      if (last) {
        stop = true;
        await burst;
        // Every item changes once more, so deliveries follow the end of the writes.
        await writeAll(admin, plan.items, (n) => (n * 7 + round) % 50);
      }
      const inFlight = await recorder.nextArrival(60_000);
      // Somewhere in the first quarter of the hold: the subscriber has the request, the sender waits for the answer.
      await pause(Math.random() * (plan.holdMs / 4));
      await dispatcher.kill();
      figures.kills++;
      figures.itemsInFlightAtKills += inFlight;
      if (!last) {
        figures.killsMidBurst++;
        await pause(200 + Math.random() * 200);
        stop = true;
        await burst;
      }
      dispatcher = await deployment.addServer(plan.dispatcherEnv);
    }
    const lastKill = Date.now();
    const sync = await settle(admin, channel.id, recorder, plan.settleTimeoutMs);
    if (sync.settled) figures.settledSeconds = Math.round((Date.now() - lastKill) / 100) / 10;
    figures.pending = sync.pending;
    figures.dead = sync.dead;
    const expected = await availabilityBySku(admin);
    for (const [sku, sellable] of expected) {
      const received = recorder.figures.get(sku);
      if (received && !received.unlimited && received.quantity === sellable) figures.matching++;
      else figures.lostUpdates++;
    }
    Object.assign(figures, {
      deliveries: recorder.counts.received,
      taken: recorder.counts.taken,
      droppedAtKill: recorder.counts.dropped,
      badSignatures: recorder.counts.badSignatures,
    });
    return figures;
  } finally {
    await recorder.close();
  }
}

/** One batch that sets every item's on-hand figure (creating the items the first time). */
async function writeAll(admin: Client, items: number, onHand: (n: number) => number): Promise<void> {
  const lines = Array.from({ length: items }, (_, n) => ({ op: 'set', item: { sku: skuOf(n) }, location: { code: LOCATION }, onHand: onHand(n) }));
  expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } }), 'batch');
}

/** Concurrent writers setting and adjusting random items until `stopped`. */
async function writeBurst(admin: Client, plan: OutboundPlan, figures: OutboundFigures, stopped: () => boolean): Promise<void> {
  await inParallel(
    Array.from({ length: plan.writers }, (_, w) => w),
    plan.writers,
    async () => {
      while (!stopped()) {
        const item = { sku: skuOf(Math.floor(Math.random() * plan.items)) };
        const location = { code: LOCATION };
        const json =
          Math.random() < 0.7
            ? { item, location, onHand: Math.floor(Math.random() * 40) }
            : { item, location, delta: Math.random() < 0.5 ? -1 - Math.floor(Math.random() * 5) : 1 + Math.floor(Math.random() * 5) };
        figures.writes++;
        const answer = await admin('POST', `/api/v1/stock-levels/${'delta' in json ? 'adjust' : 'set'}`, { json });
        if (answer.status === 200) figures.acknowledged++;
        else if (answer.status >= 500) throw new Error(`a write answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    },
  );
}

/**
 * Waits until the channel has nothing pending or failing, the outbox is empty and the subscriber
 * holds no delivery, twice in a row; answers the last summary.
 */
async function settle(
  admin: Client,
  channelId: string,
  recorder: WebhookRecorder,
  timeoutMs: number,
): Promise<{ settled: boolean; pending: number; dead: number }> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    const sync = expectStatus(await admin('GET', `/api/v1/channels/${channelId}/sync`), 'sync');
    const idle = sync.pending === 0 && sync.failing === 0 && sync.outboxBacklog === 0 && recorder.held() === 0;
    quiet = idle ? quiet + 1 : 0;
    if (quiet >= 2 || Date.now() > deadline) return { settled: quiet >= 2, pending: sync.pending + sync.failing, dead: sync.dead };
    await pause(250);
  }
}

/** Each item's availability in Tally: the sum of its levels' sellable units, by SKU. */
async function availabilityBySku(admin: Client): Promise<Map<string, number>> {
  const skus = new Map((await listAll<{ id: string; sku: string }>(admin, '/api/v1/items')).map((i) => [i.id, i.sku]));
  const sellable = new Map<string, number>();
  for (const level of await listAll<{ itemId: string; availability: { sellable: number } }>(admin, '/api/v1/stock-levels')) {
    const sku = skus.get(level.itemId) as string;
    sellable.set(sku, (sellable.get(sku) ?? 0) + level.availability.sellable);
  }
  return sellable;
}
