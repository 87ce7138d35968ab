import type { Writable } from 'node:stream';
import type { ExportedLevel, ExportStock } from '@tally/inventory-application';
import { EXPORT_COLUMNS, type StockColumn, type StockFileFormat } from './stock-file.columns';
import { writeTableFile, type TableRecord } from './table-file.writer';

/** Options of {@link exportStock}. */
export interface StockExportOptions {
  /** Items read per page (their levels with them). Default: the use case's. */
  readonly pageItems?: number;
}

/** What an export wrote. */
export interface StockExportReport {
  readonly levels: number;
}

/**
 * Writes every present level of the tenant to `sink` as a stock file that {@link importStock}
 * reads back (README.md, ADR 0056), page by page, waiting for the sink to drain. The sink is
 * left open: the caller ends it (standard output must not be).
 */
export async function exportStock(
  exporter: ExportStock,
  tenantId: string,
  format: StockFileFormat,
  sink: Writable,
  options: StockExportOptions = {},
): Promise<StockExportReport> {
  const levels = await writeTableFile(sink, format, EXPORT_COLUMNS, recordPages(exporter.levels(tenantId, options.pageItems)));
  return { levels };
}

async function* recordPages(pages: AsyncIterable<ExportedLevel[]>): AsyncGenerator<TableRecord[]> {
  for await (const page of pages) yield page.map(recordOf);
}

/** The columns of one level; absent columns (no such identifier) are left out. */
export function recordOf({ item, location, level }: ExportedLevel): Partial<Record<StockColumn, unknown>> {
  const { figures, details } = level;
  const named = item.sku !== null || item.gtin !== null || item.partNumber !== null;
  const record: Partial<Record<StockColumn, unknown>> = {};
  // itemId only for an item with no portable identifier: it names the item in this tenant alone.
  if (!named) record.itemId = item.id;
  if (item.sku !== null) record.sku = item.sku;
  if (item.gtin !== null) record.gtin = item.gtin;
  if (item.partNumber !== null) record.partNumber = item.partNumber;
  Object.assign(record, { name: item.name, location: location.code, locationKind: location.kind }, figures, details);
  record.sourceTimestamp = level.sourceTimestamp;
  return record;
}
