import { signalOnCommit } from '../sql/sql-gate';
import type { SqlSession } from '../sql/sql-session';

/**
 * Raised when a transaction leaves channel work (an outbox row, a mark, a feed event), so this
 * process's dispatcher looks at once instead of at its next poll.
 */
export const CHANNEL_WORK_SIGNAL = 'channel-work';

/** Tells this process's dispatcher, once the session's transaction commits, that it left channel work. */
export const signalChannelWork = (session: SqlSession): void => signalOnCommit(session, CHANNEL_WORK_SIGNAL);

/**
 * Marks every item with a level for sending to the channel (a full resync). What the channel
 * last accepted is forgotten, so every figure is sent again even where it seems unchanged: a
 * resync repairs a channel that drifted. Dead items come back too.
 */
export async function markAllItems(session: SqlSession, tenantId: string, channelId: string, at: string): Promise<number> {
  signalChannelWork(session);
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
 * Marks items for sending after a change (the fan-out of the outbox): a synced item becomes
 * pending from now; a pending or failing one keeps its place and backoff; a dead one stays dead
 * until replayed. Every mark advances the generation, so a send in flight cannot mark it synced.
 */
export const MARK_UPSERT = `ON CONFLICT (channel_id, item_id) DO UPDATE SET generation = channel_items.generation + 1,
  state = CASE WHEN channel_items.state = 'synced' THEN 'pending' ELSE channel_items.state END,
  marked_at = CASE WHEN channel_items.state = 'synced' THEN excluded.marked_at ELSE channel_items.marked_at END,
  next_attempt_at = CASE WHEN channel_items.state = 'synced' THEN excluded.next_attempt_at ELSE channel_items.next_attempt_at END`;

// Any constant shared by every Tally process, beside the tenant's hash: the tenant's channel lock.
const CHANNEL_LOCK_SPACE = 74_132_026;

/**
 * PostgreSQL: the tenant's channel lock (ADR 0041), held to the end of the transaction. A write
 * takes it shared before it looks for channels, a channel's creation takes it exclusive: the
 * creation waits for the writes that may have looked already, and sees their levels; a write that
 * looks later waits for the creation, and sees the channel. SQLite's writers take turns anyway.
 */
export async function lockTenantChannels(session: SqlSession, tenantId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  if (session.kind !== 'postgresql') return;
  const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await session.all(`SELECT ${lock}(?, hashtext(?)) AS locked`, [CHANNEL_LOCK_SPACE, tenantId]);
}
