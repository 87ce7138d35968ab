import { InventoryReader, type LedgerFilter, type LevelFilter, type Page, type PageRequest, type StoredLedgerEntry } from '@tally/inventory-application';
import { levelKeyString, type Discrepancy, type Observation, type StockLevel } from '@tally/inventory-domain';
import { pageOf } from './in-memory-catalog.fake';
import type { InMemoryInventoryStore } from './in-memory-inventory.fake';

/** Reads the committed tables of an {@link InMemoryInventoryStore}. */
export class InMemoryInventoryReader extends InventoryReader {
  constructor(private readonly store: InMemoryInventoryStore) {
    super();
  }

  async listLevels(tenantId: string, filter: LevelFilter, page: PageRequest): Promise<Page<StockLevel>> {
    const all = [...this.store.tables(tenantId).levels.values()].filter(
      (l) =>
        (filter.includeAbsent || l.present) && (!filter.itemId || l.itemId === filter.itemId) && (!filter.locationId || l.locationId === filter.locationId),
    );
    return pageOf(all, page);
  }

  async levelsOfItems(tenantId: string, itemIds: readonly string[]): Promise<StockLevel[]> {
    return [...this.store.tables(tenantId).levels.values()].filter((l) => itemIds.includes(l.itemId));
  }

  async observationsOfItem(tenantId: string, itemId: string): Promise<Observation[]> {
    return [...this.store.tables(tenantId).observations.values()].filter((o) => o.itemId === itemId);
  }

  async listLedger(tenantId: string, filter: LedgerFilter, page: PageRequest): Promise<Page<StoredLedgerEntry>> {
    const all = [...this.store.tables(tenantId).ledger]
      .reverse()
      .filter(
        (e) =>
          (!filter.itemId || e.itemId === filter.itemId) &&
          (!filter.locationId || e.locationId === filter.locationId) &&
          (!filter.connectionId || e.connectionId === filter.connectionId) &&
          (!filter.cause || e.cause === filter.cause) &&
          (!filter.from || e.recordedAt >= filter.from) &&
          (!filter.to || e.recordedAt < filter.to),
      );
    return pageOf(all, page);
  }

  async listDiscrepancies(tenantId: string, status: 'open' | 'resolved' | 'all', page: PageRequest, itemId: string | null = null): Promise<Page<Discrepancy>> {
    const all = [...this.store.tables(tenantId).discrepancies.values()].filter(
      (d) => (status === 'all' || d.status === status) && (itemId === null || d.itemId === itemId),
    );
    // Newest first, as the SQL reader.
    all.sort((a, b) => (a.openedAt === b.openedAt ? (a.id < b.id ? 1 : -1) : a.openedAt < b.openedAt ? 1 : -1));
    return pageOf(all, page);
  }

  async getDiscrepancy(tenantId: string, discrepancyId: string): Promise<Discrepancy | null> {
    return this.store.tables(tenantId).discrepancies.get(discrepancyId) ?? null;
  }

  async levelsWithLastEntry(tenantId: string, page: PageRequest) {
    const tables = this.store.tables(tenantId);
    const last = new Map<string, StoredLedgerEntry>();
    for (const entry of tables.ledger) last.set(levelKeyString(entry), entry);
    const keys = [...new Set([...tables.levels.keys(), ...last.keys()])].sort();
    const rows = keys.map((k) => ({ level: tables.levels.get(k) ?? null, lastEntry: last.get(k) ?? null }));
    return pageOf(rows, page);
  }
}
