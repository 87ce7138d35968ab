import type { SqlSession } from '../sql/sql-session';

/**
 * Marks every item with a level for sending to the channel (a full resync). What the channel
 * last accepted is forgotten, so every figure is sent again even where it seems unchanged: a
 * resync repairs a channel that drifted. Dead items come back too.
 */
export async function markAllItems(session: SqlSession, tenantId: string, channelId: string, at: string): Promise<number> {
  return session.run(
    `INSERT INTO channel_items (tenant_id, channel_id, item_id, state, generation, marked_at, sent_quantity, sent_unlimited, sent_at, attempts, next_attempt_at, last_error)
     SELECT DISTINCT s.tenant_id, ?, s.item_id, 'pending', 0, ?, CAST(NULL AS BIGINT), FALSE, CAST(NULL AS TEXT), 0, ?, CAST(NULL AS TEXT)
     FROM stock_levels s WHERE s.tenant_id = ?
     ON CONFLICT (channel_id, item_id) DO UPDATE SET state = 'pending', generation = channel_items.generation + 1,
       marked_at = CASE WHEN channel_items.state = 'synced' THEN excluded.marked_at ELSE channel_items.marked_at END,
       sent_quantity = NULL, sent_unlimited = excluded.sent_unlimited, attempts = 0, next_attempt_at = excluded.next_attempt_at, last_error = NULL`,
    [channelId, at, at, tenantId],
  );
}

/**
 * Marks the items with a level that have no state on the channel yet, leaving the others as they
 * are. The first claim of a new channel runs it, after the resync fence has passed: on PostgreSQL
 * a write that looked for channels before the channel committed wrote no outbox row, and an item
 * whose first level it wrote was not visible to the marking of {@link markAllItems} at creation.
 */
export async function markUnmarkedItems(session: SqlSession, tenantId: string, channelId: string, at: string): Promise<number> {
  return session.run(
    `INSERT INTO channel_items (tenant_id, channel_id, item_id, state, generation, marked_at, sent_quantity, sent_unlimited, sent_at, attempts, next_attempt_at, last_error)
     SELECT DISTINCT s.tenant_id, ?, s.item_id, 'pending', 0, ?, CAST(NULL AS BIGINT), FALSE, CAST(NULL AS TEXT), 0, ?, CAST(NULL AS TEXT)
     FROM stock_levels s WHERE s.tenant_id = ?
     ON CONFLICT (channel_id, item_id) DO NOTHING`,
    [channelId, at, at, tenantId],
  );
}

/**
 * Marks items for sending after a change (the fan-out of the outbox): a synced item becomes
 * pending from now; a pending or failing one keeps its place and backoff; a dead one stays dead
 * until replayed. Every mark advances the generation, so a send in flight cannot mark it synced.
 */
export const MARK_UPSERT = `ON CONFLICT (channel_id, item_id) DO UPDATE SET generation = channel_items.generation + 1,
  state = CASE WHEN channel_items.state = 'synced' THEN 'pending' ELSE channel_items.state END,
  marked_at = CASE WHEN channel_items.state = 'synced' THEN excluded.marked_at ELSE channel_items.marked_at END,
  next_attempt_at = CASE WHEN channel_items.state = 'synced' THEN excluded.next_attempt_at ELSE channel_items.next_attempt_at END`;

/**
 * PostgreSQL: fences a new channel's first sync (ADR 0041). A write that looked for channels
 * before this one committed wrote no outbox row; every such write has its transaction id by then
 * (it looks after its first write), so the channel waits until every transaction older than the
 * current snapshot's horizon has ended. Set after the channel's own transaction commits.
 */
export async function setResyncFence(session: SqlSession, channelId: string): Promise<void> {
  if (session.kind !== 'postgresql') return;
  await session.run('UPDATE channels SET resync_fence = pg_snapshot_xmax(pg_current_snapshot())::text WHERE id = ?', [channelId]);
}

/** The fence condition of a channel row aliased `c` (always true on SQLite, whose writers take turns). */
export const fencePassed = (session: SqlSession): string =>
  session.kind === 'postgresql' ? `(c.resync_fence IS NOT NULL AND pg_snapshot_xmin(pg_current_snapshot()) >= c.resync_fence::xid8)` : '1 = 1';
