import { levelKeyString, type BatchState, type ConnectionRules, type LevelKey, type LocationRules, type StockLevel } from '@tally/inventory-domain';
import { chunksOf, columns, selectByKeys } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';
import { locationRulesOf, type LocationRulesRow } from './location-rules.sql';
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

const KEY_COLUMNS = columns('item_id:text', 'location_id:text');
const ID_COLUMN = columns('id:text');

/** The distinct keys; sorted when they are to be locked, so every writer locks in one order. */
export function distinctKeys(keys: readonly LevelKey[], sort: boolean): LevelKey[] {
  const unique = new Map<string, LevelKey>();
  for (const key of keys) unique.set(levelKeyString(key), { itemId: key.itemId, locationId: key.locationId });
  const list = [...unique.values()];
  if (!sort) return list;
  return list.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0));
}

/**
 * Loads the state a batch reconciles against, with one query per table per chunk of keys.
 * On PostgreSQL it first takes the locks: the locations' key-share locks (so a full refresh of
 * a location waits for in-flight writers there), then the level rows of every key, absent
 * levels included (see `lockLevels`). On SQLite the transaction already holds the database
 * write lock, and `rowids` learns where each loaded level is stored, for the save.
 */
export async function loadBatchState(session: SqlSession, tenantId: string, keys: readonly LevelKey[], rowids?: Map<string, number>): Promise<BatchState> {
  const pg = session.kind === 'postgresql';
  const sorted = distinctKeys(keys, pg);
  const keyRows = sorted.map((k) => [k.itemId, k.locationId]);
  const locations = await loadLocationRules(session, tenantId, [...new Set(sorted.map((k) => k.locationId))].sort());
  const levelRows = pg ? await lockLevels(session, tenantId, sorted) : await selectLevels(session, tenantId, sorted);
  const levels = new Map<string, StockLevel>();
  for (const row of levelRows) {
    const key = levelKeyString({ itemId: row.item_id, locationId: row.location_id });
    if (row.row_id !== undefined) rowids?.set(key, row.row_id);
    // Version 0 rows are absent levels: placeholders that earlier versions inserted only to lock them (ADR 0028).
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

// Locks the level rows of the keys, existing or not (ADR 0028): the existing rows with `FOR
// UPDATE`; for the missing ones, a transaction-scoped advisory lock per key, then the rows a
// writer that held one of those locks inserted and committed meanwhile. Each step goes in key
// order, and the common case (all levels exist) costs one statement. An absent level is locked
// without writing anything: the save then inserts it once, instead of updating a placeholder row.
async function lockLevels(session: SqlSession, tenantId: string, sorted: LevelKey[]): Promise<(LevelRow & { row_id?: number })[]> {
  const lock = (keys: LevelKey[]) =>
    selectByKeys<LevelRow>(
      session,
      KEY_COLUMNS,
      keys.map((k) => [k.itemId, k.locationId]),
      { ...LEVELS_OF_KEYS, lock: 'FOR UPDATE' },
      [tenantId],
    );
  const rows = await lock(sorted);
  const found = new Set(rows.map((r) => levelKeyString({ itemId: r.item_id, locationId: r.location_id })));
  const missing = sorted.filter((k) => !found.has(levelKeyString(k)));
  if (missing.length === 0) return rows;
  for (const chunk of chunksOf(session.kind, missing, 1)) {
    await session.all(ABSENT_LEVEL_LOCKS, [chunk.map((k) => absentLevelLockKey(tenantId, k))]);
  }
  return [...rows, ...(await lock(missing))];
}

// The text an absent level's advisory lock is hashed from (ids hold no `/`).
function absentLevelLockKey(tenantId: string, key: LevelKey): string {
  return `stock_levels/${tenantId}/${key.itemId}/${key.locationId}`;
}

// One lock per key, taken in the order given: the ordered subquery is not flattened, so the
// aggregate calls the lock function row by row in that order.
const ABSENT_LEVEL_LOCKS = `SELECT count(pg_advisory_xact_lock(s.h)) AS locked FROM
  (SELECT hashtextextended(u.k, 0) AS h, u.n FROM unnest(?::text[]) WITH ORDINALITY AS u(k, n) ORDER BY u.n) s`;

async function loadLocationRules(session: SqlSession, tenantId: string, ids: string[]): Promise<Map<string, LocationRules>> {
  const lock = session.kind === 'postgresql' ? 'FOR KEY SHARE' : undefined;
  const rows = await selectByKeys<LocationRulesRow>(
    session,
    ID_COLUMN,
    ids.map((id) => [id]),
    { select: 'l.id, l.policy, l.source_connection_id, l.priority_connection_ids', from: 'locations l', where: 'l.tenant_id = ? AND l.id = k.id', lock },
    [tenantId],
  );
  return new Map(rows.map((r) => [r.id, locationRulesOf(r)]));
}

// Every connection of the tenant, not only those that observed the places: the connection
// writing the batch may not have reported there yet, and its priority still counts.
// The priority is read out of the settings by the database: parsing every connection's whole
// settings here cost more than the rest of a single write's state (a tenant may have hundreds).
const PRIORITY_OF_SETTINGS = { sqlite: "json_extract(settings, '$.priority')", postgresql: "settings::jsonb ->> 'priority'" } as const;

// Per transaction (a session is one): no write changes a connection's priority or status, so the
// commands of a group share one read (ADR 0046).
const connectionRulesOfTransaction = new WeakMap<SqlSession, Promise<Map<string, ConnectionRules>>>();

function loadConnectionRules(session: SqlSession, tenantId: string): Promise<Map<string, ConnectionRules>> {
  let rules = connectionRulesOfTransaction.get(session);
  if (!rules) connectionRulesOfTransaction.set(session, (rules = readConnectionRules(session, tenantId)));
  return rules;
}

async function readConnectionRules(session: SqlSession, tenantId: string): Promise<Map<string, ConnectionRules>> {
  const rows = await session.all<{ id: string; priority: string | number | null; status: string }>(
    `SELECT id, ${PRIORITY_OF_SETTINGS[session.kind]} AS priority, status FROM connections WHERE tenant_id = ?`,
    [tenantId],
  );
  return new Map(
    rows.map((r) => {
      const priority = Number(r.priority ?? 0);
      return [r.id, { connectionId: r.id, priority: Number.isFinite(priority) ? priority : 0, active: r.status === 'active' }];
    }),
  );
}
