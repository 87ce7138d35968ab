import { extname } from 'node:path';
import { LOCATION_KINDS, type LocationKind } from '@tally/inventory-application';
import { STOCK_FILE_FORMATS, type StockFileFormat } from '@tally/stock-files';
import { usageError } from '../cli.error';

const BY_EXTENSION: Readonly<Record<string, StockFileFormat>> = { '.csv': 'csv', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };

/** The file's format: `--format`, else its extension. @throws CliError (exit 2) when neither says. */
export function stockFileFormatOf(file: string, option: string | undefined): StockFileFormat {
  if (option !== undefined) {
    if (!(STOCK_FILE_FORMATS as readonly string[]).includes(option))
      throw usageError(`--format must be one of ${STOCK_FILE_FORMATS.join(', ')}, got "${option}"`);
    return option as StockFileFormat;
  }
  const format = BY_EXTENSION[extname(file).toLowerCase()];
  if (!format) throw usageError(`cannot tell the format of ${file} from its name: give --format ${STOCK_FILE_FORMATS.join('|')}`);
  return format;
}

/** The kind `--create-locations` names, or undefined. @throws CliError (exit 2) for another word. */
export function locationKindOf(option: string | undefined): LocationKind | undefined {
  if (option === undefined) return undefined;
  if (!(LOCATION_KINDS as readonly string[]).includes(option))
    throw usageError(`--create-locations must be one of ${LOCATION_KINDS.join(', ')}, got "${option}"`);
  return option as LocationKind;
}
