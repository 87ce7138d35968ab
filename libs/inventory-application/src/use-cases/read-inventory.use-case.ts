import { itemAvailability, levelAvailability, type ItemAvailability, type LevelAvailability, type Observation, type StockLevel } from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Item } from '../model/catalog.model';
import type { ItemRepository } from '../ports/catalog-repository.port';
import type { InventoryReader, LevelFilter } from '../ports/inventory-reader.port';
import type { Page, PageRequest } from '../ports/page.model';

/** A level with what can be sold from it. */
export interface LevelView extends StockLevel {
  readonly availability: LevelAvailability;
}

/** Everything the item page shows. */
export interface ItemDetail {
  readonly item: Item;
  readonly externalIds: { connectionId: string; externalId: string }[];
  readonly levels: LevelView[];
  readonly observations: Observation[];
  readonly availability: ItemAvailability;
}

/** Reads levels and availability (docs/architecture.md §4.9). */
export class ReadInventory {
  constructor(
    private readonly reader: InventoryReader,
    private readonly items: ItemRepository,
  ) {}

  async listLevels(tenantId: string, filter: LevelFilter, page: PageRequest): Promise<Page<LevelView>> {
    const levels = await this.reader.listLevels(tenantId, filter, page);
    return { items: levels.items.map(withAvailability), nextCursor: levels.nextCursor };
  }

  /** An item's availability per location and in total; 404 for another tenant's item. */
  async itemAvailability(tenantId: string, itemId: string): Promise<ItemAvailability> {
    await this.requireItem(tenantId, itemId);
    const levels = await this.reader.levelsOfItems(tenantId, [itemId]);
    return itemAvailability(levels.filter((l) => l.present));
  }

  async itemDetail(tenantId: string, itemId: string): Promise<ItemDetail> {
    const item = await this.requireItem(tenantId, itemId);
    const [levels, observations, externalIds] = await Promise.all([
      this.reader.levelsOfItems(tenantId, [itemId]),
      this.reader.observationsOfItem(tenantId, itemId),
      this.items.externalIds(tenantId, itemId),
    ]);
    return {
      item,
      externalIds,
      levels: levels.map(withAvailability),
      observations,
      availability: itemAvailability(levels.filter((l) => l.present)),
    };
  }

  private async requireItem(tenantId: string, itemId: string): Promise<Item> {
    const item = await this.items.get(tenantId, itemId);
    if (!item) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item ${itemId}`, 'itemId');
    return item;
  }
}

function withAvailability(level: StockLevel): LevelView {
  return { ...level, availability: levelAvailability(level) };
}
