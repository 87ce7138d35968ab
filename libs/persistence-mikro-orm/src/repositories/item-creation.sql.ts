import type { Item, ItemReference, NewItem } from '@tally/inventory-application';
import { chunksOf, columns, names, rowsSource } from '../sql/bulk-sql';
import type { SqlScalar, SqlSession } from '../sql/sql-session';
import { lookupItems, referenceKey } from './item-lookup.sql';

const ITEM_INSERT = columns('id:text', 'tenant_id:text', 'sku:text', 'gtin:text', 'part_number:text', 'name:text', 'created_at:text');
const LINK_INSERT = columns('tenant_id:text', 'connection_id:text', 'external_id:text', 'item_id:text');

interface Candidate {
  readonly item: NewItem;
  readonly id: string;
  /** Identifiers of the row to insert: sku, gtin, part number. */
  identifiers: [string | null, string | null, string | null];
}

/** The row's identifiers, with the reference's own identifier always kept. */
function identifiersOf(n: NewItem): Candidate['identifiers'] {
  const ref = n.reference;
  return ['sku' in ref ? ref.sku : n.sku, 'gtin' in ref ? ref.gtin : n.gtin, 'partNumber' in ref ? ref.partNumber : n.partNumber];
}

/** Only the identifier the reference is made of: a clash on another one must not block it. */
function ownIdentifierOf(ref: ItemReference): Candidate['identifiers'] {
  return ['sku' in ref ? ref.sku : null, 'gtin' in ref ? ref.gtin : null, 'partNumber' in ref ? ref.partNumber : null];
}

async function insertIgnoring(
  session: SqlSession,
  sql: (source: string) => string,
  cols: ReturnType<typeof columns>,
  rows: SqlScalar[][],
): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for (const chunk of chunksOf(session.kind, rows, cols.length)) {
    const source = rowsSource(session.kind, cols, chunk);
    out.push(...(await session.all<Record<string, string>>(sql(source.sql), source.params)));
  }
  return out;
}

/**
 * Creates the items nobody knows yet, inside the caller's transaction, and answers one item
 * per input. Concurrent creators of one identifier end with the same item: inserts skip
 * conflicts and the answer is read back. An external id whose item already exists under the
 * new item's sku, gtin or part number is linked to that item.
 */
export async function createItems(
  session: SqlSession,
  tenantId: string,
  items: readonly NewItem[],
  at: string,
  newId: () => string,
): Promise<Item[]> {
  const refs = items.map((n) => n.reference);
  const known = await lookupItems(session, tenantId, refs);
  const missing = new Map<string, NewItem>();
  items.forEach((n, i) => {
    if (known[i].found) return;
    if ('itemId' in n.reference) throw new Error(`item ${n.reference.itemId} does not exist and cannot be created by id`);
    missing.set(referenceKey(n.reference), n);
  });
  if (missing.size === 0) return known.map((k) => (k as { item: Item }).item);

  const links = new Map<string, { ref: NewItem; itemId: string; created: boolean }>();
  const externals = [...missing.values()].filter((n) => 'external' in n.reference);
  const bySecondary = await lookupItems(session, tenantId, externals.map(secondaryReference));
  externals.forEach((n, i) => {
    const hit = bySecondary[i];
    if (hit.found) {
      links.set(referenceKey(n.reference), { ref: n, itemId: hit.item.id, created: false });
      missing.delete(referenceKey(n.reference));
    }
  });

  const candidates = [...missing.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]): Candidate => ({ item, id: newId(), identifiers: identifiersOf(item) }));
  const insert = (list: Candidate[]) =>
    insertIgnoring(
      session,
      (source) => `INSERT INTO items (${names(ITEM_INSERT)}) ${source} ON CONFLICT DO NOTHING RETURNING id`,
      ITEM_INSERT,
      list.map((c) => [c.id, tenantId, ...c.identifiers, c.item.name, at]),
    );
  const inserted = new Set((await insert(candidates)).map((r) => r.id));
  const clashed = candidates.filter((c) => !inserted.has(c.id));
  for (const c of clashed) c.identifiers = ownIdentifierOf(c.item.reference);
  if (clashed.length > 0) for (const row of await insert(clashed)) inserted.add(row.id);

  for (const c of candidates) {
    if ('external' in c.item.reference && inserted.has(c.id)) {
      links.set(referenceKey(c.item.reference), { ref: c.item, itemId: c.id, created: true });
    }
  }
  await linkExternalIds(session, tenantId, [...links.values()]);

  const answer = await lookupItems(session, tenantId, refs);
  return answer.map((lookup, i) => {
    if (!lookup.found) throw new Error(`item ${referenceKey(refs[i])} could not be created`);
    return lookup.item;
  });
}

function secondaryReference(n: NewItem): ItemReference {
  if (n.sku !== null) return { sku: n.sku };
  if (n.gtin !== null) return { gtin: n.gtin };
  if (n.partNumber !== null) return { partNumber: n.partNumber };
  // No identifier besides the external id: a reference that matches nothing.
  return { itemId: '' };
}

async function linkExternalIds(
  session: SqlSession,
  tenantId: string,
  links: { ref: NewItem; itemId: string; created: boolean }[],
): Promise<void> {
  if (links.length === 0) return;
  const rows = links.map((l) => {
    const { connectionId, externalId } = (l.ref.reference as { external: { connectionId: string; externalId: string } }).external;
    return [tenantId, connectionId, externalId, l.itemId];
  });
  const linked = await insertIgnoring(
    session,
    (source) => `INSERT INTO item_external_ids (${names(LINK_INSERT)}) ${source} ON CONFLICT DO NOTHING RETURNING item_id`,
    LINK_INSERT,
    rows,
  );
  // Another creator linked the same external id first: the item made for it here is an orphan.
  const kept = new Set(linked.map((r) => r.item_id));
  const orphans = links.filter((l) => l.created && !kept.has(l.itemId)).map((l) => l.itemId);
  for (const id of orphans) await session.run('DELETE FROM items WHERE tenant_id = ? AND id = ?', [tenantId, id]);
}
