import type { StoredLedgerEntry } from '@tally/inventory-application';
import type { StockLevel } from '@tally/inventory-domain';
import { ledgerEntryOf, levelOf, type LedgerRow, type LevelRow } from '../mapping/inventory-row.mapper';
import type { SqlValue } from '../sql/sql-session';

/** One place of a verification page: its key, its level columns and its last ledger entry's. */
export type PlaceRow = { key_item_id: string; key_location_id: string } & {
  [K in keyof LevelRow as `level_${K}`]: LevelRow[K] | null;
} & { [K in keyof LedgerRow]: LedgerRow[K] | null };

/**
 * One statement, so level and last entry come from the same snapshot: the next `limit`
 * places after the cursor that have a written level or a ledger entry, each with both.
 * Places go location by location: both arms walk their (tenant, location, item) index (the
 * levels' location index, the ledger's place index) and stop after `limit` places.
 */
export function levelsWithLastEntrySql(tenantId: string, afterLocation: string, afterItem: string, limit: number): { sql: string; params: SqlValue[] } {
  const after = '(location_id > ? OR (location_id = ? AND item_id > ?))';
  return {
    sql: `WITH places AS (
        SELECT item_id, location_id FROM (
          SELECT item_id, location_id FROM stock_levels WHERE tenant_id = ? AND version > 0 AND ${after}
          ORDER BY location_id, item_id LIMIT ?) a
        UNION
        SELECT item_id, location_id FROM (
          SELECT DISTINCT item_id, location_id FROM ledger_entries WHERE tenant_id = ? AND ${after}
          ORDER BY location_id, item_id LIMIT ?) b
      ), page AS (SELECT item_id, location_id FROM places ORDER BY location_id, item_id LIMIT ?)
      SELECT p.item_id AS key_item_id, p.location_id AS key_location_id,
        s.item_id AS level_item_id, s.location_id AS level_location_id, s.present AS level_present,
        s.version AS level_version, s.source_timestamp AS level_source_timestamp, s.data AS level_data,
        l.seq, l.item_id, l.location_id, l.connection_id, l.cause, l.actor, l.reference, l.source_timestamp,
        l.recorded_at, l.version_after, l.lines, l.before_snapshot, l.after_snapshot
      FROM page p
      LEFT JOIN stock_levels s ON s.tenant_id = ? AND s.item_id = p.item_id AND s.location_id = p.location_id AND s.version > 0
      LEFT JOIN ledger_entries l ON l.seq = (
        SELECT max(m.seq) FROM ledger_entries m WHERE m.tenant_id = ? AND m.item_id = p.item_id AND m.location_id = p.location_id)
      ORDER BY p.location_id, p.item_id`,
    params: [tenantId, afterLocation, afterLocation, afterItem, limit, tenantId, afterLocation, afterLocation, afterItem, limit, limit, tenantId, tenantId],
  };
}

/** Maps a {@link PlaceRow} to the level (or null) and last entry (or null) of its place. */
export function placeWithLastEntryOf(row: PlaceRow): { level: StockLevel | null; lastEntry: StoredLedgerEntry | null } {
  const level =
    row.level_item_id === null
      ? null
      : levelOf({
          item_id: row.level_item_id,
          location_id: row.level_location_id as string,
          present: row.level_present as boolean | number,
          version: row.level_version as number,
          source_timestamp: row.level_source_timestamp,
          data: row.level_data as string,
        });
  return { level, lastEntry: row.seq === null ? null : ledgerEntryOf(row as LedgerRow) };
}
