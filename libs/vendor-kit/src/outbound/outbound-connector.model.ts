import type { OutboundFetch } from './outbound-fetch.model';
/**
 * The client side of a dialect: how Tally sends a channel's available-to-sell figures to the
 * channel in the vendor's own API (docs/channels.md). A connector is plain TypeScript over
 * `fetch`; the dispatcher decides what to send and when, the connector only how.
 */

/** One identifier of an item, as the catalog holds it. */
export interface OutboundIdentifier {
  readonly kind: 'sku' | 'gtin' | 'partNumber' | 'external';
  readonly value: string;
  /** The connection an `external` identifier belongs to; null otherwise. */
  readonly connectionId: string | null;
}

/** One item's figure for a channel, as the dispatcher read it at send time. */
export interface OutboundItem {
  readonly itemId: string;
  /** The identifier the channel names this item by (the channel's `identifier` setting). */
  readonly identifier: string;
  /** Every identifier of the item, for dialects that send several (GTIN and part number). */
  readonly identifiers: readonly OutboundIdentifier[];
  /** Units the channel may sell; null when unlimited (infinite stock, no maximum to show). */
  readonly quantity: number | null;
  /** The item's name, when the catalog has one. */
  readonly name: string | null;
}

/** Where and as whom a connector sends: one channel's target. */
export interface OutboundTarget {
  /** The channel's id: a stable key for caches (tokens) and rate limits. */
  readonly channelId: string;
  /** The channel's base URL (scheme, host, optional path prefix), without a trailing slash. */
  readonly baseUrl: string;
  /** Dialect settings (not secret), already checked against the connector's settings schema. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Decrypted credentials, already checked against the connector's credentials schema. Never log them. */
  readonly credentials: Readonly<Record<string, string>>;
}

/** What happened to one item of a send. */
export type OutboundItemResult =
  /** The channel accepted the figure. */
  | { readonly itemId: string; readonly outcome: 'sent' }
  /** A transient failure: send again later (after `retryAfterMs` when the channel said so). */
  | { readonly itemId: string; readonly outcome: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  /** The channel refused this item for good (unknown identifier, invalid figure): dead-letter it. */
  | { readonly itemId: string; readonly outcome: 'rejected'; readonly error: string };

/** What a connector may use besides the network: the clock and a per-process cache. */
export interface OutboundContext {
  /** How to reach the channel: the global `fetch` in tests, `pooledHttpFetch` in the dispatcher (with its time limit). */
  readonly fetch: OutboundFetch;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Per-process cache (tokens by channel), shared by every send of this connector. */
  readonly cache: Map<string, unknown>;
  /** Aborts the send (shutdown, timeout). */
  readonly signal?: AbortSignal;
  /** Milliseconds to wait between polls of an asynchronous vendor job (Kibo's queue status). */
  readonly pollMs?: number;
}

/** A JSON Schema (draft 2020-12 subset) of an object of settings or credentials. */
export type OutboundSchema = Readonly<Record<string, unknown>>;

/**
 * A dialect's outbound side. `send` never throws for a vendor's answer: every item gets a result.
 * It throws only for a programming error; a network failure is a `retry` of every item.
 */
export interface OutboundConnector {
  /** The dialect name, as the inbound descriptor names it (`kibo`), or `webhook`. */
  readonly dialect: string;
  readonly title: string;
  /** At most this many items per `send` (the vendor's documented batch limit). */
  readonly maxBatch: number;
  /**
   * Sends of one channel the dispatcher may have in flight at once, each with other items
   * (absent: 1). Only for a dialect whose receiver takes concurrent requests and whose connector
   * keeps no per-channel pacing of its own.
   */
  readonly parallelSends?: number;
  /** At most this many HTTP requests per second per channel (the vendor's documented rate), if any. */
  readonly requestsPerSecond: number | null;
  /** Schema of the channel's `settings` (not secret). */
  readonly settingsSchema: OutboundSchema;
  /** Schema of the channel's `credentials` (secret: encrypted at rest, never answered back). */
  readonly credentialsSchema: OutboundSchema;
  /** Sends the items' figures; answers one result per item, in any order. */
  send(target: OutboundTarget, items: readonly OutboundItem[], context: OutboundContext): Promise<OutboundItemResult[]>;
  /** Events beyond the figures (the signed webhook's feed); absent: the dialect sends figures only. */
  readonly events?: OutboundEventFeed;
}

/**
 * One event of a channel's event feed (a level changed, a discrepancy opened, a job finished),
 * recorded in the same transaction as what it tells and sent in order of `id`.
 */
export interface OutboundEvent {
  /** Stable across retries: a subscriber may deduplicate by it. */
  readonly id: string;
  readonly type: string;
  /** When it happened (ISO 8601, UTC). */
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What happened to one event of a send. */
export type OutboundEventResult =
  | { readonly eventId: string; readonly outcome: 'sent' }
  | { readonly eventId: string; readonly outcome: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  | { readonly eventId: string; readonly outcome: 'rejected'; readonly error: string };

/** A dialect's event feed: the events a channel may subscribe to besides its figures, and how they are sent. */
export interface OutboundEventFeed {
  /** Every event type the dialect can send. */
  readonly types: readonly string[];
  /** At most this many events per `send`. */
  readonly maxBatch: number;
  /** The event types a channel with these (already checked) settings subscribes to. */
  subscribed(settings: Readonly<Record<string, unknown>>): readonly string[];
  /** Sends the events, oldest first; answers one result per event. Never throws for the subscriber's answer. */
  send(target: OutboundTarget, events: readonly OutboundEvent[], context: OutboundContext): Promise<OutboundEventResult[]>;
}
