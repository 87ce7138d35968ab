import type { OutboundConnector, OutboundContext, OutboundItem, OutboundItemResult, OutboundTarget } from '@tally/vendor-kit';
import { availabilityChangedEvent, lowStockEvent } from './webhook-event.model';
import { sendWebhookEvent, type WebhookDelivery } from './webhook-event.sender';
import { webhookCredentialsSchema, webhookSettingsSchema } from './webhook-outbound.schemas';
import { webhookEventFeed } from './webhook-event.feed';

/** Items per `inventory.availability.changed` message: keeps a body near the scheme's advised 20 kB. */
export const WEBHOOK_MAX_BATCH = 100;

/** Messages of one channel in flight at once. */
export const WEBHOOK_PARALLEL_SENDS = 4;

function itemResult(item: OutboundItem, delivery: WebhookDelivery): OutboundItemResult {
  switch (delivery.outcome) {
    case 'sent':
      return { itemId: item.itemId, outcome: 'sent' };
    case 'retry':
      return {
        itemId: item.itemId,
        outcome: 'retry',
        error: delivery.error,
        ...(delivery.retryAfterMs === undefined ? {} : { retryAfterMs: delivery.retryAfterMs }),
      };
    case 'rejected':
      return { itemId: item.itemId, outcome: 'rejected', error: delivery.error };
  }
}

async function sendLowStockAlert(
  target: OutboundTarget,
  items: readonly OutboundItem[],
  context: OutboundContext,
): Promise<{ low: ReadonlySet<string>; delivery: WebhookDelivery } | null> {
  const threshold = target.settings['lowStockAt'];
  if (typeof threshold !== 'number') return null;
  const low = items.filter((i) => i.quantity !== null && i.quantity <= threshold);
  if (low.length === 0) return null;
  const delivery = await sendWebhookEvent(target, lowStockEvent(low, threshold, context.now()), context);
  return { low: new Set(low.map((i) => i.itemId)), delivery };
}

/**
 * The generic signed webhook channel: each send is one Standard Webhooks message, an
 * `inventory.availability.changed` event holding the items' figures, POSTed to the
 * subscriber's URL. Every item of a message shares its outcome. With `lowStockAt` set, the items
 * at or below it also get an `inventory.low_stock` event (a low-stock alert). The channel's
 * `events` setting subscribes it to the event feed (level changes, discrepancies, jobs).
 */
export const webhookOutbound: OutboundConnector = {
  dialect: 'webhook',
  title: 'Signed webhook (Standard Webhooks)',
  maxBatch: WEBHOOK_MAX_BATCH,
  // A subscriber's endpoint takes concurrent deliveries (each message stands alone): a few in
  // flight keep a busy dispatcher from waiting a round trip per 100 items.
  parallelSends: WEBHOOK_PARALLEL_SENDS,
  requestsPerSecond: null,
  settingsSchema: webhookSettingsSchema,
  credentialsSchema: webhookCredentialsSchema,
  events: webhookEventFeed,
  async send(target, items, context) {
    const results: OutboundItemResult[] = [];
    // The dispatcher sends at most maxBatch items; a larger call is split rather than refused.
    for (let start = 0; start < items.length; start += WEBHOOK_MAX_BATCH) {
      const chunk = items.slice(start, start + WEBHOOK_MAX_BATCH);
      const delivery = await sendWebhookEvent(target, availabilityChangedEvent(chunk, context.now()), context);
      const alerts = delivery.outcome === 'sent' ? await sendLowStockAlert(target, chunk, context) : null;
      // An alert that did not arrive is sent again with its figures: the item takes the alert's outcome.
      results.push(...chunk.map((item) => itemResult(item, alerts?.low.has(item.itemId) ? alerts.delivery : delivery)));
    }
    return results;
  },
};
