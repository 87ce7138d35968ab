import { EntitySchema } from '@mikro-orm/core';

/**
 * Row of `items`. sku, gtin and part number are each unique per tenant when set
 * (partial unique indexes, declared in the migrations).
 */
export class ItemRecord {
  id!: string;
  tenantId!: string;
  sku!: string | null;
  gtin!: string | null;
  partNumber!: string | null;
  name!: string | null;
  createdAt!: string;
}

/** Row of `item_external_ids`: one connection-scoped id of an item. */
export class ItemExternalIdRecord {
  tenantId!: string;
  connectionId!: string;
  externalId!: string;
  itemId!: string;
}

/** Row of `locations`; `code` is unique per tenant. */
export class LocationRecord {
  id!: string;
  tenantId!: string;
  code!: string;
  name!: string | null;
  kind!: string;
  policy!: string;
  sourceConnectionId!: string | null;
  /** JSON array of connection ids, the `priority` policy's order; null for none. */
  priorityConnectionIds!: string | null;
  createdAt!: string;
}

const id = { type: 'string', length: 64 } as const;
const time = { type: 'string', length: 40 } as const;

/** Mapping of {@link ItemRecord}. */
export const ItemSchema = new EntitySchema<ItemRecord>({
  class: ItemRecord,
  tableName: 'items',
  indexes: [{ name: 'items_tenant_created_idx', properties: ['tenantId', 'createdAt', 'id'] }],
  properties: {
    id: { ...id, primary: true },
    tenantId: id,
    sku: { type: 'string', length: 200, nullable: true },
    gtin: { type: 'string', length: 14, nullable: true },
    partNumber: { type: 'string', length: 200, nullable: true },
    name: { type: 'string', length: 500, nullable: true },
    createdAt: time,
  },
});

/** Mapping of {@link ItemExternalIdRecord}. */
export const ItemExternalIdSchema = new EntitySchema<ItemExternalIdRecord>({
  class: ItemExternalIdRecord,
  tableName: 'item_external_ids',
  indexes: [{ name: 'item_external_ids_item_idx', properties: ['tenantId', 'itemId'] }],
  properties: {
    tenantId: { ...id, primary: true },
    connectionId: { ...id, primary: true },
    externalId: { type: 'string', length: 200, primary: true },
    itemId: id,
  },
});

/** Mapping of {@link LocationRecord}. */
export const LocationSchema = new EntitySchema<LocationRecord>({
  class: LocationRecord,
  tableName: 'locations',
  uniques: [{ name: 'locations_code_unique', properties: ['tenantId', 'code'] }],
  properties: {
    id: { ...id, primary: true },
    tenantId: id,
    code: { type: 'string', length: 200 },
    name: { type: 'string', length: 500, nullable: true },
    kind: { type: 'string', length: 40 },
    policy: { type: 'string', length: 20 },
    sourceConnectionId: { ...id, nullable: true },
    priorityConnectionIds: { type: 'text', nullable: true },
    createdAt: time,
  },
});
