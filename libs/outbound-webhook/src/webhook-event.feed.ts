import type { OutboundEvent, OutboundEventFeed, OutboundEventResult } from '@tally/vendor-kit';
import { WEBHOOK_FEED_LISTS, WEBHOOK_FEED_TYPES, webhookEvent, type WebhookEvent, type WebhookEventType } from './webhook-event.model';
import { sendWebhookEvent, type WebhookDelivery } from './webhook-event.sender';

/** Events per feed message: keeps a body near the scheme's advised 20 kB for most events. */
export const WEBHOOK_FEED_MAX_BATCH = 50;

/** Consecutive events of one type: each run is one message. */
function runsOfType(events: readonly OutboundEvent[]): OutboundEvent[][] {
  const runs: OutboundEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0].type === event.type) last.push(event);
    else runs.push([event]);
  }
  return runs;
}

/**
 * The message of a run of events of one type: its `data` lists them (`changes`, `discrepancies`
 * or `jobs`), each with its `eventId` and `occurredAt`; the message's timestamp is the first
 * event's, so a retry carries the same body and therefore the same `webhook-id`.
 */
export function feedMessage(run: readonly OutboundEvent[]): WebhookEvent {
  const type = run[0].type as WebhookEventType;
  const list = WEBHOOK_FEED_LISTS[type] ?? 'events';
  return webhookEvent(type, { [list]: run.map((e) => ({ eventId: e.id, occurredAt: e.occurredAt, ...e.data })) }, Date.parse(run[0].occurredAt));
}

function resultOf(event: OutboundEvent, delivery: WebhookDelivery): OutboundEventResult {
  if (delivery.outcome === 'sent') return { eventId: event.id, outcome: 'sent' };
  if (delivery.outcome === 'rejected') return { eventId: event.id, outcome: 'rejected', error: delivery.error };
  return {
    eventId: event.id,
    outcome: 'retry',
    error: delivery.error,
    ...(delivery.retryAfterMs === undefined ? {} : { retryAfterMs: delivery.retryAfterMs }),
  };
}

/**
 * The signed webhook's event feed: the types a channel lists in its `events` setting, sent as
 * Standard Webhooks messages of up to {@link WEBHOOK_FEED_MAX_BATCH} events of one type each.
 */
export const webhookEventFeed: OutboundEventFeed = {
  types: WEBHOOK_FEED_TYPES,
  maxBatch: WEBHOOK_FEED_MAX_BATCH,
  subscribed(settings) {
    const events = settings['events'];
    return Array.isArray(events) ? WEBHOOK_FEED_TYPES.filter((t) => events.includes(t)) : [];
  },
  async send(target, events, context) {
    const results: OutboundEventResult[] = [];
    for (const run of runsOfType(events)) {
      const delivery = await sendWebhookEvent(target, feedMessage(run), context);
      results.push(...run.map((e) => resultOf(e, delivery)));
    }
    return results;
  },
};
