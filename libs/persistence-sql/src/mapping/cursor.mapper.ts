import { ApplicationError, ApplicationErrorCodes, type Page, type PageRequest } from '@tally/inventory-application';

/** The largest page a reader answers, whatever the request asks. */
export const MAX_PAGE_SIZE = 5000;

/** An opaque cursor: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key inside a cursor, or null for the first page. */
export function decodeCursor(cursor: string | null, arity: number): (string | number)[] | null {
  if (cursor === null || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // falls through to the error below
  }
  throw new ApplicationError(ApplicationErrorCodes.validation, 'cursor is not one this API issued', 'cursor');
}

/** The number of rows to ask for: the page size, clamped, plus one to know if more follow. */
export const fetchSize = (page: PageRequest): number => Math.max(1, Math.min(Math.floor(page.limit) || 1, MAX_PAGE_SIZE)) + 1;

/** Cuts the extra row off and turns the last row's sort key into the next cursor. */
export function pageFrom<R, T>(rows: R[], page: PageRequest, keyOf: (row: R) => (string | number)[], map: (row: R) => T): Page<T> {
  const size = fetchSize(page) - 1;
  const items = rows.slice(0, size);
  const more = rows.length > size;
  return { items: items.map(map), nextCursor: more && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
