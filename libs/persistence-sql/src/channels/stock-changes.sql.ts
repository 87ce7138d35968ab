import { discrepancyOpenedData, levelChangedData, ChannelEventTypes } from '@tally/inventory-application';
import type { Discrepancy, LedgerEntry } from '@tally/inventory-domain';
import { insertRows } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';
import { bulkColumns } from '../schema/schema.catalogue';
import { lockTenantChannels, signalChannelWork } from './channel-marks.sql';
import { recordChannelEvents, subscribedChannels, type SubscribedChannel } from './channel-events.sql';

const CHANGE_COLUMNS = bulkColumns('stock_changes', ['tenant_id', 'item_id', 'changed_at']);

/** What a write tells the channels' event feeds (ADR 0042). */
export interface FeedFacts {
  readonly ledger?: readonly LedgerEntry[];
  readonly opened?: readonly Discrepancy[];
}

// A session is one transaction: while it holds the tenant's channel lock shared, no channel can
// be created or removed, so the lock is taken and the channels read once per transaction, not
// once per command of a group (ADR 0046).
const heldChannels = new WeakMap<SqlSession, Promise<SubscribedChannel[]>>();

function channelsHeld(session: SqlSession, tenantId: string): Promise<SubscribedChannel[]> {
  let held = heldChannels.get(session);
  if (!held) {
    held = lockTenantChannels(session, tenantId, 'shared').then(() => subscribedChannels(session, tenantId));
    heldChannels.set(session, held);
  }
  return held;
}

/** Forgets what {@link recordStockChanges} holds in a transaction: a savepoint rolled back released the lock it took there. */
export function forgetHeldChannels(session: SqlSession): void {
  heldChannels.delete(session);
}

/**
 * Writes the transactional outbox (ADR 0041): one `stock_changes` row per item whose levels the
 * transaction changed, in the same transaction, coalesced by item, and the feed events of the
 * channels subscribed to them (ADR 0042). Only while the tenant has a channel: a tenant without
 * one pays one indexed look-up (on PostgreSQL after taking the tenant's channel lock shared, so a
 * channel created meanwhile is either seen or waits for this write).
 */
export async function recordStockChanges(session: SqlSession, tenantId: string, itemIds: Iterable<string>, at: string, feed: FeedFacts = {}): Promise<void> {
  const unique = [...new Set(itemIds)];
  const opened = feed.opened ?? [];
  if (unique.length === 0 && opened.length === 0) return;
  const channels = await channelsHeld(session, tenantId);
  if (channels.length === 0) return;
  if (unique.length > 0) {
    await insertRows(
      session,
      'stock_changes',
      CHANGE_COLUMNS,
      unique.map((itemId) => [tenantId, itemId, at]),
      'ON CONFLICT (tenant_id, item_id) DO UPDATE SET changed_at = excluded.changed_at',
    );
    signalChannelWork(session);
  }
  const ledger = feed.ledger ?? [];
  await recordChannelEvents(
    session,
    tenantId,
    channels,
    ChannelEventTypes.levelChanged,
    ledger.map((e) => ({ occurredAt: e.recordedAt, data: levelChangedData(e) })),
    at,
  );
  await recordChannelEvents(
    session,
    tenantId,
    channels,
    ChannelEventTypes.discrepancyOpened,
    opened.map((d) => ({ occurredAt: d.openedAt, data: discrepancyOpenedData(d) })),
    at,
  );
}
