import type { ItemIdentifier, ItemOverviewFacts, OverviewLevel } from '@tally/inventory-application';
import type { ChannelItemOverride } from '@tally/inventory-domain';
import { inIds } from '../channels/channel-item-facts.sql';
import { overrideOf, type OverrideRow } from '../channels/channel-row.mapper';
import { bool } from '../mapping/inventory-row.mapper';
import { parseStockData } from '../mapping/stock-json.mapper';
import { identifierOfRow } from '../repositories/item-lookup.sql';
import type { SqlSession, SqlValue } from '../sql/sql-session';

/** A `stock_levels` row as the overview reads it: what availability needs, nothing more. */
interface LevelRow {
  item_id: string;
  location_id: string;
  present: boolean | number;
  data: string;
  updated_at: string;
}

/** What the database narrows the overview by; the rest is the application's rules. */
export interface OverviewScope {
  readonly locationId?: string;
  readonly connectionId?: string;
  readonly channelId?: string;
}

const LEVEL_SELECT = 'SELECT s.item_id, s.location_id, s.present, s.data, s.updated_at FROM stock_levels s';

/**
 * The facts of every live item of the tenant in scope, in a fixed number of whole-tenant reads
 * (items, levels, identifiers, open discrepancies, and the connection's or channel's rows when
 * filtered): each walks an index that leads with the tenant, never one query per item. Without
 * `withLevels` the levels are not read (every item's `levels` is empty; the location scope then
 * needs them and is refused).
 */
export async function readOverviewFacts(session: SqlSession, tenantId: string, scope: OverviewScope, withLevels = true): Promise<ItemOverviewFacts[]> {
  if (!withLevels && scope.locationId !== undefined) throw new Error('a location scope needs the levels');
  const items = await session.all<{ id: string; name: string | null; created_at: string }>(
    'SELECT i.id, i.name, i.created_at FROM items i WHERE i.tenant_id = ? AND i.merged_into IS NULL',
    [tenantId],
  );
  const levelParams: SqlValue[] = [tenantId];
  let levelWhere = 's.tenant_id = ? AND s.version > 0';
  if (scope.locationId !== undefined) {
    levelWhere += ' AND s.location_id = ?';
    levelParams.push(scope.locationId);
  }
  const levelRows = withLevels ? await session.all<LevelRow>(`${LEVEL_SELECT} WHERE ${levelWhere}`, levelParams) : [];
  const identifierRows = await session.all<{ item_id: string; kind: string; scope: string; value: string }>(
    'SELECT item_id, kind, scope, value FROM item_identifiers WHERE tenant_id = ? ORDER BY item_id, kind, scope, value',
    [tenantId],
  );
  const open = await openDiscrepancyItems(session, tenantId);
  const reported = scope.connectionId === undefined ? null : await connectionItems(session, tenantId, scope.connectionId);
  const overrides = scope.channelId === undefined ? new Map<string, ChannelItemOverride>() : await channelOverrides(session, tenantId, scope.channelId);

  const levels = groupBy(levelRows, (r) => r.item_id, overviewLevelOf);
  const identifiers = groupBy(
    identifierRows,
    (r) => r.item_id,
    (r): ItemIdentifier => identifierOfRow(r),
  );
  return items
    .filter((i) => (scope.locationId === undefined || levels.has(i.id)) && (reported === null || reported.has(i.id)))
    .map((i) => ({
      itemId: i.id,
      name: i.name,
      createdAt: i.created_at,
      identifiers: identifiers.get(i.id) ?? [],
      levels: levels.get(i.id) ?? [],
      openDiscrepancy: open.has(i.id),
      override: overrides.get(i.id) ?? null,
    }));
}

/** Every level of these items (at most a page of them), by item. */
export async function readLevelsOf(session: SqlSession, tenantId: string, itemIds: readonly string[]): Promise<Map<string, OverviewLevel[]>> {
  if (itemIds.length === 0) return new Map();
  const list = inIds(session.kind, 's.item_id', itemIds);
  const rows = await session.all<LevelRow>(`${LEVEL_SELECT} WHERE s.tenant_id = ? AND ${list.sql} AND s.version > 0`, [tenantId, ...list.params]);
  return groupBy(rows, (r) => r.item_id, overviewLevelOf);
}

const overviewLevelOf = (r: LevelRow): OverviewLevel => ({
  locationId: r.location_id,
  present: bool(r.present),
  figures: parseStockData(r.data).figures,
  updatedAt: r.updated_at,
});

/** Items with an open stock discrepancy, or in an open identity discrepancy (either side). */
export async function openDiscrepancyItems(session: SqlSession, tenantId: string): Promise<Set<string>> {
  const stock = await session.all<{ item_id: string }>(`SELECT DISTINCT item_id FROM discrepancies WHERE tenant_id = ? AND status = 'open'`, [tenantId]);
  const identity = await session.all<{ item_a: string; item_b: string }>(
    `SELECT item_a, item_b FROM identity_discrepancies WHERE tenant_id = ? AND status = 'open'`,
    [tenantId],
  );
  return new Set([...stock.map((r) => r.item_id), ...identity.flatMap((r) => [r.item_a, r.item_b])]);
}

/** Items a connection reported (an observation) or names (an external id of its own). */
async function connectionItems(session: SqlSession, tenantId: string, connectionId: string): Promise<Set<string>> {
  const rows = await session.all<{ item_id: string }>(
    `SELECT o.item_id FROM observations o WHERE o.tenant_id = ? AND o.connection_id = ?
     UNION SELECT x.item_id FROM item_identifiers x WHERE x.tenant_id = ? AND x.kind = 'external' AND x.scope = ?`,
    [tenantId, connectionId, tenantId, connectionId],
  );
  return new Set(rows.map((r) => r.item_id));
}

async function channelOverrides(session: SqlSession, tenantId: string, channelId: string): Promise<Map<string, ChannelItemOverride>> {
  const rows = await session.all<OverrideRow>(
    'SELECT item_id, rules, fixed, excluded, updated_at FROM channel_overrides WHERE tenant_id = ? AND channel_id = ?',
    [tenantId, channelId],
  );
  return new Map(rows.map((r) => [r.item_id, overrideOf(r)]));
}

function groupBy<R, T>(rows: readonly R[], keyOf: (row: R) => string, map: (row: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(map(row));
  }
  return out;
}
