import type { OutboundIdentifier, OutboundItem } from '@tally/vendor-kit';

/** The event types Tally sends to webhook subscribers (`<object>.<what happened>`). */
export const WebhookEventTypes = {
  /** Available-to-sell figures of some items, as the channel's rules compute them. */
  availabilityChanged: 'inventory.availability.changed',
  levelChanged: 'inventory.level.changed',
  lowStock: 'inventory.low_stock',
  discrepancyOpened: 'discrepancy.opened',
  jobFinished: 'job.finished',
} as const;

/** One of {@link WebhookEventTypes}. */
export type WebhookEventType = (typeof WebhookEventTypes)[keyof typeof WebhookEventTypes];

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(WebhookEventTypes));

/** The event types a channel subscribes to in its `events` setting, each recorded as it happens. */
export const WEBHOOK_FEED_TYPES: readonly string[] = [WebhookEventTypes.levelChanged, WebhookEventTypes.discrepancyOpened, WebhookEventTypes.jobFinished];

/** Where a feed message's `data` lists its events: `changes`, `discrepancies` or `jobs`. */
export const WEBHOOK_FEED_LISTS: Readonly<Record<string, string>> = {
  [WebhookEventTypes.levelChanged]: 'changes',
  [WebhookEventTypes.discrepancyOpened]: 'discrepancies',
  [WebhookEventTypes.jobFinished]: 'jobs',
};

/** One item's available-to-sell figure in an `inventory.availability.changed` event. */
export interface WebhookAvailabilityItem {
  readonly itemId: string;
  /** The identifier the channel names the item by. */
  readonly identifier: string;
  readonly identifiers: readonly OutboundIdentifier[];
  /** Units the subscriber may sell; null when unlimited. */
  readonly quantity: number | null;
  /** True when the item never sells out (then `quantity` is null). */
  readonly unlimited: boolean;
}

/** The `data` of an `inventory.availability.changed` event. */
export interface WebhookAvailabilityData {
  readonly items: readonly WebhookAvailabilityItem[];
}

/** The `data` of each event type; the types other than availability are shaped by their sender. */
export type WebhookEventData<T extends WebhookEventType> = T extends typeof WebhookEventTypes.availabilityChanged
  ? WebhookAvailabilityData
  : Readonly<Record<string, unknown>>;

/** The JSON body of every webhook: what happened, when, and its data. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  readonly type: T;
  /** When the event occurred (ISO 8601, UTC); a retry keeps it, unlike the `webhook-timestamp` header. */
  readonly timestamp: string;
  readonly data: WebhookEventData<T>;
}

/** Thrown when code builds an event of a type Tally does not send. */
export class UnknownWebhookEventTypeError extends Error {
  readonly code = 'WEBHOOK.UNKNOWN_EVENT_TYPE';
  constructor(type: string) {
    super(`Unknown webhook event type "${type}"`);
    this.name = 'UnknownWebhookEventTypeError';
  }
}

/** The envelope of one event that occurred at `now` (milliseconds since the epoch, or a Date). */
export function webhookEvent<T extends WebhookEventType>(type: T, data: WebhookEventData<T>, now: number | Date): WebhookEvent<T> {
  if (!KNOWN_TYPES.has(type)) throw new UnknownWebhookEventTypeError(type);
  return { type, timestamp: new Date(now).toISOString(), data };
}

/**
 * The `inventory.availability.changed` event of some items' figures, in item id order so the
 * same figures always make the same body and message id whatever order they came in.
 */
export function availabilityChangedEvent(items: readonly OutboundItem[], now: number | Date): WebhookEvent<typeof WebhookEventTypes.availabilityChanged> {
  const sorted = [...items].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return webhookEvent(
    WebhookEventTypes.availabilityChanged,
    {
      items: sorted.map((i) => ({
        itemId: i.itemId,
        identifier: i.identifier,
        identifiers: i.identifiers.map((x) => ({ kind: x.kind, value: x.value, connectionId: x.connectionId })),
        quantity: i.quantity,
        unlimited: i.quantity === null,
      })),
    },
    now,
  );
}

/**
 * The `inventory.low_stock` event: items whose figure is at or below the channel's `lowStockAt`
 * threshold, in item id order.
 */
export function lowStockEvent(items: readonly OutboundItem[], threshold: number, now: number | Date): WebhookEvent<typeof WebhookEventTypes.lowStock> {
  const sorted = [...items].sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return webhookEvent(
    WebhookEventTypes.lowStock,
    { threshold, items: sorted.map((i) => ({ itemId: i.itemId, identifier: i.identifier, quantity: i.quantity })) },
    now,
  );
}
