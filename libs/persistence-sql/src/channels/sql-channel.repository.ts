import {
  ApplicationError,
  ApplicationErrorCodes,
  ChannelRepository,
  type Channel,
  type ChannelDelivery,
  type ChannelItemFacts,
  type ChannelItemState,
  type ChannelItemSync,
  type ChannelOverride,
  type ChannelSyncSummary,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';
import {
  CHANNEL_COLUMNS,
  channelOf,
  channelValues,
  deliveryOf,
  overrideOf,
  SYNC_COLUMNS,
  syncOf,
  type ChannelRow,
  type DeliveryRow,
  type OverrideRow,
  type SyncRow,
} from './channel-row.mapper';
import { inIds, readItemFacts } from './channel-item-facts.sql';
import { lockTenantChannels, MARK_UPSERT, markAllItems, signalChannelWork } from './channel-marks.sql';
import type { SqlSession } from '../sql/sql-session';

const CHANNEL_NAMES = CHANNEL_COLUMNS.replace(/c\./g, '');
const CHANNEL_PLACEHOLDERS = CHANNEL_NAMES.split(',')
  .map(() => '?')
  .join(', ');

/** Channels in SQL (ADR 0041, 0042): rows of `channels`, `channel_overrides`, `channel_items`, `channel_deliveries` and `channel_events`. */
export class SqlChannelRepository extends ChannelRepository {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async create(channel: Channel): Promise<void> {
    await retriedTransaction(this.gate, async (session) => {
      // Waits for the tenant's writes in flight, which may have looked for channels already (ADR 0041).
      await lockTenantChannels(session, channel.tenantId, 'exclusive');
      const clash = await session.all('SELECT 1 AS clash FROM channels WHERE tenant_id = ? AND name = ?', [channel.tenantId, channel.name]);
      if (clash.length > 0) throw new ApplicationError(ApplicationErrorCodes.conflict, `a channel named ${channel.name} exists`, 'name');
      await session.run(`INSERT INTO channels (${CHANNEL_NAMES}) VALUES (${CHANNEL_PLACEHOLDERS})`, channelValues(channel));
      await markAllItems(session, channel.tenantId, channel.id, channel.createdAt);
    });
  }

  get(tenantId: string, channelId: string): Promise<Channel | null> {
    return this.gate.session(async (session) => {
      const [row] = await session.all<ChannelRow>(`SELECT ${CHANNEL_COLUMNS} FROM channels c WHERE c.tenant_id = ? AND c.id = ?`, [tenantId, channelId]);
      return row ? channelOf(row) : null;
    });
  }

  list(tenantId: string): Promise<Channel[]> {
    return this.gate.session(async (session) =>
      (await session.all<ChannelRow>(`SELECT ${CHANNEL_COLUMNS} FROM channels c WHERE c.tenant_id = ? ORDER BY c.name`, [tenantId])).map(channelOf),
    );
  }

  async update(channel: Channel): Promise<void> {
    const [, ...values] = channelValues(channel);
    const assignments = CHANNEL_NAMES.split(', ')
      .slice(1)
      .map((column) => `${column} = ?`)
      .join(', ');
    await this.gate.session((session) =>
      session.run(`UPDATE channels SET ${assignments} WHERE id = ? AND tenant_id = ?`, [...values, channel.id, channel.tenantId]),
    );
  }

  delete(tenantId: string, channelId: string): Promise<boolean> {
    return retriedTransaction(this.gate, async (session) => {
      for (const table of ['channel_items', 'channel_overrides', 'channel_deliveries', 'channel_events']) {
        await session.run(`DELETE FROM ${table} WHERE tenant_id = ? AND channel_id = ?`, [tenantId, channelId]);
      }
      return (await session.run('DELETE FROM channels WHERE tenant_id = ? AND id = ?', [tenantId, channelId])) === 1;
    });
  }

  async setOverride(tenantId: string, channelId: string, o: ChannelOverride): Promise<void> {
    await retriedTransaction(this.gate, async (session) => {
      await session.run(
        `INSERT INTO channel_overrides (tenant_id, channel_id, item_id, rules, fixed, excluded, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_id, item_id) DO UPDATE SET rules = excluded.rules, fixed = excluded.fixed, excluded = excluded.excluded, updated_at = excluded.updated_at`,
        [tenantId, channelId, o.itemId, JSON.stringify(o.rules), o.fixed === null ? null : String(o.fixed), o.excluded, o.updatedAt],
      );
      await markItem(session, tenantId, channelId, o.itemId, o.updatedAt);
    });
  }

  removeOverride(tenantId: string, channelId: string, itemId: string, at: string): Promise<boolean> {
    return retriedTransaction(this.gate, async (session) => {
      const removed = await session.run('DELETE FROM channel_overrides WHERE tenant_id = ? AND channel_id = ? AND item_id = ?', [tenantId, channelId, itemId]);
      if (removed === 0) return false;
      await markItem(session, tenantId, channelId, itemId, at);
      return true;
    });
  }

  listOverrides(tenantId: string, channelId: string, page: PageRequest): Promise<Page<ChannelOverride>> {
    const after = decodeCursor(page.cursor, ['string']);
    return this.gate.session(async (session) => {
      const rows = await session.all<OverrideRow>(
        `SELECT o.item_id, o.rules, o.fixed, o.excluded, o.updated_at FROM channel_overrides o
         WHERE o.tenant_id = ? AND o.channel_id = ? ${after ? 'AND o.item_id > ?' : ''} ORDER BY o.item_id LIMIT ?`,
        [tenantId, channelId, ...(after ? [String(after[0])] : []), fetchSize(page)],
      );
      return pageFrom(rows, page, (r) => [r.item_id], overrideOf);
    });
  }

  itemFacts(
    tenantId: string,
    channelId: string,
    filter: { changedSince: string | null; itemIds?: readonly string[] },
    page: PageRequest,
  ): Promise<Page<ChannelItemFacts>> {
    return this.gate.session((session) => readItemFacts(session, tenantId, channelId, filter, page));
  }

  summary(tenantId: string, channelId: string): Promise<ChannelSyncSummary> {
    return this.gate.session(async (session) => {
      const counts = await session.all<{ state: string; n: number | string; oldest: string | null }>(
        `SELECT state, COUNT(*) AS n, MIN(marked_at) AS oldest FROM channel_items WHERE channel_id = ? AND tenant_id = ? GROUP BY state`,
        [channelId, tenantId],
      );
      const [channel] = await session.all<{ last_success_at: string | null; last_error: string | null; last_error_at: string | null }>(
        'SELECT last_success_at, last_error, last_error_at FROM channels WHERE id = ? AND tenant_id = ?',
        [channelId, tenantId],
      );
      const [backlog] = await session.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM stock_changes WHERE tenant_id = ?', [tenantId]);
      const events = await session.all<{ state: string; n: number | string }>(
        'SELECT state, COUNT(*) AS n FROM channel_events WHERE channel_id = ? AND tenant_id = ? GROUP BY state',
        [channelId, tenantId],
      );
      const eventCount = (state: string) => Number(events.find((e) => e.state === state)?.n ?? 0);
      const count = (state: ChannelItemState) => Number(counts.find((c) => c.state === state)?.n ?? 0);
      const waiting = counts.filter((c) => (c.state === 'pending' || c.state === 'failing') && c.oldest !== null).map((c) => c.oldest as string);
      return {
        pending: count('pending'),
        failing: count('failing'),
        dead: count('dead'),
        synced: count('synced'),
        lastSuccessAt: channel?.last_success_at ?? null,
        lastError: channel?.last_error ?? null,
        lastErrorAt: channel?.last_error_at ?? null,
        oldestPendingAt: waiting.sort()[0] ?? null,
        outboxBacklog: Number(backlog?.n ?? 0),
        eventsPending: eventCount('pending'),
        eventsDead: eventCount('dead'),
      };
    });
  }

  deliveries(tenantId: string, channelId: string, page: PageRequest): Promise<Page<ChannelDelivery>> {
    const before = decodeCursor(page.cursor, ['number']);
    return this.gate.session(async (session) => {
      const rows = await session.all<DeliveryRow>(
        `SELECT id, started_at, finished_at, items, sent, retried, rejected, error, subject FROM channel_deliveries
         WHERE tenant_id = ? AND channel_id = ? ${before ? 'AND id < ?' : ''} ORDER BY id DESC LIMIT ?`,
        [tenantId, channelId, ...(before ? [Number(before[0])] : []), fetchSize(page)],
      );
      return pageFrom(rows, page, (r) => [Number(r.id)], deliveryOf);
    });
  }

  itemsInState(tenantId: string, channelId: string, state: ChannelItemState, page: PageRequest): Promise<Page<ChannelItemSync>> {
    const after = decodeCursor(page.cursor, ['string', 'string']);
    return this.gate.session(async (session) => {
      const rows = await session.all<SyncRow>(
        `SELECT ${SYNC_COLUMNS} FROM channel_items ci WHERE ci.tenant_id = ? AND ci.channel_id = ? AND ci.state = ?
         ${after ? 'AND (ci.marked_at > ? OR (ci.marked_at = ? AND ci.item_id > ?))' : ''} ORDER BY ci.marked_at, ci.item_id LIMIT ?`,
        [tenantId, channelId, state, ...(after ? [String(after[0]), String(after[0]), String(after[1])] : []), fetchSize(page)],
      );
      return pageFrom(rows, page, (r) => [r.marked_at, r.item_id], syncOf);
    });
  }

  markAll(tenantId: string, channelId: string, at: string): Promise<number> {
    return retriedTransaction(this.gate, (session) => markAllItems(session, tenantId, channelId, at));
  }

  replayDead(tenantId: string, channelId: string, itemIds: readonly string[] | null, at: string): Promise<number> {
    return retriedTransaction(this.gate, async (session) => {
      const only = itemIds === null ? null : inIds(session.kind, 'item_id', itemIds);
      if (only && itemIds?.length === 0) return 0;
      signalChannelWork(session);
      const items = await session.run(
        `UPDATE channel_items SET state = 'pending', attempts = 0, next_attempt_at = ?, marked_at = ?, generation = generation + 1
         WHERE tenant_id = ? AND channel_id = ? AND state = 'dead' ${only ? `AND ${only.sql}` : ''}`,
        [at, at, tenantId, channelId, ...(only ? only.params : [])],
      );
      if (only) return items;
      const events = await session.run(
        `UPDATE channel_events SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE tenant_id = ? AND channel_id = ? AND state = 'dead'`,
        [at, tenantId, channelId],
      );
      return items + events;
    });
  }
}

async function markItem(session: SqlSession, tenantId: string, channelId: string, itemId: string, at: string): Promise<void> {
  signalChannelWork(session);
  await session.run(
    `INSERT INTO channel_items (tenant_id, channel_id, item_id, state, generation, marked_at, sent_quantity, sent_unlimited, sent_at, attempts, next_attempt_at, last_error)
     VALUES (?, ?, ?, 'pending', 0, ?, NULL, ?, NULL, 0, ?, NULL) ${MARK_UPSERT}`,
    [tenantId, channelId, itemId, at, false, at],
  );
}
