import { ApplicationError, ApplicationErrorCodes, type Page, type PageRequest } from '@tally/inventory-application';
import { isSafeText } from '@tally/vendor-kit';

/** The largest page a reader answers, whatever the request asks. */
export const MAX_PAGE_SIZE = 5000;

/** An opaque cursor: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The type of each element of a list's sort key, in order. */
export type CursorKey = readonly ('string' | 'number')[];

/**
 * The sort key inside a cursor, or null for the first page. A cursor is checked against the
 * shape of the list's key, element by element (a whole number where the list sorts by a
 * sequence, safe text where it sorts by an id, a code or a time), so a forged cursor such as
 * `["x"]` for the ledger is refused here (422 naming `cursor`) instead of failing in the
 * database.
 */
export function decodeCursor(cursor: string | null, shape: CursorKey): (string | number)[] | null {
  if (cursor === null || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => fits(v, shape[i]))) {
      return key as (string | number)[];
    }
  } catch {
    // falls through to the error below
  }
  throw new ApplicationError(ApplicationErrorCodes.validation, 'cursor is not one this API issued', 'cursor');
}

function fits(value: unknown, kind: 'string' | 'number'): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isSafeInteger(value);
  return typeof value === 'string' && isSafeText(value);
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
