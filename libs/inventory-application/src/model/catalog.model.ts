import type { LocationPolicy } from '@tally/inventory-domain';

/** The kinds of identifier an item can hold; `external` ids are scoped to a connection. */
export type ItemIdentifierKind = 'sku' | 'gtin' | 'partNumber' | 'external';

/**
 * One identifier of an item. Each belongs to at most one item of the tenant; `connectionId`
 * is set for (and only for) `external` ids. A `gtin` is a checked GTIN-14.
 */
export interface ItemIdentifier {
  readonly kind: ItemIdentifierKind;
  readonly value: string;
  readonly connectionId: string | null;
}

/**
 * A sellable variant and all its identifiers. `sku`, `gtin` and `partNumber` are the first
 * identifier of that kind (kept for readers that show one); `identifiers` lists them all.
 */
export interface Item {
  readonly id: string;
  readonly tenantId: string;
  readonly sku: string | null;
  /** Checked GTIN-14. */
  readonly gtin: string | null;
  readonly partNumber: string | null;
  readonly name: string | null;
  readonly createdAt: string;
  readonly identifiers?: readonly ItemIdentifier[];
  /** Free-form attributes set through the canonical API. */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/** A connection-scoped external id of an item (Comestri product id, Marketplacer variant id, ...). */
export interface ExternalItemId {
  readonly connectionId: string;
  readonly externalId: string;
}

/**
 * How a line names its item: by Tally id, or by one identifier (a line may add further
 * identifiers of the same item, see `CanonicalLine.itemIdentifiers`). Exactly one field is set;
 * `gtin` is already normalized to GTIN-14 by the caller.
 */
export type ItemReference =
  { readonly itemId: string } | { readonly sku: string } | { readonly gtin: string } | { readonly partNumber: string } | { readonly external: ExternalItemId };

/** Where stock is held. `code` is the tenant-unique name vendors use. */
export interface Location {
  readonly id: string;
  readonly tenantId: string;
  readonly code: string;
  readonly name: string | null;
  readonly kind: LocationKind;
  readonly policy: LocationPolicy;
  readonly sourceConnectionId: string | null;
  /** For `priority`: the connections in the order they win (others rank after them). */
  readonly priorityConnectionIds: readonly string[];
  readonly createdAt: string;
}

/** How a location's level follows its sources. */
export interface LocationPolicySettings {
  readonly policy: LocationPolicy;
  /** For `single-source`: the connection followed; null lets the first reporter become it. */
  readonly sourceConnectionId: string | null;
  /** For `priority`: the connections in the order they win. */
  readonly priorityConnectionIds: readonly string[];
}

/** What a location is in the vendor's world. */
export type LocationKind = 'warehouse' | 'store' | 'inventory_source' | 'seller' | 'vendor' | 'facility' | 'supplier' | 'bin';

/** Every {@link LocationKind}, for callers that check a word given to them. */
export const LOCATION_KINDS: readonly LocationKind[] = ['warehouse', 'store', 'inventory_source', 'seller', 'vendor', 'facility', 'supplier', 'bin'];
