import type { OutboundConnector, OutboundItem, OutboundItemResult } from '@tally/vendor-kit';
import { availabilityChangedEvent } from './webhook-event.model';
import { sendWebhookEvent, type WebhookDelivery } from './webhook-event.sender';
import { webhookCredentialsSchema, webhookSettingsSchema } from './webhook-outbound.schemas';

/** Items per `inventory.availability.changed` message: keeps a body near the scheme's advised 20 kB. */
export const WEBHOOK_MAX_BATCH = 100;

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

/**
 * The generic signed webhook channel: each send is one Standard Webhooks message, an
 * `inventory.availability.changed` event holding the items' figures, POSTed to the
 * subscriber's URL. Every item of a message shares its outcome.
 */
export const webhookOutbound: OutboundConnector = {
  dialect: 'webhook',
  title: 'Signed webhook (Standard Webhooks)',
  maxBatch: WEBHOOK_MAX_BATCH,
  requestsPerSecond: null,
  settingsSchema: webhookSettingsSchema,
  credentialsSchema: webhookCredentialsSchema,
  async send(target, items, context) {
    const results: OutboundItemResult[] = [];
    // The dispatcher sends at most maxBatch items; a larger call is split rather than refused.
    for (let start = 0; start < items.length; start += WEBHOOK_MAX_BATCH) {
      const chunk = items.slice(start, start + WEBHOOK_MAX_BATCH);
      const delivery = await sendWebhookEvent(target, availabilityChangedEvent(chunk, context.now()), context);
      results.push(...chunk.map((item) => itemResult(item, delivery)));
    }
    return results;
  },
};
