import type { Channel } from '../model/channel.model';
import type { ChannelItemFacts } from './channel-repository.port';
import type { ChannelEvent } from './channel-senders.port';

/** An item due to be sent, with the generation its mark had when claimed. */
export interface DueChannelItem {
  readonly itemId: string;
  readonly generation: number;
  readonly attempts: number;
  /** The figure last accepted by the channel: a number, `unlimited`, or null when never sent. */
  readonly sent: number | 'unlimited' | null;
}

/** What became of one due item. */
export type ChannelItemOutcome =
  /** Accepted by the channel (or already showing it): `figure` is what it now shows. */
  | { readonly itemId: string; readonly generation: number; readonly kind: 'sent'; readonly figure: number | 'unlimited' }
  /** To be sent again at `nextAttemptAt`. */
  | { readonly itemId: string; readonly generation: number; readonly kind: 'retry'; readonly error: string; readonly nextAttemptAt: string }
  /** Refused for good, or out of attempts: a dead letter until replayed. */
  | { readonly itemId: string; readonly generation: number; readonly kind: 'dead'; readonly error: string };

/** An event of the channel's feed due to be sent. */
export interface DueChannelEvent extends ChannelEvent {
  readonly attempts: number;
}

/** What became of one due event: sent events are forgotten, the others stay for a retry or an operator. */
export type ChannelEventOutcome =
  | { readonly eventId: string; readonly kind: 'sent' }
  | { readonly eventId: string; readonly kind: 'retry'; readonly error: string; readonly nextAttemptAt: string }
  | { readonly eventId: string; readonly kind: 'dead'; readonly error: string };

/** The summary of one send of events, for the delivery log. */
export interface ChannelEventSendRecord {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcomes: readonly ChannelEventOutcome[];
  readonly error: string | null;
}

/** The summary of one send, for the delivery log. */
export interface ChannelSendRecord {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcomes: readonly ChannelItemOutcome[];
  /** Error of the send as a whole, when every item failed alike. */
  readonly error: string | null;
}

/**
 * The outbound side of the store (ADR 0041): the transactional outbox the writes fill, fanned
 * out to each channel's items, and the leases that make one dispatcher at a time a channel's
 * sender, across threads and processes.
 */
export abstract class ChannelOutbox {
  /** Moves up to `limit` outbox rows (of any tenant) to the items of each active channel of their tenant; answers how many. */
  abstract fanOut(limit: number, at: string): Promise<number>;
  /** Leases an active channel with items due at `now`, or null. */
  abstract claimChannel(owner: string, now: string, leaseUntil: string): Promise<Channel | null>;
  /** Extends the lease; false when it was lost (the caller stops sending). */
  abstract renewLease(channelId: string, owner: string, leaseUntil: string): Promise<boolean>;
  /** Ends the lease; `now` orders the next claims (the channel served longest ago goes first). */
  abstract releaseChannel(channelId: string, owner: string, now: string): Promise<void>;
  /** The channel's items due at `now`, oldest mark first, at most `limit`. */
  abstract dueItems(channel: Channel, now: string, limit: number): Promise<DueChannelItem[]>;
  /** What the items' figures are computed from, read now. */
  abstract facts(channel: Channel, itemIds: readonly string[]): Promise<ChannelItemFacts[]>;
  /** Replaces the channel's sealed credentials when they are still `old` (a key rotation's reseal). */
  abstract reseal(channel: Channel, old: string, sealed: string): Promise<void>;
  /** Deletes delivery log entries finished before `before`, at most `limit`; answers how many. */
  abstract purgeDeliveries(before: string, limit: number): Promise<number>;
  /** The channel's feed events due at `now`, oldest first, at most `limit`. */
  abstract dueEvents(channel: Channel, now: string, limit: number): Promise<DueChannelEvent[]>;
  /** Records what became of a send of events under the caller's lease; false when the lease was lost. */
  abstract recordEvents(channel: Channel, owner: string, at: string, send: ChannelEventSendRecord): Promise<boolean>;
  /**
   * Records what became of a round's items under the caller's lease, in one transaction, with
   * a delivery log entry per send in `sends` (none when nothing was sent). An item marked again
   * since it was claimed (another generation) keeps its pending state, so its newer figure is
   * sent too.
   */
  abstract record(channel: Channel, owner: string, at: string, sends: readonly ChannelSendRecord[], outcomes: readonly ChannelItemOutcome[]): Promise<boolean>;
  /**
   * Calls `listener` each time a transaction of this process commits channel work (a change in
   * the outbox, a mark, a feed event); answers the unsubscription. Other processes' work is not
   * announced: their dispatchers, and this one's polls, find it.
   */
  abstract onWork(listener: () => void): () => void;
}
