import type { Item, ItemReference, Location, LocationKind, LocationPolicySettings } from '../model/catalog.model';
import type { Page, PageRequest } from './page.model';

/** What a batch lookup answers for one reference. */
export type ItemLookup = { readonly found: true; readonly item: Item } | { readonly found: false };

/** A new item to create for a reference nobody knows yet. */
export interface NewItem {
  readonly reference: ItemReference;
  readonly sku: string | null;
  readonly gtin: string | null;
  readonly partNumber: string | null;
  readonly name: string | null;
}

/** Items of a tenant. Lookups are batch-shaped: one call, a bounded number of queries. */
export abstract class ItemRepository {
  /** Looks up many references at once; the answer has one entry per reference, in order. */
  abstract findMany(tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]>;
  /**
   * Creates the items that do not exist yet (concurrent creators of the same identifier get
   * the same item) and records external ids; answers one item per input, in order.
   */
  abstract createMany(tenantId: string, items: readonly NewItem[], at: string): Promise<Item[]>;
  abstract get(tenantId: string, itemId: string): Promise<Item | null>;
  /** Items whose sku, gtin, part number, name or external id contains or equals the query. */
  abstract search(tenantId: string, query: string | null, page: PageRequest): Promise<Page<Item>>;
  abstract externalIds(tenantId: string, itemId: string): Promise<{ connectionId: string; externalId: string }[]>;
  abstract count(tenantId: string): Promise<number>;
}

/** Locations of a tenant. */
export abstract class LocationRepository {
  /** Finds locations by code, creating the missing ones with the given kind. In input order. */
  abstract ensureMany(tenantId: string, codes: readonly string[], kind: LocationKind, at: string): Promise<Location[]>;
  abstract findByCodes(tenantId: string, codes: readonly string[]): Promise<(Location | null)[]>;
  abstract get(tenantId: string, locationId: string): Promise<Location | null>;
  abstract list(tenantId: string, page: PageRequest): Promise<Page<Location>>;
  /** Sets a location's policy outside a write transaction (use ManageSources to re-follow levels). */
  abstract setPolicy(tenantId: string, locationId: string, rules: LocationPolicySettings): Promise<boolean>;
  abstract count(tenantId: string): Promise<number>;
}
