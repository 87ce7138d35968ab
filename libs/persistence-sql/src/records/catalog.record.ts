import { recordSchema } from './record-schema.factory';

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
  /** Advanced by every SQLite write at the location (ADR 0025); 0 on PostgreSQL. */
  writeStamp!: number;
  createdAt!: string;
}

/** Mapping of {@link ItemRecord}. */
export const ItemSchema = recordSchema(ItemRecord, 'items', { indexes: [{ name: 'items_tenant_created_idx', properties: ['tenantId', 'createdAt', 'id'] }] });

/** Mapping of {@link ItemIdentifierRecord}. */
export const ItemIdentifierSchema = recordSchema(ItemIdentifierRecord, 'item_identifiers', {
  indexes: [{ name: 'item_identifiers_item_idx', properties: ['tenantId', 'itemId'] }],
});

/** Mapping of {@link LocationRecord}. */
export const LocationSchema = recordSchema(LocationRecord, 'locations', { uniques: [{ name: 'locations_code_unique', properties: ['tenantId', 'code'] }] });
