import { err, ok, type Result } from '@tally/inventory-domain';
import type { FieldProblem } from '@tally/vendor-kit';
import { integer, text, type Checked } from './comestri-field.validators';

/** Filters and paging of the inventory list. */
export interface ListQuery {
  readonly inventorySource: string | null;
  readonly productId: number | null;
  readonly productCode: string | null;
  readonly sku: string | null;
  readonly perPage: number;
  readonly cursor: string | null;
}

/** Default and largest page size. */
export const MAX_PER_PAGE = 100;

const PARAMS = ['inventory_source', 'product_id', 'product_code', 'sku', 'per_page', 'cursor'];

/** Parses the list's query string; unknown parameters are refused (a misspelt filter would list everything). */
export function parseListQuery(query: Readonly<Record<string, unknown>>): Result<ListQuery, FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(query)) if (!PARAMS.includes(key)) problems.push({ field: key, message: 'is not a filter of this list' });
  const get = <T>(key: string, check: (v: unknown) => Checked<T>): T | null => {
    const value = query[key];
    if (value === undefined) return null;
    const checked = check(value);
    if (checked.ok) return checked.value;
    problems.push({ field: key, message: Array.isArray(value) ? 'must be given once' : checked.error });
    return null;
  };
  const parsed: ListQuery = {
    inventorySource: get('inventory_source', (v) => text(v)),
    productId: get('product_id', (v) => integer(v, 1)),
    productCode: get('product_code', (v) => text(v)),
    sku: get('sku', (v) => text(v)),
    perPage: get('per_page', (v) => integer(v, 1)) ?? MAX_PER_PAGE,
    cursor: get('cursor', (v) => text(v, 1000)),
  };
  if (parsed.productId !== null && parsed.productCode !== null) {
    problems.push({ field: 'product_id', message: 'must not be given together with product_code' });
  }
  if (parsed.perPage > MAX_PER_PAGE) problems.push({ field: 'per_page', message: `must be at most ${MAX_PER_PAGE}` });
  return problems.length ? err(problems) : ok(parsed);
}
