import type { Item, ItemIdentifier, ItemReference, Location, LocationKind, LocationPolicySettings } from '../model/catalog.model';
import type { IdentityDiscrepancy, IdentityDiscrepancyStatus } from '../model/identity-discrepancy.model';
import type { IdentifierReference } from '../model/item-identifier.model';
import type { Page, PageRequest } from './page.model';

/** What a batch lookup answers for one reference. */
export type ItemLookup = { readonly found: true; readonly item: Item } | { readonly found: false };

/** A new item to create for identifiers nobody knows yet; the first identifier is the primary one. */
export interface NewItem {
  readonly identifiers: readonly IdentifierReference[];
  readonly name: string | null;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

/** An identifier to give to an existing item. */
export interface IdentifierAttachment {
  readonly itemId: string;
  readonly reference: IdentifierReference;
}

/** Items of a tenant. Lookups are batch-shaped: one call, a bounded number of queries. */
export abstract class ItemRepository {
  /** Looks up many references at once; the answer has one entry per reference, in order. */
  abstract findMany(tenantId: string, references: readonly ItemReference[]): Promise<ItemLookup[]>;
  /**
   * The id of the item each reference names, or null; one query per chunk of references (the
   * hot path of every batch). An id of a merged item answers the item it was merged into.
   */
  abstract findItemIds(tenantId: string, references: readonly ItemReference[]): Promise<(string | null)[]>;
  /**
   * Creates an item per input with all its identifiers, and answers one item id per input, in
   * order. Concurrent creators of the same identifiers end with one item: an input whose
   * identifier another item already holds answers that item, and its other identifiers join it.
   */
  abstract createMany(tenantId: string, items: readonly NewItem[], at: string): Promise<string[]>;
  /**
   * Gives identifiers to existing items (one statement per chunk); an identifier already held
   * stays where it is. Answers, per attachment, the item that holds the identifier afterwards.
   */
  abstract attach(tenantId: string, attachments: readonly IdentifierAttachment[]): Promise<string[]>;
  /** Takes an identifier from an item; false when the item did not hold it. */
  abstract detach(tenantId: string, itemId: string, identifier: ItemIdentifier): Promise<boolean>;
  /** Sets the name and attributes given; false when there is no such item. */
  abstract update(tenantId: string, itemId: string, changes: { name?: string | null; attributes?: Record<string, unknown> }): Promise<boolean>;
  /** An item with all its identifiers; null when unknown or merged into another. */
  abstract get(tenantId: string, itemId: string): Promise<Item | null>;
  /** The items of these ids that exist and are not merged away, in one read. */
  abstract getMany(tenantId: string, itemIds: readonly string[]): Promise<Map<string, Item>>;
  /** Items whose identifiers or name contain or equal the query (merged items left out). */
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

/** An identity discrepancy to open. */
export type NewIdentityDiscrepancy = Pick<IdentityDiscrepancy, 'itemIds' | 'claims' | 'connectionId' | 'openedAt'>;

/** Identity discrepancies of a tenant (see {@link IdentityDiscrepancy}). */
export abstract class IdentityDiscrepancyRepository {
  /** Opens these discrepancies; a pair of items that already has an open one keeps it. */
  abstract open(tenantId: string, discrepancies: readonly NewIdentityDiscrepancy[]): Promise<void>;
  abstract get(tenantId: string, id: string): Promise<IdentityDiscrepancy | null>;
  abstract list(tenantId: string, status: IdentityDiscrepancyStatus | null, page: PageRequest): Promise<Page<IdentityDiscrepancy>>;
  /** Closes an open discrepancy as dismissed; false when it is not open. */
  abstract dismiss(tenantId: string, id: string, note: string | null, at: string): Promise<boolean>;
}
