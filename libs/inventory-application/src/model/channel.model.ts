import type { ChannelItemOverride, ChannelRules } from '@tally/inventory-domain';

/** Whether a channel is fed: a paused channel keeps its pending work until it resumes. */
export type ChannelStatus = 'active' | 'paused';

/** Which identifier a channel names items by: a kind, and for `external` the connection it belongs to. */
export interface ChannelIdentifierChoice {
  readonly kind: 'sku' | 'gtin' | 'partNumber' | 'external';
  readonly connectionId: string | null;
}

/**
 * A sales destination (docs/channels.md): the locations whose stock it may sell (null: all),
 * the rules that turn sellable stock into its figure, and how to reach it: a dialect's
 * outbound connector, a base URL, settings, and credentials kept sealed (encrypted) at rest.
 */
export interface Channel {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly dialect: string;
  readonly status: ChannelStatus;
  readonly baseUrl: string;
  readonly locationIds: readonly string[] | null;
  readonly rules: ChannelRules;
  readonly identifier: ChannelIdentifierChoice;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Event types the channel's settings subscribe it to (its dialect's feed); empty for most dialects. */
  readonly events: readonly string[];
  /** The credentials' JSON, sealed by the SecretCipher; never shown. */
  readonly sealedCredentials: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Where one item stands on one channel. */
export type ChannelItemState = 'pending' | 'synced' | 'failing' | 'dead';

/** The sync state of one item on one channel. */
export interface ChannelItemSync {
  readonly itemId: string;
  readonly state: ChannelItemState;
  /** Since when the item has waited to be sent (its oldest unsent change). */
  readonly markedAt: string;
  /** The figure last accepted by the channel: a number, `unlimited`, or null when never sent. */
  readonly sent: number | 'unlimited' | null;
  readonly sentAt: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
}

/** A channel's sync state at a glance. */
export interface ChannelSyncSummary {
  readonly pending: number;
  readonly failing: number;
  readonly dead: number;
  readonly synced: number;
  /** When a send last succeeded. */
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  /** When the oldest unsent change was marked (its age is the channel's lag); null when none waits. */
  readonly oldestPendingAt: string | null;
  /** Changes not yet fanned out to channels (the outbox), for the whole tenant. */
  readonly outboxBacklog: number;
  /** Events of the channel's feed waiting to be sent (including ones being retried), and dead ones. */
  readonly eventsPending: number;
  readonly eventsDead: number;
}

/** One send to a channel, as logged. */
export interface ChannelDelivery {
  readonly id: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly items: number;
  readonly sent: number;
  readonly retried: number;
  readonly rejected: number;
  readonly error: string | null;
  /** What the send carried: figures (`items`) or feed events (`events`); its counts count those. */
  readonly subject: 'items' | 'events';
}

/** One item's override on a channel. */
export interface ChannelOverride extends ChannelItemOverride {
  readonly itemId: string;
  readonly updatedAt: string;
}
