import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { StockFileFormat } from './stock-file.columns';

/** One row of a table file: values by column; an absent or null value is an empty cell. */
export type TableRecord = Readonly<Record<string, unknown>>;

/**
 * Writes pages of records to `sink` as CSV (a header naming `columns`, then one row per record,
 * RFC 4180) or NDJSON (one JSON object per record, as it is), waiting for the sink to drain after
 * each page, so memory holds one page however long the file. The sink is left open: the caller
 * ends it. Answers the number of records written.
 */
export async function writeTableFile(
  sink: Writable,
  format: StockFileFormat,
  columns: readonly string[],
  pages: AsyncIterable<readonly TableRecord[]>,
): Promise<number> {
  let records = 0;
  if (format === 'csv') await write(sink, `${columns.join(',')}\r\n`);
  for await (const page of pages) {
    const text = page.map((record) => (format === 'csv' ? csvRow(columns, record) : `${JSON.stringify(record)}\n`)).join('');
    records += page.length;
    if (text.length > 0) await write(sink, text);
  }
  return records;
}

/** The CSV row of a record, its cells in the order of `columns`. */
export function csvRow(columns: readonly string[], record: TableRecord): string {
  return `${columns.map((column) => csvCell(record[column])).join(',')}\r\n`;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.length === 0) return '';
  if (typeof value === 'object' && Object.keys(value as object).length === 0) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink, 'drain');
}
