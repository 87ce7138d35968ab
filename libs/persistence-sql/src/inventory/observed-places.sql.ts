import type { LevelKey } from '@tally/inventory-domain';
import { chunksOf } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';

/**
 * The places where a connection has a present observation of one of the items, in item then
 * location order. One statement per chunk of items, driven by the connection's observations
 * (the primary key's prefix) with the items as a set: no index leads with the item.
 */
export async function selectObservedPlaces(session: SqlSession, tenantId: string, connectionId: string, sortedItemIds: readonly string[]): Promise<LevelKey[]> {
  const out: LevelKey[] = [];
  // Width 2: room for the statement's own parameters under SQLite's binding limit.
  for (const chunk of chunksOf(session.kind, sortedItemIds, 2)) {
    const items = session.kind === 'postgresql' ? '= ANY(?::text[])' : `IN (${chunk.map(() => '?').join(', ')})`;
    const rows = await session.all<{ item_id: string; location_id: string }>(
      `SELECT item_id, location_id FROM observations
       WHERE tenant_id = ? AND connection_id = ? AND present = ? AND item_id ${items} ORDER BY item_id, location_id`,
      [tenantId, connectionId, true, ...(session.kind === 'postgresql' ? [chunk] : chunk)],
    );
    for (const row of rows) out.push({ itemId: row.item_id, locationId: row.location_id });
  }
  return out;
}

/**
 * PostgreSQL: takes a transaction-scoped advisory lock per (connection, item), in the order
 * given (sorted), so snapshots of the same items by the same connection serialize. They are
 * taken before any level lock, in one order for every snapshot, so they cannot deadlock.
 */
export async function lockSnapshotItems(session: SqlSession, tenantId: string, connectionId: string, sortedItemIds: readonly string[]): Promise<void> {
  for (const chunk of chunksOf(session.kind, sortedItemIds, 1)) {
    await session.all(SNAPSHOT_LOCKS, [chunk.map((itemId) => `snapshot/${tenantId}/${connectionId}/${itemId}`)]);
  }
}

// As the absent-level locks (ADR 0028): the ordered subquery is not flattened, so the aggregate
// takes the locks row by row in the order given.
const SNAPSHOT_LOCKS = `SELECT count(pg_advisory_xact_lock(s.h)) AS locked FROM
  (SELECT hashtextextended(u.k, 0) AS h, u.n FROM unnest(?::text[]) WITH ORDINALITY AS u(k, n) ORDER BY u.n) s`;
