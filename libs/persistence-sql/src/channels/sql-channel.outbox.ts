import {
  ChannelOutbox,
  type Channel,
  type ChannelEventSendRecord,
  type DueChannelEvent,
  type ChannelItemFacts,
  type ChannelItemOutcome,
  type ChannelSendRecord,
  type DueChannelItem,
} from '@tally/inventory-application';
import { columns, names, rowsSource, chunksOf } from '../sql/bulk-sql';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession } from '../sql/sql-session';
import { bulkColumns } from '../schema/schema.catalogue';
import { CHANNEL_COLUMNS, channelOf, sentOf, type ChannelRow } from './channel-row.mapper';
import { readItemFacts } from './channel-item-facts.sql';
import { CHANNEL_WORK_SIGNAL, MARK_UPSERT } from './channel-marks.sql';

const MARK_COLUMNS = bulkColumns('channel_items', [
  'tenant_id',
  'channel_id',
  'item_id',
  'state',
  'generation',
  'marked_at',
  'sent_quantity',
  'sent_unlimited',
  'sent_at',
  'attempts',
  'next_attempt_at',
  'last_error',
]);
const CHANGE_KEY = columns('tenant_id:text', 'item_id:text', 'changed_at:text');
const MARK_KEY = columns('tenant_id:text', 'item_id:text');
const OUTCOME_COLUMNS = columns('item_id:text', 'generation:int', 'kind:text', 'figure:bigint', 'unlimited:bool', 'next_at:text', 'error:text');

/**
 * A channel's due items, oldest mark first. Each state is read on its own in the due index's
 * order and cut at the limit: with `state IN (...)` the index gives no single order, so every due
 * item of the channel (all of them after a full sync) was sorted for each batch. Items marked at
 * the same time are taken in the index's order, then sorted by item id.
 */
const DUE_ITEMS = `SELECT * FROM (
    SELECT item_id, generation, attempts, sent_quantity, sent_unlimited, next_attempt_at FROM channel_items
    WHERE channel_id = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?) p
  UNION ALL SELECT * FROM (
    SELECT item_id, generation, attempts, sent_quantity, sent_unlimited, next_attempt_at FROM channel_items
    WHERE channel_id = ? AND state = 'failing' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?) f
  ORDER BY next_attempt_at, item_id LIMIT ?`;

/**
 * SQLite: the fan-out's transaction holds the write lock, so no write can change the outbox
 * between its read and its delete: one statement takes the oldest rows out and answers them.
 * (Read, then deleted by key and time in a second statement, each row cost twice as much.)
 */
const TAKE_CHANGES_SQLITE = `DELETE FROM stock_changes WHERE rowid IN (SELECT rowid FROM stock_changes ORDER BY changed_at LIMIT ?)
  RETURNING tenant_id, item_id, changed_at`;

/**
 * Marks the changed items on each channel of their tenant. One statement joins the changes with
 * their tenants' channels, instead of a row (twelve values) per item and channel built and bound here.
 */
async function markChanges(session: SqlSession, changes: readonly ChangeRow[], at: string): Promise<number> {
  for (const chunk of chunksOf(session.kind, changes, MARK_KEY.length)) {
    const source = rowsSource(
      session.kind,
      MARK_KEY,
      chunk.map((c) => [c.tenant_id, c.item_id]),
    );
    await session.run(
      `WITH k(${names(MARK_KEY)}) AS (${source.sql})
       INSERT INTO channel_items (${names(MARK_COLUMNS)})
       SELECT k.tenant_id, c.id, k.item_id, 'pending', 0, ?, CAST(NULL AS BIGINT), FALSE, CAST(NULL AS TEXT), 0, ?, CAST(NULL AS TEXT)
       FROM k JOIN channels c ON c.tenant_id = k.tenant_id WHERE TRUE ${MARK_UPSERT}`,
      [...source.params, at, at],
    );
  }
  return changes.length;
}

interface ChangeRow {
  tenant_id: string;
  item_id: string;
  changed_at: string;
}

/**
 * The outbox and the dispatch leases in SQL (ADR 0041). Fan-out and claims lock with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL, so dispatchers of several processes share the work;
 * SQLite's writers take turns anyway.
 */
export class SqlChannelOutbox extends ChannelOutbox {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  onWork(listener: () => void): () => void {
    return this.gate.onCommitted(CHANNEL_WORK_SIGNAL, listener);
  }

  async fanOut(limit: number, at: string): Promise<number> {
    const skipLocked = this.gate.kind === 'postgresql' ? 'FOR UPDATE SKIP LOCKED' : '';
    // An idle dispatcher polls often: it looks before it takes a transaction (SQLite's write lock).
    if (!(await this.gate.session(async (session) => (await session.all('SELECT 1 AS due FROM stock_changes LIMIT 1')).length > 0))) return 0;
    return retriedTransaction(this.gate, async (session) => {
      if (session.kind === 'sqlite') return markChanges(session, await session.all<ChangeRow>(TAKE_CHANGES_SQLITE, [limit]), at);
      const changes = await session.all<ChangeRow>(`SELECT tenant_id, item_id, changed_at FROM stock_changes ORDER BY changed_at LIMIT ? ${skipLocked}`, [
        limit,
      ]);
      if (changes.length === 0) return 0;
      await markChanges(session, changes, at);
      // A row changed again since it was read keeps its newer time and stays for the next round.
      for (const chunk of chunksOf(session.kind, changes, CHANGE_KEY.length)) {
        const source = rowsSource(
          session.kind,
          CHANGE_KEY,
          chunk.map((c) => [c.tenant_id, c.item_id, c.changed_at]),
        );
        await session.run(
          `WITH k(${names(CHANGE_KEY)}) AS (${source.sql}) DELETE FROM stock_changes WHERE (tenant_id, item_id, changed_at) IN (SELECT ${names(CHANGE_KEY)} FROM k)`,
          source.params,
        );
      }
      return changes.length;
    });
  }

  // A lease ends at its `lease_until`: a channel released at `now` (the release's time) can be
  // claimed at once, so a loop going on with a busy channel does not sleep a poll interval first.
  async claimChannel(owner: string, now: string, leaseUntil: string): Promise<Channel | null> {
    const claimable = (session: SqlSession, lock: string) =>
      session.all<ChannelRow>(
        `SELECT ${CHANNEL_COLUMNS} FROM channels c
         WHERE c.status = 'active' AND (c.lease_until IS NULL OR c.lease_until <= ?)
           AND (EXISTS (SELECT 1 FROM channel_items ci WHERE ci.channel_id = c.id AND ci.state IN ('pending', 'failing') AND ci.next_attempt_at <= ?)
             OR EXISTS (SELECT 1 FROM channel_events ce WHERE ce.channel_id = c.id AND ce.state = 'pending' AND ce.next_attempt_at <= ?))
         ORDER BY c.lease_until LIMIT 1 ${lock}`,
        [now, now, now],
      );
    // Looked for without a transaction first: an idle poll takes no lock.
    if ((await this.gate.session((session) => claimable(session, ''))).length === 0) return null;
    return retriedTransaction(this.gate, async (session) => {
      const [row] = await claimable(session, session.kind === 'postgresql' ? 'FOR UPDATE OF c SKIP LOCKED' : '');
      if (!row) return null;
      await session.run('UPDATE channels SET lease_owner = ?, lease_until = ? WHERE id = ?', [owner, leaseUntil, row.id]);
      return channelOf(row);
    });
  }

  renewLease(channelId: string, owner: string, leaseUntil: string): Promise<boolean> {
    return this.gate.session(
      async (session) => (await session.run('UPDATE channels SET lease_until = ? WHERE id = ? AND lease_owner = ?', [leaseUntil, channelId, owner])) === 1,
    );
  }

  async releaseChannel(channelId: string, owner: string, now: string): Promise<void> {
    // The release time orders the next claims: the channel served longest ago goes first.
    await this.gate.session((session) =>
      session.run('UPDATE channels SET lease_owner = NULL, lease_until = ? WHERE id = ? AND lease_owner = ?', [now, channelId, owner]),
    );
  }

  dueItems(channel: Channel, now: string, limit: number): Promise<DueChannelItem[]> {
    return this.gate.session(async (session) => {
      const rows = await session.all<{
        item_id: string;
        generation: number | string;
        attempts: number | string;
        sent_quantity: number | string | null;
        sent_unlimited: boolean | number;
      }>(DUE_ITEMS, [channel.id, now, limit, channel.id, now, limit, limit]);
      return rows.map((r) => ({
        itemId: r.item_id,
        generation: Number(r.generation),
        attempts: Number(r.attempts),
        sent: sentOf(r.sent_quantity, r.sent_unlimited),
      }));
    });
  }

  async facts(channel: Channel, itemIds: readonly string[]): Promise<ChannelItemFacts[]> {
    const page = await this.gate.session((session) =>
      readItemFacts(session, channel.tenantId, channel.id, { changedSince: null, itemIds }, { limit: itemIds.length, cursor: null }),
    );
    return page.items;
  }

  async reseal(channel: Channel, old: string, sealed: string): Promise<void> {
    await this.gate.session((session) => session.run('UPDATE channels SET credentials = ? WHERE id = ? AND credentials = ?', [sealed, channel.id, old]));
  }

  purgeDeliveries(before: string, limit: number): Promise<number> {
    return this.gate.session((session) =>
      session.run('DELETE FROM channel_deliveries WHERE id IN (SELECT id FROM channel_deliveries WHERE finished_at < ? ORDER BY id LIMIT ?)', [before, limit]),
    );
  }

  record(channel: Channel, owner: string, at: string, sends: readonly ChannelSendRecord[], outcomes: readonly ChannelItemOutcome[]): Promise<boolean> {
    return retriedTransaction(this.gate, async (session) => {
      if (!(await holdsLease(session, channel.id, owner))) return false;
      await recordOutcomes(session, channel.id, outcomes, at);
      for (const send of sends) await logSend(session, channel, 'items', send);
      return true;
    });
  }

  dueEvents(channel: Channel, now: string, limit: number): Promise<DueChannelEvent[]> {
    return this.gate.session(async (session) => {
      const rows = await session.all<EventRow>(
        `SELECT id, type, data, occurred_at, attempts FROM channel_events WHERE channel_id = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
        [channel.id, now, limit],
      );
      return rows.map((r) => ({
        id: String(r.id),
        type: r.type,
        occurredAt: r.occurred_at,
        data: JSON.parse(r.data) as Record<string, unknown>,
        attempts: Number(r.attempts),
      }));
    });
  }

  recordEvents(channel: Channel, owner: string, at: string, send: ChannelEventSendRecord): Promise<boolean> {
    return retriedTransaction(this.gate, async (session) => {
      if (!(await holdsLease(session, channel.id, owner))) return false;
      // A send holds at most a feed's batch (tens of events): one statement, one parameter per id.
      const sent = send.outcomes.filter((o) => o.kind === 'sent').map((o) => Number(o.eventId));
      if (sent.length > 0) {
        await session.run(`DELETE FROM channel_events WHERE channel_id = ? AND id IN (${sent.map(() => '?').join(', ')})`, [channel.id, ...sent]);
      }
      for (const o of send.outcomes) {
        if (o.kind === 'sent') continue;
        await session.run(`UPDATE channel_events SET state = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE channel_id = ? AND id = ?`, [
          o.kind === 'retry' ? 'pending' : 'dead',
          o.kind === 'retry' ? o.nextAttemptAt : at,
          o.error,
          channel.id,
          Number(o.eventId),
        ]);
      }
      await logSend(session, channel, 'events', send);
      return true;
    });
  }
}

interface EventRow {
  id: number | string;
  type: string;
  data: string;
  occurred_at: string;
  attempts: number | string;
}

async function holdsLease(session: SqlSession, channelId: string, owner: string): Promise<boolean> {
  const [lease] = await session.all<{ lease_owner: string | null }>('SELECT lease_owner FROM channels WHERE id = ?', [channelId]);
  return lease?.lease_owner === owner;
}

// The state an outcome leaves: an item marked again since it was claimed (another generation)
// stays pending, so its newer figure goes next; a retry fails whatever the generation.
const SENT_UPDATE = `UPDATE channel_items SET state = CASE WHEN generation <> ? THEN 'pending' ELSE 'synced' END,
  sent_quantity = ?, sent_unlimited = ?, sent_at = ?, attempts = 0, next_attempt_at = ?, last_error = NULL
  WHERE channel_id = ? AND item_id = ?`;
const RETRY_UPDATE = `UPDATE channel_items SET state = 'failing', attempts = attempts + 1, next_attempt_at = ?, last_error = ?
  WHERE channel_id = ? AND item_id = ?`;
const DEAD_UPDATE = `UPDATE channel_items SET state = CASE WHEN generation <> ? THEN 'pending' ELSE 'dead' END,
  attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE channel_id = ? AND item_id = ?`;

/**
 * On SQLite, one prepared update per item: a statement call costs no round trip there, and the
 * multi-row form (a `VALUES` table joined and a `CASE` per column) took twice as long per row.
 */
async function recordOutcomesOneByOne(session: SqlSession, channelId: string, outcomes: readonly ChannelItemOutcome[], at: string): Promise<void> {
  for (const o of outcomes) {
    if (o.kind === 'sent') {
      const unlimited = o.figure === 'unlimited';
      await session.run(SENT_UPDATE, [o.generation, unlimited ? null : o.figure, unlimited, at, at, channelId, o.itemId]);
    } else if (o.kind === 'retry') await session.run(RETRY_UPDATE, [o.nextAttemptAt, o.error, channelId, o.itemId]);
    else await session.run(DEAD_UPDATE, [o.generation, at, o.error, channelId, o.itemId]);
  }
}

async function recordOutcomes(session: SqlSession, channelId: string, outcomes: readonly ChannelItemOutcome[], at: string): Promise<void> {
  if (session.kind === 'sqlite') return recordOutcomesOneByOne(session, channelId, outcomes, at);
  const rows = outcomes.map((o) => [
    o.itemId,
    o.generation,
    o.kind,
    o.kind === 'sent' && o.figure !== 'unlimited' ? o.figure : null,
    o.kind === 'sent' && o.figure === 'unlimited',
    o.kind === 'retry' ? o.nextAttemptAt : at,
    o.kind === 'sent' ? null : o.error,
  ]);
  for (const chunk of chunksOf(session.kind, rows, OUTCOME_COLUMNS.length + 1)) {
    const source = rowsSource(session.kind, OUTCOME_COLUMNS, chunk);
    await session.run(
      `WITH v(${names(OUTCOME_COLUMNS)}) AS (${source.sql})
       UPDATE channel_items SET
         state = CASE WHEN v.kind = 'retry' THEN 'failing' WHEN channel_items.generation <> v.generation THEN 'pending' WHEN v.kind = 'sent' THEN 'synced' ELSE 'dead' END,
         sent_quantity = CASE WHEN v.kind = 'sent' THEN v.figure ELSE channel_items.sent_quantity END,
         sent_unlimited = CASE WHEN v.kind = 'sent' THEN v.unlimited ELSE channel_items.sent_unlimited END,
         sent_at = CASE WHEN v.kind = 'sent' THEN ? ELSE channel_items.sent_at END,
         attempts = CASE WHEN v.kind = 'sent' THEN 0 ELSE channel_items.attempts + 1 END,
         next_attempt_at = v.next_at, last_error = v.error
       FROM v WHERE channel_items.channel_id = ? AND channel_items.item_id = v.item_id`,
      [...source.params, at, channelId],
    );
  }
}

async function logSend(session: SqlSession, channel: Channel, subject: 'items' | 'events', send: ChannelSendRecord | ChannelEventSendRecord): Promise<void> {
  const outcomes: readonly { kind: 'sent' | 'retry' | 'dead'; error?: string }[] = send.outcomes;
  const count = (kind: 'sent' | 'retry' | 'dead') => outcomes.filter((o) => o.kind === kind).length;
  const sent = count('sent');
  await session.run(
    `INSERT INTO channel_deliveries (tenant_id, channel_id, started_at, finished_at, items, sent, retried, rejected, error, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [channel.tenantId, channel.id, send.startedAt, send.finishedAt, outcomes.length, sent, count('retry'), count('dead'), send.error, subject],
  );
  const failed = outcomes.find((o) => o.kind !== 'sent');
  const firstError = send.error ?? failed?.error ?? null;
  if (sent > 0) await session.run('UPDATE channels SET last_success_at = ? WHERE id = ?', [send.finishedAt, channel.id]);
  if (firstError !== null) await session.run('UPDATE channels SET last_error = ?, last_error_at = ? WHERE id = ?', [firstError, send.finishedAt, channel.id]);
}
