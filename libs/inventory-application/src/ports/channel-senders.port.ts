import type { Channel } from '../model/channel.model';

/** One item's figure as sent to a channel. */
export interface ChannelSendItem {
  readonly itemId: string;
  /** The identifier the channel names this item by. */
  readonly identifier: string;
  readonly identifiers: readonly { readonly kind: 'sku' | 'gtin' | 'partNumber' | 'external'; readonly value: string; readonly connectionId: string | null }[];
  /** Units the channel may sell; null when unlimited. */
  readonly quantity: number | null;
  readonly name: string | null;
}

/** What became of one item of a send, as the channel answered. */
export type ChannelSendResult =
  | { readonly itemId: string; readonly outcome: 'sent' }
  | { readonly itemId: string; readonly outcome: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  | { readonly itemId: string; readonly outcome: 'rejected'; readonly error: string };

/** One event of a channel's feed, as recorded when it happened (ADR 0042). */
export interface ChannelEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What became of one event of a send, as the channel answered. */
export type ChannelEventResult =
  | { readonly eventId: string; readonly outcome: 'sent' }
  | { readonly eventId: string; readonly outcome: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  | { readonly eventId: string; readonly outcome: 'rejected'; readonly error: string };

/** A problem with a channel's settings or credentials, naming the field. */
export interface ChannelConfigProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * The outbound connectors this deployment has, one per dialect (the client side of each
 * dialect). The composition root supplies them; the application names none.
 */
export abstract class ChannelSenders {
  /** Dialects a channel may be created for. */
  abstract dialects(): readonly string[];
  /** The most items one send may carry. */
  abstract maxBatch(dialect: string): number;
  /** How many sends of one channel may be in flight at once (each with other items); 1 for most dialects. */
  abstract parallelSends(dialect: string): number;
  /** Problems with settings and credentials against the connector's schemas; empty when they fit. */
  abstract check(dialect: string, settings: Readonly<Record<string, unknown>>, credentials: Readonly<Record<string, unknown>>): readonly ChannelConfigProblem[];
  /** Sends the items with the channel's decrypted credentials; one result per item. */
  abstract send(channel: Channel, credentials: Readonly<Record<string, string>>, items: readonly ChannelSendItem[]): Promise<ChannelSendResult[]>;
  /** The event types a channel of the dialect with these (checked) settings subscribes to; empty for a dialect without a feed. */
  abstract subscribedEvents(dialect: string, settings: Readonly<Record<string, unknown>>): readonly string[];
  /** The most events one send may carry. */
  abstract maxEventBatch(dialect: string): number;
  /** Sends the events, oldest first, with the channel's decrypted credentials; one result per event. */
  abstract sendEvents(channel: Channel, credentials: Readonly<Record<string, string>>, events: readonly ChannelEvent[]): Promise<ChannelEventResult[]>;
}
