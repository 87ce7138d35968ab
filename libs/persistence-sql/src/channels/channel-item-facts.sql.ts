import type { ChannelItemFacts, Page, PageRequest } from '@tally/inventory-application';
import type { ChannelItemOverride } from '@tally/inventory-domain';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import { LEVEL_COLUMNS, levelOf, type LevelRow } from '../mapping/inventory-row.mapper';
import { identifierOfRow } from '../repositories/item-lookup.sql';
import type { DatabaseKind, SqlSession, SqlValue } from '../sql/sql-session';
import { overrideOf, SYNC_COLUMNS, syncOf, type OverrideRow, type SyncRow } from './channel-row.mapper';

/** `column IN (...)` of a list of ids: one array parameter on PostgreSQL, one parameter per id on SQLite. */
export function inIds(kind: DatabaseKind, column: string, ids: readonly string[]): { sql: string; params: SqlValue[] } {
  if (kind === 'postgresql') return { sql: `${column} = ANY(?::text[])`, params: [ids] };
  return { sql: `${column} IN (${ids.map(() => '?').join(', ')})`, params: [...ids] };
}

interface ItemRow {
  id: string;
  name: string | null;
  changed_at: string | null;
}

/**
 * Items with at least one level, by id, with what a channel's figure of each depends on: its
 * levels, identifiers, the channel's override and the item's sync state on the channel.
 */
export async function readItemFacts(
  session: SqlSession,
  tenantId: string,
  channelId: string,
  filter: { changedSince: string | null; itemIds?: readonly string[] },
  page: PageRequest,
): Promise<Page<ChannelItemFacts>> {
  if (filter.itemIds) return { items: await readSendFacts(session, tenantId, channelId, filter.itemIds), nextCursor: null };
  const after = decodeCursor(page.cursor, ['string']);
  const params: SqlValue[] = [tenantId];
  let where = 'i.tenant_id = ? AND i.merged_into IS NULL';
  if (after) {
    where += ' AND i.id > ?';
    params.push(String(after[0]));
  }
  const having = filter.changedSince === null ? '' : 'HAVING MAX(s.updated_at) >= ?';
  if (filter.changedSince !== null) params.push(filter.changedSince);
  params.push(fetchSize(page));
  const rows = await session.all<ItemRow>(
    `SELECT i.id, i.name, MAX(s.updated_at) AS changed_at FROM items i
     JOIN stock_levels s ON s.tenant_id = i.tenant_id AND s.item_id = i.id
     WHERE ${where} GROUP BY i.id, i.name ${having} ORDER BY i.id LIMIT ?`,
    params,
  );
  const ids = rows.map((r) => r.id);
  const details = await readDetails(session, tenantId, channelId, ids);
  const facts = (r: ItemRow): ChannelItemFacts => ({
    itemId: r.id,
    name: r.name,
    changedAt: r.changed_at,
    identifiers: details.identifiers.get(r.id) ?? [],
    levels: details.levels.get(r.id) ?? [],
    override: details.overrides.get(r.id) ?? null,
    sync: details.syncs.get(r.id) ?? null,
  });
  return pageFrom(rows, page, (r) => [r.id], facts);
}

/**
 * The facts of the named items as the dispatcher needs them at send time: levels, identifiers and
 * the override, without the change time and sync state it does not use (it claimed the items with
 * their state). An item without levels, or merged away, is left out.
 */
async function readSendFacts(session: SqlSession, tenantId: string, channelId: string, itemIds: readonly string[]): Promise<ChannelItemFacts[]> {
  if (itemIds.length === 0) return [];
  const list = inIds(session.kind, 'i.id', itemIds);
  // Without statistics SQLite guesses that a tenant holds about ten items and walks the tenant's
  // index (every item it has) instead of looking the ids up: the unary plus takes that index out.
  const tenant = session.kind === 'sqlite' ? '+i.tenant_id' : 'i.tenant_id';
  const rows = await session.all<{ id: string; name: string | null }>(
    `SELECT i.id, i.name FROM items i WHERE ${list.sql} AND ${tenant} = ? AND i.merged_into IS NULL ORDER BY i.id`,
    [...list.params, tenantId],
  );
  const details = await readDetails(
    session,
    tenantId,
    channelId,
    rows.map((r) => r.id),
    false,
  );
  return rows
    .filter((r) => details.levels.has(r.id))
    .map((r) => ({
      itemId: r.id,
      name: r.name,
      changedAt: null,
      identifiers: details.identifiers.get(r.id) ?? [],
      levels: details.levels.get(r.id) ?? [],
      override: details.overrides.get(r.id) ?? null,
      sync: null,
    }));
}

async function readDetails(session: SqlSession, tenantId: string, channelId: string, ids: readonly string[], withSync = true) {
  const levels = new Map<string, ChannelItemFacts['levels'][number][]>();
  const identifiers = new Map<string, ChannelItemFacts['identifiers'][number][]>();
  const overrides = new Map<string, ChannelItemOverride>();
  const syncs = new Map<string, NonNullable<ChannelItemFacts['sync']>>();
  if (ids.length === 0) return { levels, identifiers, overrides, syncs };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => (map.get(key) ?? map.set(key, []).get(key))?.push(value);
  const byItem = inIds(session.kind, 's.item_id', ids);
  for (const row of await session.all<LevelRow>(`SELECT ${LEVEL_COLUMNS} FROM stock_levels s WHERE s.tenant_id = ? AND ${byItem.sql}`, [
    tenantId,
    ...byItem.params,
  ])) {
    push(levels, row.item_id, levelOf(row));
  }
  const byIdentifier = inIds(session.kind, 'x.item_id', ids);
  // Ordered by item first: ordered by kind and value alone, SQLite walks every identifier of the
  // tenant in primary-key order instead of looking the items up by the (tenant_id, item_id) index.
  const identifierRows = await session.all<{ item_id: string; kind: string; scope: string; value: string }>(
    `SELECT x.item_id, x.kind, x.scope, x.value FROM item_identifiers x WHERE x.tenant_id = ? AND ${byIdentifier.sql} ORDER BY x.item_id, x.kind, x.value`,
    [tenantId, ...byIdentifier.params],
  );
  for (const row of identifierRows) push(identifiers, row.item_id, identifierOfRow(row));
  const byOverride = inIds(session.kind, 'o.item_id', ids);
  const overrideRows = await session.all<OverrideRow>(
    `SELECT o.item_id, o.rules, o.fixed, o.excluded, o.updated_at FROM channel_overrides o WHERE o.channel_id = ? AND ${byOverride.sql}`,
    [channelId, ...byOverride.params],
  );
  for (const row of overrideRows) overrides.set(row.item_id, overrideOf(row));
  if (!withSync) return { levels, identifiers, overrides, syncs };
  const bySync = inIds(session.kind, 'ci.item_id', ids);
  for (const row of await session.all<SyncRow>(`SELECT ${SYNC_COLUMNS} FROM channel_items ci WHERE ci.channel_id = ? AND ${bySync.sql}`, [
    channelId,
    ...bySync.params,
  ])) {
    syncs.set(row.item_id, syncOf(row));
  }
  return { levels, identifiers, overrides, syncs };
}
