import {
  ItemRepository,
  type IdGenerator,
  type IdentifierAttachment,
  type Item,
  type ItemIdentifier,
  type ItemLookup,
  type ItemReference,
  type NewItem,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import type { SqlGate } from '../sql/sql-gate';
import { SqlText } from '../sql/sql-text';
import { retriedTransaction } from '../inventory/retry.policy';
import { attachIdentifiers, createItems } from './item-creation.sql';
import { ITEM_COLUMNS, findItemIds, identifiersOfItems, itemOfRow, loadItems, storedKey, type ItemRow } from './item-lookup.sql';

/** `%query%` for LIKE, with the wildcards of the query itself escaped. */
const containsPattern = (query: string): string => `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Items and their identifiers (`item_identifiers`, ADR 0029), in batched SQL: lookups and
 * creation sit on the path of every vendor batch.
 */
export class SqlItemRepository extends ItemRepository {
  constructor(
    private readonly gate: SqlGate,
    private readonly ids: IdGenerator,
  ) {
    super();
  }

  findItemIds(tenantId: string, references: readonly ItemReference[]): Promise<(string | null)[]> {
    return this.gate.session((session) => findItemIds(session, tenantId, references));
  }

  findMany(tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]> {
    return this.gate.session(async (session) => {
      const ids = await findItemIds(session, tenantId, references);
      const items = await loadItems(
        session,
        tenantId,
        ids.filter((id): id is string => id !== null),
      );
      return ids.map((id) => {
        const item = id ? items.get(id) : undefined;
        return item ? { found: true, item } : { found: false };
      });
    });
  }

  createMany(tenantId: string, items: readonly NewItem[], at: string): Promise<string[]> {
    if (items.length === 0) return Promise.resolve([]);
    return retriedTransaction(this.gate, (session) => createItems(session, tenantId, items, at, () => this.ids.newId()));
  }

  attach(tenantId: string, attachments: readonly IdentifierAttachment[]): Promise<string[]> {
    if (attachments.length === 0) return Promise.resolve([]);
    return retriedTransaction(this.gate, (session) => attachIdentifiers(session, tenantId, attachments));
  }

  detach(tenantId: string, itemId: string, identifier: ItemIdentifier): Promise<boolean> {
    const [kind, scope, value] = storedKey(identifier);
    return this.gate.session(
      async (session) =>
        (await session.run('DELETE FROM item_identifiers WHERE tenant_id = ? AND kind = ? AND scope = ? AND value = ? AND item_id = ?', [
          tenantId,
          kind,
          scope,
          value,
          itemId,
        ])) > 0,
    );
  }

  update(tenantId: string, itemId: string, changes: { name?: string | null; attributes?: Record<string, unknown> }): Promise<boolean> {
    const q = new SqlText('UPDATE items SET id = id', []);
    if (changes.name !== undefined) q.add(', name = ?', changes.name);
    if (changes.attributes !== undefined) q.add(', attributes = ?', JSON.stringify(changes.attributes));
    q.add(' WHERE tenant_id = ? AND id = ? AND merged_into IS NULL', tenantId, itemId);
    return this.gate.session(async (session) => (await session.run(q.sql, q.params)) > 0);
  }

  get(tenantId: string, itemId: string): Promise<Item | null> {
    return this.gate.session(async (session) => (await loadItems(session, tenantId, [itemId])).get(itemId) ?? null);
  }

  getMany(tenantId: string, itemIds: readonly string[]): Promise<Map<string, Item>> {
    if (itemIds.length === 0) return Promise.resolve(new Map());
    return this.gate.session((session) => loadItems(session, tenantId, itemIds));
  }

  search(tenantId: string, query: string | null, page: PageRequest): Promise<Page<Item>> {
    const after = decodeCursor(page.cursor, ['string', 'string']);
    const q = new SqlText(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.tenant_id = ? AND i.merged_into IS NULL`, [tenantId]);
    if (query) {
      const pattern = containsPattern(query);
      q.add(
        ` AND (lower(coalesce(i.name, '')) LIKE ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM item_identifiers x WHERE x.tenant_id = i.tenant_id AND x.item_id = i.id
                   AND lower(x.value) LIKE ? ESCAPE '\\'))`,
        pattern,
        pattern,
      );
    }
    if (after) q.add(' AND (i.created_at > ? OR (i.created_at = ? AND i.id > ?))', after[0], after[0], after[1]);
    q.add(' ORDER BY i.created_at, i.id LIMIT ?', fetchSize(page));
    return this.gate.session(async (session) => {
      const rows = await session.all<ItemRow>(q.sql, q.params);
      const identifiers = await identifiersOfItems(
        session,
        tenantId,
        rows.map((r) => r.id),
      );
      return pageFrom(
        rows,
        page,
        (r) => [r.created_at, r.id],
        (r) => itemOfRow(r, identifiers.get(r.id) ?? []),
      );
    });
  }

  async externalIds(tenantId: string, itemId: string): Promise<{ connectionId: string; externalId: string }[]> {
    const identifiers = await this.gate.session((session) => identifiersOfItems(session, tenantId, [itemId]));
    return (identifiers.get(itemId) ?? []).filter((i) => i.kind === 'external').map((i) => ({ connectionId: i.connectionId as string, externalId: i.value }));
  }

  count(tenantId: string): Promise<number> {
    return this.gate.session(async (session) => {
      const [row] = await session.all<{ n: number | string }>('SELECT count(*) AS n FROM items WHERE tenant_id = ? AND merged_into IS NULL', [tenantId]);
      return Number(row.n);
    });
  }
}
