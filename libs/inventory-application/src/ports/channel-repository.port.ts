import type { ChannelItemOverride, StockLevel } from '@tally/inventory-domain';
import type { ItemIdentifier } from '../model/catalog.model';
import type { Channel, ChannelDelivery, ChannelItemState, ChannelItemSync, ChannelOverride, ChannelSyncSummary } from '../model/channel.model';
import type { Page, PageRequest } from './page.model';

/** What the availability of an item on a channel is computed from, read together. */
export interface ChannelItemFacts {
  readonly itemId: string;
  readonly name: string | null;
  readonly identifiers: readonly ItemIdentifier[];
  readonly levels: readonly Pick<StockLevel, 'present' | 'figures' | 'locationId'>[];
  readonly override: ChannelItemOverride | null;
  /** Newest change of any of the item's levels. */
  readonly changedAt: string | null;
  /** The item's sync state on the channel; null when it was never marked. */
  readonly sync: ChannelItemSync | null;
}

/** A tenant's channels, their overrides, and what is known of their sync (docs/channels.md). */
export abstract class ChannelRepository {
  /**
   * Stores a new channel and marks every item with stock for a full sync, in one transaction.
   * Throws a conflict `ApplicationError` on `name` when the tenant has a channel of that name.
   */
  abstract create(channel: Channel): Promise<void>;
  abstract get(tenantId: string, channelId: string): Promise<Channel | null>;
  abstract list(tenantId: string): Promise<Channel[]>;
  abstract update(channel: Channel): Promise<void>;
  /** Removes the channel with its overrides, sync state and delivery log; false when unknown. */
  abstract delete(tenantId: string, channelId: string): Promise<boolean>;
  abstract setOverride(tenantId: string, channelId: string, override: ChannelOverride): Promise<void>;
  abstract removeOverride(tenantId: string, channelId: string, itemId: string, at: string): Promise<boolean>;
  abstract listOverrides(tenantId: string, channelId: string, page: PageRequest): Promise<Page<ChannelOverride>>;
  /** Items with a level, by id, with what their availability depends on; `changedSince` keeps items changed at or after it. */
  abstract itemFacts(
    tenantId: string,
    channelId: string,
    filter: { changedSince: string | null; itemIds?: readonly string[] },
    page: PageRequest,
  ): Promise<Page<ChannelItemFacts>>;
  abstract summary(tenantId: string, channelId: string): Promise<ChannelSyncSummary>;
  abstract deliveries(tenantId: string, channelId: string, page: PageRequest): Promise<Page<ChannelDelivery>>;
  /** Items of the channel in a state (dead letters, failing), oldest first. */
  abstract itemsInState(tenantId: string, channelId: string, state: ChannelItemState, page: PageRequest): Promise<Page<ChannelItemSync>>;
  /** Marks every item with a level for sending (a full resync); answers how many. */
  abstract markAll(tenantId: string, channelId: string, at: string): Promise<number>;
  /** Moves dead items (all, or the ones named) back to pending; answers how many. */
  abstract replayDead(tenantId: string, channelId: string, itemIds: readonly string[] | null, at: string): Promise<number>;
}
