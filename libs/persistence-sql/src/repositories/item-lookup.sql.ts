import {
  firstOfEachKind,
  identifierOf,
  type IdentifierReference,
  type Item,
  type ItemIdentifier,
  type ItemIdentifierKind,
  type ItemReference,
} from '@tally/inventory-application';
import { columns, selectByKeys } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';
import { selectList } from '../schema/schema.catalogue';

/** An `items` row. */
export interface ItemRow {
  id: string;
  tenant_id: string;
  name: string | null;
  attributes: string | null;
  created_at: string;
}

/** An `item_identifiers` row. */
export interface IdentifierRow {
  kind: string;
  scope: string;
  value: string;
  item_id: string;
}

/** The columns of an {@link ItemRow}, from alias `i`. */
export const ITEM_COLUMNS = selectList('items', 'i', ['id', 'tenant_id', 'name', 'attributes', 'created_at']);

const ID_KEY = columns('v:text');
/** The key of an identifier row: its kind, its scope (connection of an external id, else '') and value. */
export const IDENTIFIER_KEY = columns('kind:text', 'scope:text', 'value:text');

/** The stored key of an identifier. */
export function storedKey(identifier: ItemIdentifier): [string, string, string] {
  return [identifier.kind, identifier.connectionId ?? '', identifier.value];
}

/** The identifier of a stored row. */
export function identifierOfRow(r: Pick<IdentifierRow, 'kind' | 'scope' | 'value'>): ItemIdentifier {
  return { kind: r.kind as ItemIdentifierKind, value: r.value, connectionId: r.kind === 'external' ? r.scope : null };
}

const keyString = (kind: string, scope: string, value: string): string => `${kind}\u0000${scope}\u0000${value}`;

/** Maps an `items` row and its identifiers. */
export const itemOfRow = (r: ItemRow, identifiers: readonly ItemIdentifier[]): Item => ({
  id: r.id,
  tenantId: r.tenant_id,
  ...firstOfEachKind(identifiers),
  name: r.name,
  createdAt: r.created_at,
  identifiers,
  attributes: r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : {},
});

/**
 * The id of the item each reference names, or null, with one query per chunk for identifiers
 * and one for Tally ids; an absorbed item's id answers the item it was merged into.
 */
export async function findItemIds(session: SqlSession, tenantId: string, references: readonly ItemReference[]): Promise<(string | null)[]> {
  const ids = [...new Set(references.flatMap((r) => ('itemId' in r ? [r.itemId] : [])))];
  const byId = new Map<string, string>();
  if (ids.length) {
    const rows = await selectByKeys<{ id: string; holder: string }>(
      session,
      ID_KEY,
      ids.map((v) => [v]),
      { select: 'i.id, coalesce(i.merged_into, i.id) AS holder', from: 'items i', where: 'i.tenant_id = ? AND i.id = k.v' },
      [tenantId],
    );
    for (const row of rows) byId.set(row.id, row.holder);
  }
  const keys = new Map<string, [string, string, string]>();
  for (const r of references) {
    if ('itemId' in r) continue;
    const key = storedKey(identifierOf(r as IdentifierReference));
    keys.set(keyString(...key), key);
  }
  const held = new Map<string, string>();
  if (keys.size) {
    const rows = await selectByKeys<IdentifierRow>(
      session,
      IDENTIFIER_KEY,
      [...keys.values()],
      {
        select: 'x.kind, x.scope, x.value, x.item_id',
        from: 'item_identifiers x',
        where: 'x.tenant_id = ? AND x.kind = k.kind AND x.scope = k.scope AND x.value = k.value',
      },
      [tenantId],
    );
    for (const row of rows) held.set(keyString(row.kind, row.scope, row.value), row.item_id);
  }
  return references.map((r) => {
    if ('itemId' in r) return byId.get(r.itemId) ?? null;
    return held.get(keyString(...storedKey(identifierOf(r as IdentifierReference)))) ?? null;
  });
}

/** The identifiers of these items, in a stable order (kind, scope, value). */
export async function identifiersOfItems(session: SqlSession, tenantId: string, itemIds: readonly string[]): Promise<Map<string, ItemIdentifier[]>> {
  const out = new Map<string, ItemIdentifier[]>(itemIds.map((id) => [id, []]));
  if (!itemIds.length) return out;
  const rows = await selectByKeys<IdentifierRow>(
    session,
    ID_KEY,
    [...new Set(itemIds)].map((v) => [v]),
    { select: 'x.kind, x.scope, x.value, x.item_id', from: 'item_identifiers x', where: 'x.tenant_id = ? AND x.item_id = k.v' },
    [tenantId],
  );
  rows.sort((a, b) => compareKeys([a.kind, a.scope, a.value], [b.kind, b.scope, b.value]));
  for (const row of rows) out.get(row.item_id)?.push(identifierOfRow(row));
  return out;
}

/** Live (not merged) items by id, with their identifiers: two queries per chunk. */
export async function loadItems(session: SqlSession, tenantId: string, itemIds: readonly string[]): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  if (!itemIds.length) return out;
  const rows = await selectByKeys<ItemRow>(
    session,
    ID_KEY,
    [...new Set(itemIds)].map((v) => [v]),
    { select: ITEM_COLUMNS, from: 'items i', where: 'i.tenant_id = ? AND i.id = k.v AND i.merged_into IS NULL' },
    [tenantId],
  );
  const identifiers = await identifiersOfItems(
    session,
    tenantId,
    rows.map((r) => r.id),
  );
  for (const row of rows) out.set(row.id, itemOfRow(row, identifiers.get(row.id) ?? []));
  return out;
}

/** Orders stored identifier keys field by field. */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
