import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import {
  ItemRepository,
  type IdGenerator,
  type Item,
  type ItemLookup,
  type ItemReference,
  type NewItem,
  type Page,
  type PageRequest,
} from '@tally/inventory-application';
import { ItemExternalIdRecord, ItemRecord } from '../records/catalog.record';
import { itemOf } from '../mapping/record.mapper';
import { decodeCursor, fetchSize, pageFrom } from '../mapping/cursor.mapper';
import type { SqlGate } from '../sql/sql-gate';
import { SqlText } from '../sql/sql-text';
import { retriedTransaction } from '../inventory/retry.policy';
import { createItems } from './item-creation.sql';
import { ITEM_COLUMNS, itemOfRow, lookupItems, type ItemRow } from './item-lookup.sql';

/** `%query%` for LIKE, with the wildcards of the query itself escaped. */
const containsPattern = (query: string): string => `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Items: batch lookups and creation in batched SQL (they sit on the path of every vendor
 * batch), single reads through MikroORM's entity manager.
 */
export class MikroOrmItemRepository extends ItemRepository {
  constructor(
    private readonly orm: MikroORM<AbstractSqlDriver>,
    private readonly gate: SqlGate,
    private readonly ids: IdGenerator,
  ) {
    super();
  }

  findMany(tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]> {
    return this.gate.session((session) => lookupItems(session, tenantId, references));
  }

  createMany(tenantId: string, items: readonly NewItem[], at: string): Promise<Item[]> {
    if (items.length === 0) return Promise.resolve([]);
    return retriedTransaction(this.gate, (session) => createItems(session, tenantId, items, at, () => this.ids.newId()));
  }

  async get(tenantId: string, itemId: string): Promise<Item | null> {
    const found = await this.orm.em.fork().findOne(ItemRecord, { tenantId, id: itemId });
    return found ? itemOf(found) : null;
  }

  search(tenantId: string, query: string | null, page: PageRequest): Promise<Page<Item>> {
    const after = decodeCursor(page.cursor, 2);
    const q = new SqlText(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.tenant_id = ?`, [tenantId]);
    if (query) {
      const pattern = containsPattern(query);
      q.add(
        ` AND (lower(coalesce(i.sku, '')) LIKE ? ESCAPE '\\' OR lower(coalesce(i.gtin, '')) LIKE ? ESCAPE '\\'
        OR lower(coalesce(i.part_number, '')) LIKE ? ESCAPE '\\' OR lower(coalesce(i.name, '')) LIKE ? ESCAPE '\\'
        OR EXISTS (SELECT 1 FROM item_external_ids e WHERE e.tenant_id = i.tenant_id AND e.item_id = i.id
                   AND lower(e.external_id) LIKE ? ESCAPE '\\'))`,
        ...new Array<string>(5).fill(pattern),
      );
    }
    if (after) q.add(' AND (i.created_at > ? OR (i.created_at = ? AND i.id > ?))', after[0], after[0], after[1]);
    q.add(' ORDER BY i.created_at, i.id LIMIT ?', fetchSize(page));
    return this.gate.session(async (session) =>
      pageFrom(await session.all<ItemRow>(q.sql, q.params), page, (r) => [r.created_at, r.id], itemOfRow),
    );
  }

  async externalIds(tenantId: string, itemId: string): Promise<{ connectionId: string; externalId: string }[]> {
    const rows = await this.orm.em
      .fork()
      .find(ItemExternalIdRecord, { tenantId, itemId }, { orderBy: { connectionId: 'asc', externalId: 'asc' } });
    return rows.map((r) => ({ connectionId: r.connectionId, externalId: r.externalId }));
  }

  count(tenantId: string): Promise<number> {
    return this.orm.em.fork().count(ItemRecord, { tenantId });
  }
}
