import { insertRows } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';
import { bulkColumns } from '../schema/schema.catalogue';
import { signalChannelWork } from './channel-marks.sql';

const EVENT_COLUMNS = bulkColumns('channel_events', [
  'tenant_id',
  'channel_id',
  'type',
  'data',
  'occurred_at',
  'state',
  'attempts',
  'next_attempt_at',
  'last_error',
]);

/** A channel and the event types it subscribes to. */
export interface SubscribedChannel {
  readonly id: string;
  readonly events: readonly string[];
}

/** One event to record: when it happened and its data. */
export interface FeedEvent {
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The tenant's channels and what each subscribes to. */
export async function subscribedChannels(session: SqlSession, tenantId: string): Promise<SubscribedChannel[]> {
  const rows = await session.all<{ id: string; events: string }>('SELECT id, events FROM channels WHERE tenant_id = ?', [tenantId]);
  return rows.map((r) => ({ id: r.id, events: JSON.parse(r.events) as string[] }));
}

/**
 * Records events of one type for each channel subscribed to it, in the caller's transaction
 * (ADR 0042), due at once. The data is written once per channel: each channel's copy is sent,
 * retried and dead-lettered on its own.
 */
export async function recordChannelEvents(
  session: SqlSession,
  tenantId: string,
  channels: readonly SubscribedChannel[],
  type: string,
  events: readonly FeedEvent[],
  at: string,
): Promise<void> {
  if (events.length === 0) return;
  const subscribers = channels.filter((c) => c.events.includes(type));
  if (subscribers.length === 0) return;
  const texts = events.map((e) => ({ occurredAt: e.occurredAt, data: JSON.stringify(e.data) }));
  const rows = subscribers.flatMap((c) => texts.map((e) => [tenantId, c.id, type, e.data, e.occurredAt, 'pending', 0, at, null]));
  await insertRows(session, 'channel_events', EVENT_COLUMNS, rows);
  signalChannelWork(session);
}
