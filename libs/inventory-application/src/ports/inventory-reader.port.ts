import type { Discrepancy, LedgerCause, LedgerEntry, Observation, StockLevel } from '@tally/inventory-domain';
import type { Page, PageRequest } from './page.model';

/** Filters of the stock level list. */
export interface LevelFilter {
  readonly itemId?: string;
  readonly locationId?: string;
  /** Include places whose record was removed. Default false. */
  readonly includeAbsent?: boolean;
}

/** A ledger entry as stored, with its id and tenant. */
export interface StoredLedgerEntry extends LedgerEntry {
  readonly id: string;
}

/** Filters of the ledger. */
export interface LedgerFilter {
  readonly itemId?: string;
  readonly locationId?: string;
  readonly connectionId?: string;
  readonly cause?: LedgerCause;
  /** ISO-8601 bounds on the recorded time, inclusive from, exclusive to. */
  readonly from?: string;
  readonly to?: string;
}

/** Read side of the inventory: levels, observations, ledger and discrepancies. */
export abstract class InventoryReader {
  abstract listLevels(tenantId: string, filter: LevelFilter, page: PageRequest): Promise<Page<StockLevel>>;
  /** Every level of these items, in one query. */
  abstract levelsOfItems(tenantId: string, itemIds: readonly string[]): Promise<StockLevel[]>;
  abstract observationsOfItem(tenantId: string, itemId: string): Promise<Observation[]>;
  /** Newest first; the cursor walks backwards in time. */
  abstract listLedger(tenantId: string, filter: LedgerFilter, page: PageRequest): Promise<Page<StoredLedgerEntry>>;
  /** The tenant's discrepancies, newest first; of one item only when `itemId` is given. */
  abstract listDiscrepancies(tenantId: string, status: 'open' | 'resolved' | 'all', page: PageRequest, itemId?: string | null): Promise<Page<Discrepancy>>;
  abstract getDiscrepancy(tenantId: string, discrepancyId: string): Promise<Discrepancy | null>;
  /**
   * Pages through every place that has a level or a ledger entry, with the level (or null)
   * and the last ledger entry (or null), for verification against the ledger.
   */
  abstract levelsWithLastEntry(tenantId: string, page: PageRequest): Promise<Page<{ level: StockLevel | null; lastEntry: StoredLedgerEntry | null }>>;
}
