import { ExportStock, ImportStock } from '@tally/inventory-application';
import { UuidV7IdGenerator } from '@tally/persistence-sql';
import { createApplyStockBatch, SystemClock } from '@tally/platform-node';
import type { AdminContext } from '../platform/admin.context';

/** The import use case on the context's database, built as the API builds its batch writes. */
export function stockImporter(context: AdminContext): ImportStock {
  const { persistence } = context;
  return new ImportStock(createApplyStockBatch(persistence, new SystemClock(), new UuidV7IdGenerator()), persistence.connections);
}

/** The export use case on the context's database. */
export function stockExporter(context: AdminContext): ExportStock {
  const { persistence } = context;
  return new ExportStock(persistence.reader, persistence.items, persistence.locations);
}
