import type { InventoryReader, LedgerFilter, StoredLedgerEntry } from '../ports/inventory-reader.port';
import type { Page, PageRequest } from '../ports/page.model';

/** Reads the audit ledger, newest first, with cursor pagination. */
export class QueryLedger {
  constructor(private readonly reader: InventoryReader) {}

  list(tenantId: string, filter: LedgerFilter, page: PageRequest): Promise<Page<StoredLedgerEntry>> {
    return this.reader.listLedger(tenantId, filter, page);
  }
}
