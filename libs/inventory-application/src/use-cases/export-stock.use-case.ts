import type { StockLevel } from '@tally/inventory-domain';
import type { Item, Location } from '../model/catalog.model';
import type { ItemRepository, LocationRepository } from '../ports/catalog-repository.port';
import type { InventoryReader } from '../ports/inventory-reader.port';

/** Items read per page unless the caller says otherwise (their levels are read with them). */
export const EXPORT_PAGE_ITEMS = 500;

/** One level to write out, with what names its item and location outside the tenant. */
export interface ExportedLevel {
  readonly item: Item;
  readonly location: Location;
  readonly level: StockLevel;
}

/**
 * Reads every present level of a tenant for a file adapter to write (ADR 0056): pages through
 * the items with a cursor and reads each page's levels in one query, so memory holds one page
 * whatever the tenant's size. Locations are few and are remembered once read.
 */
export class ExportStock {
  constructor(
    private readonly reader: InventoryReader,
    private readonly items: ItemRepository,
    private readonly locations: LocationRepository,
  ) {}

  /** Levels by item (in creation order), then location; removed places are left out. */
  async *levels(tenantId: string, pageItems = EXPORT_PAGE_ITEMS): AsyncGenerator<ExportedLevel[]> {
    const locations = new Map<string, Location | null>();
    let cursor: string | null = null;
    do {
      const page = await this.items.search(tenantId, null, { limit: pageItems, cursor });
      cursor = page.nextCursor;
      const byId = new Map(page.items.map((item) => [item.id, item]));
      const levels = (await this.reader.levelsOfItems(tenantId, [...byId.keys()])).filter((l) => l.present);
      const out: ExportedLevel[] = [];
      for (const level of levels) {
        const item = byId.get(level.itemId);
        const location = await this.locationOf(tenantId, level.locationId, locations);
        if (item && location) out.push({ item, location, level });
      }
      if (out.length > 0) yield out;
    } while (cursor !== null);
  }

  private async locationOf(tenantId: string, locationId: string, known: Map<string, Location | null>): Promise<Location | null> {
    if (!known.has(locationId)) known.set(locationId, await this.locations.get(tenantId, locationId));
    return known.get(locationId) ?? null;
  }
}
