import { identifierOf, type IdentifierAttachment, type NewItem } from '@tally/inventory-application';
import { chunksOf, names, rowsSource, type BulkColumn } from '../sql/bulk-sql';
import type { SqlScalar, SqlSession } from '../sql/sql-session';
import { compareKeys, findItemIds, storedKey } from './item-lookup.sql';
import { bulkColumns } from '../schema/schema.catalogue';

const ITEM_INSERT = bulkColumns('items', ['id', 'tenant_id', 'name', 'attributes', 'created_at']);
const IDENTIFIER_INSERT = bulkColumns('item_identifiers', ['tenant_id', 'kind', 'scope', 'value', 'item_id']);

async function insertReturning(
  session: SqlSession,
  sql: (source: string) => string,
  cols: readonly BulkColumn[],
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
 * Inserts identifier rows for items, skipping the ones another item already holds, in key
 * order (concurrent writers then wait on each other instead of deadlocking); answers the keys
 * inserted.
 */
async function insertIdentifiers(session: SqlSession, tenantId: string, rows: { key: [string, string, string]; itemId: string }[]): Promise<Set<string>> {
  const sorted = [...rows].sort((a, b) => compareKeys(a.key, b.key));
  const inserted = await insertReturning(
    session,
    (source) => `INSERT INTO item_identifiers (${names(IDENTIFIER_INSERT)}) ${source} ON CONFLICT DO NOTHING RETURNING kind, scope, value`,
    IDENTIFIER_INSERT,
    sorted.map((r) => [tenantId, ...r.key, r.itemId]),
  );
  return new Set(inserted.map((r) => `${r.kind}\u0000${r.scope}\u0000${r.value}`));
}

/**
 * Creates an item per input with all its identifiers, inside the caller's transaction, and
 * answers one item id per input. An identifier already held (found first, or inserted by a
 * concurrent creator meanwhile) decides the answer: the input's identifiers join the item
 * holding its first held identifier, and an item made here for it that lost the race is
 * deleted, so concurrent creators of the same identifiers end with one item.
 */
export async function createItems(session: SqlSession, tenantId: string, items: readonly NewItem[], at: string, newId: () => string): Promise<string[]> {
  const refs = items.flatMap((n) => n.identifiers);
  const found = await findItemIds(session, tenantId, refs);
  const holder = new Map<string, string>();
  refs.forEach((r, i) => found[i] !== null && holder.set(storedKey(identifierOf(r)).join('\u0000'), found[i] as string));

  const answers: string[] = [];
  const created: { id: string; keys: [string, string, string][] }[] = [];
  const rows: { key: [string, string, string]; itemId: string }[] = [];
  const itemRows: SqlScalar[][] = [];
  for (const n of items) {
    const keys = n.identifiers.map((r) => storedKey(identifierOf(r)));
    const existing = keys.map((k) => holder.get(k.join('\u0000'))).find((h) => h !== undefined);
    const id = existing ?? newId();
    if (!existing) {
      itemRows.push([id, tenantId, n.name, JSON.stringify(n.attributes ?? {}), at]);
      created.push({ id, keys });
    }
    for (const key of keys) {
      if (holder.has(key.join('\u0000'))) continue;
      holder.set(key.join('\u0000'), id);
      rows.push({ key, itemId: id });
    }
    answers.push(id);
  }
  if (itemRows.length) await insertReturning(session, (source) => `INSERT INTO items (${names(ITEM_INSERT)}) ${source} RETURNING id`, ITEM_INSERT, itemRows);
  const inserted = await insertIdentifiers(session, tenantId, rows);
  const lost = rows.filter((r) => !inserted.has(r.key.join('\u0000')));
  if (!lost.length) return answers;

  // Concurrent creators won some identifiers: each item made here that lost one joins the winner.
  const winners = await findItemIds(
    session,
    tenantId,
    lost.map((r) => refOfKey(r.key)),
  );
  const winnerOf = new Map(lost.map((r, i) => [r.key.join('\u0000'), winners[i]]));
  const replaced = new Map<string, string>();
  for (const c of created) {
    const winner = c.keys.map((k) => winnerOf.get(k.join('\u0000'))).find((w) => w !== undefined && w !== null && w !== c.id);
    if (!winner) continue;
    await session.run('UPDATE item_identifiers SET item_id = ? WHERE tenant_id = ? AND item_id = ?', [winner, tenantId, c.id]);
    await session.run('DELETE FROM items WHERE tenant_id = ? AND id = ?', [tenantId, c.id]);
    replaced.set(c.id, winner);
  }
  return answers.map((id) => replaced.get(id) ?? id);
}

/**
 * Gives identifiers to existing items, skipping the ones already held, and answers per
 * attachment the item that holds the identifier afterwards.
 */
export async function attachIdentifiers(session: SqlSession, tenantId: string, attachments: readonly IdentifierAttachment[]): Promise<string[]> {
  const rows = attachments.map((a) => ({ key: storedKey(identifierOf(a.reference)), itemId: a.itemId }));
  const unique = new Map(rows.map((r) => [r.key.join('\u0000'), r]));
  await insertIdentifiers(session, tenantId, [...unique.values()]);
  const holders = await findItemIds(
    session,
    tenantId,
    attachments.map((a) => a.reference),
  );
  return holders.map((h, i) => h ?? attachments[i].itemId);
}

function refOfKey([kind, scope, value]: [string, string, string]) {
  if (kind === 'external') return { external: { connectionId: scope, externalId: value } };
  if (kind === 'sku') return { sku: value };
  if (kind === 'gtin') return { gtin: value };
  return { partNumber: value };
}
