import type { Item, ItemLookup, ItemReference } from '@tally/inventory-application';
import { columns, selectByKeys } from '../sql/bulk-sql';
import type { SqlSession } from '../sql/sql-session';

/** An `items` row. */
export interface ItemRow {
  id: string;
  tenant_id: string;
  sku: string | null;
  gtin: string | null;
  part_number: string | null;
  name: string | null;
  created_at: string;
}

/** The columns of an {@link ItemRow}, from alias `i`. */
export const ITEM_COLUMNS = 'i.id, i.tenant_id, i.sku, i.gtin, i.part_number, i.name, i.created_at';

/** Maps an `items` row. */
export const itemOfRow = (r: ItemRow): Item => ({
  id: r.id,
  tenantId: r.tenant_id,
  sku: r.sku,
  gtin: r.gtin,
  partNumber: r.part_number,
  name: r.name,
  createdAt: r.created_at,
});

const VALUE = columns('v:text');
const EXTERNAL = columns('connection_id:text', 'external_id:text');
const SIMPLE_KINDS = [
  ['itemId', 'id'],
  ['sku', 'sku'],
  ['gtin', 'gtin'],
  ['partNumber', 'part_number'],
] as const;

/** A stable string of a reference, to merge equal references. */
export function referenceKey(ref: ItemReference): string {
  if ('itemId' in ref) return `id:${ref.itemId}`;
  if ('sku' in ref) return `sku:${ref.sku}`;
  if ('gtin' in ref) return `gtin:${ref.gtin}`;
  if ('partNumber' in ref) return `part:${ref.partNumber}`;
  return `ext:${ref.external.connectionId}\u0000${ref.external.externalId}`;
}

/**
 * Looks up many references with one query per identifier kind (per chunk), answering one
 * lookup per reference, in order.
 */
export async function lookupItems(session: SqlSession, tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]> {
  const found = new Map<string, Item>();
  for (const [kind, column] of SIMPLE_KINDS) {
    const values = [...new Set(references.flatMap((r) => (kind in r ? [(r as Record<string, string>)[kind]] : [])))];
    if (values.length === 0) continue;
    const rows = await selectByKeys<ItemRow>(
      session,
      VALUE,
      values.map((v) => [v]),
      { select: ITEM_COLUMNS, from: 'items i', where: `i.tenant_id = ? AND i.${column} = k.v` },
      [tenantId],
    );
    const prefix = kind === 'itemId' ? 'id' : kind === 'partNumber' ? 'part' : kind;
    for (const row of rows) {
      const value = kind === 'itemId' ? row.id : kind === 'partNumber' ? row.part_number : row[kind];
      found.set(`${prefix}:${value}`, itemOfRow(row));
    }
  }
  const externals = references.flatMap((r) => ('external' in r ? [[r.external.connectionId, r.external.externalId]] : []));
  if (externals.length > 0) {
    const rows = await selectByKeys<ItemRow & { connection_id: string; external_id: string }>(
      session,
      EXTERNAL,
      externals,
      {
        select: `e.connection_id, e.external_id, ${ITEM_COLUMNS}`,
        from: 'item_external_ids e JOIN items i ON i.id = e.item_id',
        where: 'e.tenant_id = ? AND e.connection_id = k.connection_id AND e.external_id = k.external_id',
      },
      [tenantId],
    );
    for (const row of rows) found.set(`ext:${row.connection_id}\u0000${row.external_id}`, itemOfRow(row));
  }
  return references.map((ref) => {
    const item = found.get(referenceKey(ref));
    return item ? { found: true, item } : { found: false };
  });
}
