import {
  ApplyStockBatch,
  LineResolver,
  type Clock,
  type IdGenerator,
  type IdentityDiscrepancyRepository,
  type InventoryStore,
  type ItemRepository,
  type LocationRepository,
  type StockWriteObserver,
} from '@tally/inventory-application';

/** The ports the write use case is built from. */
export interface StockWritePorts {
  readonly store: InventoryStore;
  readonly items: ItemRepository;
  readonly locations: LocationRepository;
  /** Where identity discrepancies opened by lines are kept (ADR 0029). */
  readonly identityDiscrepancies: IdentityDiscrepancyRepository;
}

/**
 * The write use case as the API builds it, on the main thread (DI) and in job threads alike; the
 * observer counts committed lines for the metrics (a thread passes its own and reports the counts).
 */
export function createApplyStockBatch(ports: StockWritePorts, clock: Clock, ids: IdGenerator, observer: StockWriteObserver | null = null): ApplyStockBatch {
  return new ApplyStockBatch(ports.store, new LineResolver(ports.items, ports.locations, ports.identityDiscrepancies), clock, ids, observer);
}
