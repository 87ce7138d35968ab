import {
  ApplyStockBatch,
  LineResolver,
  type Clock,
  type IdGenerator,
  type InventoryStore,
  type ItemRepository,
  type LocationRepository,
} from '@tally/inventory-application';

/** The ports the write use case is built from. */
export interface StockWritePorts {
  readonly store: InventoryStore;
  readonly items: ItemRepository;
  readonly locations: LocationRepository;
}

/** The write use case as the API builds it, on the main thread (DI) and in job threads alike. */
export function createApplyStockBatch(ports: StockWritePorts, clock: Clock, ids: IdGenerator): ApplyStockBatch {
  return new ApplyStockBatch(ports.store, new LineResolver(ports.items, ports.locations), clock, ids);
}
