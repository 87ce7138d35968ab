import { EntitySchema } from '@mikro-orm/core';

/**
 * Row of `items`. Its identifiers live in `item_identifiers`; `mergedInto` is set once a merge
 * absorbed the item; `attributes` is JSON.
 */
export class ItemRecord {
  id!: string;
  tenantId!: string;
  name!: string | null;
  attributes!: string | null;
  mergedInto!: string | null;
  createdAt!: string;
}

/**
 * Row of `item_identifiers`: one identifier of one item, unique per tenant (primary key).
 * `scope` is the connection of an `external` id, '' otherwise.
 */
export class ItemIdentifierRecord {
  tenantId!: string;
  kind!: string;
  scope!: string;
  value!: string;
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
    name: { type: 'string', length: 500, nullable: true },
    attributes: { type: 'text', nullable: true },
    mergedInto: { ...id, nullable: true },
    createdAt: time,
  },
});

/** Mapping of {@link ItemIdentifierRecord}. */
export const ItemIdentifierSchema = new EntitySchema<ItemIdentifierRecord>({
  class: ItemIdentifierRecord,
  tableName: 'item_identifiers',
  indexes: [{ name: 'item_identifiers_item_idx', properties: ['tenantId', 'itemId'] }],
  properties: {
    tenantId: { ...id, primary: true },
    kind: { type: 'string', length: 20, primary: true },
    scope: { ...id, primary: true },
    value: { type: 'string', length: 200, primary: true },
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
