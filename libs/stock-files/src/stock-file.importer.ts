import {
  ApplicationError,
  ApplicationErrorCodes,
  type ImportProgress,
  type ImportReport,
  type ImportStock,
  type ImportStockOptions,
  type ParsedStockLine,
} from '@tally/inventory-application';
import { unsafeTextReason } from '@tally/vendor-kit';
import { readCsvRecords } from './csv-record.reader';
import { readNdjsonRecords } from './ndjson-record.reader';
import { isStockColumn, ITEM_COLUMNS, type StockColumn, type StockFileFormat } from './stock-file.columns';
import { cellValue, parseStockRecord, RecordProblem } from './stock-record.parser';
import { textChunks, type StockFileSource } from './text-chunks.util';

/** How a stock file is imported: the import's options and the file's format. */
export interface StockImportOptions extends ImportStockOptions {
  readonly format: StockFileFormat;
}

/**
 * Imports a stock file (README.md, ADR 0056): reads it line by line and applies it in chunks
 * through `importer`, each bad line reported with its line number, field and problem while the
 * good lines of its chunk are applied. With `dryRun` nothing is written.
 * @throws ApplicationError (`REQUEST.INVALID`, field `header`) for a CSV header that is not
 * usable, before anything is applied; and what `ImportStock.run` throws.
 */
export function importStock(importer: ImportStock, source: StockFileSource, options: StockImportOptions, onProgress?: ImportProgress): Promise<ImportReport> {
  return importer.run(readStockLines(source, options.format), options, onProgress);
}

/**
 * The records of a stock file, each a canonical line or why it cannot be one, numbered by the
 * file's lines: what {@link importStock} applies, for callers that store the lines first (a job).
 * @throws ApplicationError (`REQUEST.INVALID`, field `header`) while iterating, for a CSV header
 * that is not usable; it comes before any record.
 */
export function readStockLines(source: StockFileSource, format: StockFileFormat): AsyncGenerator<ParsedStockLine> {
  const text = textChunks(source);
  return format === 'csv' ? csvLines(text) : ndjsonLines(text);
}

async function* ndjsonLines(text: AsyncIterable<string>): AsyncGenerator<ParsedStockLine> {
  for await (const record of readNdjsonRecords(text)) {
    if ('error' in record) yield { lineNo: record.lineNo, problem: { field: 'line', code: ApplicationErrorCodes.validation, message: record.error.message } };
    else yield parseStockRecord(record.lineNo, record.value);
  }
}

async function* csvLines(text: AsyncIterable<string>): AsyncGenerator<ParsedStockLine> {
  let header: StockColumn[] | null = null;
  for await (const record of readCsvRecords(text)) {
    if (header === null) {
      if ('error' in record) throw headerError(`the header line cannot be read: ${record.error.message}`);
      header = headerOf(record.fields);
      continue;
    }
    if ('error' in record) {
      const field = header[record.error.fieldIndex] ?? 'line';
      yield { lineNo: record.lineNo, problem: { field, code: ApplicationErrorCodes.validation, message: record.error.message } };
      continue;
    }
    yield csvLine(record.lineNo, header, record.fields);
  }
  if (header === null) throw headerError('the file is empty: a CSV stock file starts with a header line naming its columns');
}

function csvLine(lineNo: number, header: readonly StockColumn[], fields: readonly string[]): ParsedStockLine {
  const problem = (field: string, message: string): ParsedStockLine => ({ lineNo, problem: { field, code: ApplicationErrorCodes.validation, message } });
  if (fields.length !== header.length) return problem('line', `the line has ${fields.length} fields, the header ${header.length}`);
  const values: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const unsafe = unsafeTextReason(fields[i]);
    if (unsafe) return problem(header[i], `${header[i]} ${unsafe}`);
    try {
      const value = cellValue(header[i], fields[i]);
      if (value !== undefined) values[header[i]] = value;
    } catch (error) {
      if (error instanceof RecordProblem) return problem(error.field, error.message);
      throw error;
    }
  }
  return parseStockRecord(lineNo, values);
}

/** The columns a header names: known ones, each once, with an item column and `location`. */
function headerOf(fields: readonly string[]): StockColumn[] {
  const seen = new Set<string>();
  for (const name of fields) {
    if (unsafeTextReason(name)) throw headerError(`a column name ${unsafeTextReason(name)}`);
    if (!isStockColumn(name)) throw headerError(`unknown column "${name.slice(0, 40)}" (README.md lists the columns)`);
    if (seen.has(name)) throw headerError(`column ${name} is named twice`);
    seen.add(name);
  }
  if (!ITEM_COLUMNS.some((c) => seen.has(c))) throw headerError(`the header names no item column (${ITEM_COLUMNS.join(', ')})`);
  if (!seen.has('location')) throw headerError('the header names no location column');
  return fields as StockColumn[];
}

function headerError(message: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCodes.validation, message, 'header');
}
