import {
  EMPTY_DETAILS,
  EMPTY_FIGURES,
  levelKeyString,
  type BatchState,
  type ConnectionRules,
  type LevelKey,
  type LocationPolicy,
  type LocationRules,
  type StockLevel,
} from '@tally/inventory-domain';
import { chunksOf, columns, names, rowsSource, selectByKeys } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';
import {
  DISCREPANCY_COLUMNS,
  discrepancyOf,
  LEVEL_COLUMNS,
  levelOf,
  OBSERVATION_COLUMNS,
  observationOf,
  type DiscrepancyRow,
  type LevelRow,
  type ObservationRow,
} from '../mapping/inventory-row.mapper';
import { stockDataJson } from '../mapping/stock-json.mapper';

const KEY_COLUMNS = columns('item_id:text', 'location_id:text');
const ID_COLUMN = columns('id:text');
const PLACEHOLDER_COLUMNS = columns(
  'tenant_id:text',
  'item_id:text',
  'location_id:text',
  'present:bool',
  'reserved:bigint',
  'version:int',
  'updated_at:text',
  'data:text',
);

/** The distinct keys; sorted when they are to be locked, so every writer locks in one order. */
export function distinctKeys(keys: readonly LevelKey[], sort: boolean): LevelKey[] {
  const unique = new Map<string, LevelKey>();
  for (const key of keys) unique.set(levelKeyString(key), { itemId: key.itemId, locationId: key.locationId });
  const list = [...unique.values()];
  if (!sort) return list;
  return list.sort((a, b) =>
    a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0,
  );
}

/**
 * Loads the state a batch reconciles against, with one query per table per chunk of keys.
 * On PostgreSQL it first takes the locks: the locations' key-share locks (so a full refresh of
 * a location waits for in-flight writers there), then the level rows of every key, absent
 * levels included (see `lockLevels`). On SQLite the transaction already holds the database
 * write lock, and `rowids` learns where each loaded level is stored, for the save.
 */
export async function loadBatchState(
  session: SqlSession,
  tenantId: string,
  keys: readonly LevelKey[],
  rowids?: Map<string, number>,
): Promise<BatchState> {
  const pg = session.kind === 'postgresql';
  const sorted = distinctKeys(keys, pg);
  const keyRows = sorted.map((k) => [k.itemId, k.locationId]);
  const locations = await loadLocationRules(session, tenantId, [...new Set(sorted.map((k) => k.locationId))].sort());
  const levelRows = pg ? await lockLevels(session, tenantId, sorted) : await selectLevels(session, tenantId, sorted);
  const levels = new Map<string, StockLevel>();
  for (const row of levelRows) {
    const key = levelKeyString({ itemId: row.item_id, locationId: row.location_id });
    if (row.row_id !== undefined) rowids?.set(key, row.row_id);
    // Placeholders (version 0) are absent levels: they exist only to be locked.
    if (Number(row.version) > 0) levels.set(key, levelOf(row));
  }
  const observationRows = await selectByKeys<ObservationRow>(
    session,
    KEY_COLUMNS,
    keyRows,
    { select: OBSERVATION_COLUMNS, from: 'observations o', where: 'o.tenant_id = ? AND o.item_id = k.item_id AND o.location_id = k.location_id' },
    [tenantId],
  );
  const discrepancyRows = await selectByKeys<DiscrepancyRow>(
    session,
    KEY_COLUMNS,
    keyRows,
    {
      select: DISCREPANCY_COLUMNS,
      from: 'discrepancies d',
      where: "d.tenant_id = ? AND d.item_id = k.item_id AND d.location_id = k.location_id AND d.status = 'open'",
    },
    [tenantId],
  );
  const connections = await loadConnectionRules(session, tenantId);
  return {
    levels,
    observations: observationRows.map(observationOf),
    openDiscrepancies: discrepancyRows.map(discrepancyOf),
    locations,
    connections,
  };
}

const LEVELS_OF_KEYS = {
  select: LEVEL_COLUMNS,
  from: 'stock_levels s',
  where: 's.tenant_id = ? AND s.item_id = k.item_id AND s.location_id = k.location_id',
};

function selectLevels(session: SqlSession, tenantId: string, keys: LevelKey[]): Promise<(LevelRow & { row_id: number })[]> {
  const keyRows = keys.map((k) => [k.itemId, k.locationId]);
  const lookup = { ...LEVELS_OF_KEYS, select: `${LEVEL_COLUMNS}, s.rowid AS row_id` };
  return selectByKeys<LevelRow & { row_id: number }>(session, KEY_COLUMNS, keyRows, lookup, [tenantId]);
}

// Locks the level rows of the keys, existing or not: existing rows first (`FOR UPDATE`), then
// placeholders for the missing ones (an inserted row is locked by its transaction), then the
// rows a concurrent writer inserted first. Each step goes in key order, and the common case (all
// levels exist) costs one statement.
async function lockLevels(session: SqlSession, tenantId: string, sorted: LevelKey[]): Promise<(LevelRow & { row_id?: number })[]> {
  const lock = (keys: LevelKey[]) =>
    selectByKeys<LevelRow>(session, KEY_COLUMNS, keys.map((k) => [k.itemId, k.locationId]), { ...LEVELS_OF_KEYS, lock: 'FOR UPDATE' }, [tenantId]);
  const rows = await lock(sorted);
  const found = new Set(rows.map((r) => levelKeyString({ itemId: r.item_id, locationId: r.location_id })));
  const missing = sorted.filter((k) => !found.has(levelKeyString(k)));
  if (missing.length === 0) return rows;
  const now = new Date().toISOString();
  const empty = stockDataJson(EMPTY_FIGURES, EMPTY_DETAILS);
  const inserted = new Set<string>();
  for (const chunk of chunksOf(session.kind, missing, PLACEHOLDER_COLUMNS.length)) {
    const source = rowsSource(
      session.kind,
      PLACEHOLDER_COLUMNS,
      chunk.map((k) => [tenantId, k.itemId, k.locationId, false, 0, 0, now, empty]),
    );
    const insertedRows = await session.all<{ item_id: string; location_id: string }>(
      `INSERT INTO stock_levels (${names(PLACEHOLDER_COLUMNS)}) ${source.sql}
       ON CONFLICT (tenant_id, item_id, location_id) DO NOTHING RETURNING item_id, location_id`,
      source.params,
    );
    for (const row of insertedRows) inserted.add(levelKeyString({ itemId: row.item_id, locationId: row.location_id }));
  }
  // Placeholders inserted here are absent levels: nothing to read back.
  const raced = missing.filter((k) => !inserted.has(levelKeyString(k)));
  return raced.length > 0 ? [...rows, ...(await lock(raced))] : rows;
}

async function loadLocationRules(session: SqlSession, tenantId: string, ids: string[]): Promise<Map<string, LocationRules>> {
  const lock = session.kind === 'postgresql' ? 'FOR KEY SHARE' : undefined;
  const rows = await selectByKeys<{ id: string; policy: string; source_connection_id: string | null }>(
    session,
    ID_COLUMN,
    ids.map((id) => [id]),
    { select: 'l.id, l.policy, l.source_connection_id', from: 'locations l', where: 'l.tenant_id = ? AND l.id = k.id', lock },
    [tenantId],
  );
  return new Map(
    rows.map((r) => [r.id, { locationId: r.id, policy: r.policy as LocationPolicy, sourceConnectionId: r.source_connection_id }]),
  );
}

// Every connection of the tenant, not only those that observed the places: the connection
// writing the batch may not have reported there yet, and its priority still counts.
async function loadConnectionRules(session: SqlSession, tenantId: string): Promise<Map<string, ConnectionRules>> {
  const rows = await session.all<{ id: string; settings: string }>('SELECT id, settings FROM connections WHERE tenant_id = ?', [tenantId]);
  return new Map(
    rows.map((r) => {
      const priority = Number((JSON.parse(r.settings) as { priority?: unknown }).priority ?? 0);
      return [r.id, { connectionId: r.id, priority: Number.isFinite(priority) ? priority : 0 }];
    }),
  );
}
