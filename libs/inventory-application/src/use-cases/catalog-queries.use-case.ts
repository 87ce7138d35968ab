import { normalizeGtin } from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Item, ItemReference, Location } from '../model/catalog.model';
import type { ItemRepository, LocationRepository } from '../ports/catalog-repository.port';
import type { Page, PageRequest } from '../ports/page.model';

/** The identifier kinds an item can be looked up by. */
export type LookupKind = 'sku' | 'gtin' | 'partNumber' | 'externalId';

/**
 * Turns a caller's identifier into an item reference; a GTIN in any form (UPC-A, UPC-E,
 * EAN-8/13, GTIN-14, ISBN) is normalized and its check digit verified.
 */
export function itemReferenceOf(kind: LookupKind, value: string, connectionId?: string): ItemReference {
  switch (kind) {
    case 'sku':
      return { sku: value };
    case 'partNumber':
      return { partNumber: value };
    case 'gtin': {
      const normalized = normalizeGtin(value, undefined, 'gtin');
      if (!normalized.ok)
        throw new ApplicationError(normalized.error.code, normalized.error.message, 'gtin', normalized.error.details as Record<string, unknown>);
      return { gtin: normalized.value.gtin14 };
    }
    case 'externalId':
      if (!connectionId) throw new ApplicationError(ApplicationErrorCodes.validation, 'connectionId is required with externalId', 'connectionId');
      return { external: { connectionId, externalId: value } };
  }
}

/** Items and locations: search, look-up and location policy. */
export class CatalogQueries {
  constructor(
    private readonly items: ItemRepository,
    private readonly locations: LocationRepository,
  ) {}

  searchItems(tenantId: string, query: string | null, page: PageRequest): Promise<Page<Item>> {
    return this.items.search(tenantId, query, page);
  }

  async getItem(tenantId: string, itemId: string): Promise<Item> {
    const item = await this.items.get(tenantId, itemId);
    if (!item) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item ${itemId}`, 'itemId');
    return item;
  }

  /** The items of these ids (unknown and merged ones left out), in one read. */
  itemsByIds(tenantId: string, itemIds: readonly string[]): Promise<Map<string, Item>> {
    return this.items.getMany(tenantId, [...new Set(itemIds)]);
  }

  /** Looks an item up by one identifier; 404 when none matches. */
  async lookupItem(tenantId: string, kind: LookupKind, value: string, connectionId?: string): Promise<Item> {
    const [found] = await this.items.findMany(tenantId, [itemReferenceOf(kind, value, connectionId)]);
    if (!found.found) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item with ${kind} ${value}`, kind);
    return found.item;
  }

  /**
   * Looks an item up by several identifiers: 404 when none names an item, 409
   * `INVENTORY.IDENTITY_CONFLICT` when they name two items; else the item they name (an
   * identifier nobody holds does not stop the look-up).
   */
  async lookupItemByAny(tenantId: string, given: readonly { kind: LookupKind; value: string; connectionId?: string }[]): Promise<Item> {
    const refs = given.map((g) => itemReferenceOf(g.kind, g.value, g.connectionId));
    const ids = await this.items.findItemIds(tenantId, refs);
    const named = [...new Set(ids.filter((id): id is string => id !== null))];
    const describe = given.map((g) => `${g.kind} ${g.value}`).join(', ');
    if (named.length === 0) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item with ${describe}`, given[0].kind);
    if (named.length > 1) {
      const which = given.map((g, i) => `${g.kind} ${g.value} names ${ids[i] ?? 'no item'}`).join('; ');
      throw new ApplicationError(ApplicationErrorCodes.identityConflict, `the identifiers name different items: ${which}`, given[ids.indexOf(named[1])].kind, {
        itemIds: named,
      });
    }
    return this.getItem(tenantId, named[0]);
  }

  listLocations(tenantId: string, page: PageRequest): Promise<Page<Location>> {
    return this.locations.list(tenantId, page);
  }

  /** The locations with these codes, in their order (null where none has the code), in one read. */
  findLocationsByCodes(tenantId: string, codes: readonly string[]): Promise<(Location | null)[]> {
    return codes.length === 0 ? Promise.resolve([]) : this.locations.findByCodes(tenantId, codes);
  }

  async getLocation(tenantId: string, locationId: string): Promise<Location> {
    const location = await this.locations.get(tenantId, locationId);
    if (!location) throw new ApplicationError(ApplicationErrorCodes.notFound, `no location ${locationId}`, 'locationId');
    return location;
  }

  async counts(tenantId: string): Promise<{ items: number; locations: number }> {
    const [items, locations] = await Promise.all([this.items.count(tenantId), this.locations.count(tenantId)]);
    return { items, locations };
  }
}
