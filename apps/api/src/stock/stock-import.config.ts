import { EnvReader } from '@tally/platform-node';
import type { RouteBodyLimit, RouteMediaTypes } from '../dialects/dialect.catalog';

/** The upload route of stock files. */
export const STOCK_IMPORT_PATH = '/api/v1/stock-levels/import';
/** The media types it reads (its query's `format` says which one a body is, else the type does). */
export const STOCK_FILE_MEDIA_TYPES = ['text/csv', 'application/x-ndjson'] as const;
/** STOCK_IMPORT_BODY_LIMIT's default: a file is read whole before its job is stored. */
export const STOCK_IMPORT_DEFAULT_LIMIT = 32 * 1024 * 1024;

/**
 * The upload route's body limit (STOCK_IMPORT_BODY_LIMIT, 1kb to 256mb, default 32mb) and media
 * types, for the HTTP server's tables.
 * @throws Error naming the setting when it is not a size in range.
 */
export function stockImportRoute(env: NodeJS.ProcessEnv): { bodyLimit: RouteBodyLimit; mediaTypes: RouteMediaTypes } {
  const read = new EnvReader(env);
  const bytes = read.size('STOCK_IMPORT_BODY_LIMIT', STOCK_IMPORT_DEFAULT_LIMIT, 1024, 256 * 1024 * 1024);
  read.check('stock import settings');
  return {
    bodyLimit: { method: 'POST', url: STOCK_IMPORT_PATH, bodyLimit: bytes },
    mediaTypes: { method: 'POST', pattern: new RegExp(`^${STOCK_IMPORT_PATH}$`), mediaTypes: [...STOCK_FILE_MEDIA_TYPES] },
  };
}
