import { LOCATION_KINDS, STOCK_LINE_LIMITS as L } from '@tally/inventory-application';

/** The two formats of a stock file. */
export type StockFileFormat = 'csv' | 'ndjson';
/** The formats, for callers that check a name given to them. */
export const STOCK_FILE_FORMATS: readonly StockFileFormat[] = ['csv', 'ndjson'];

/** What a column holds; a CSV cell is read into this before the checks every format shares. */
export type ColumnKind =
  | { readonly type: 'text'; readonly max: number; readonly nullable?: boolean }
  | { readonly type: 'integer'; readonly min: number; readonly max: number; readonly nullable?: boolean }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'decimal' }
  | { readonly type: 'currency' }
  | { readonly type: 'time' }
  | { readonly type: 'incoming' }
  | { readonly type: 'attributes' };

const text = (max: number, nullable = false): ColumnKind => ({ type: 'text', max, nullable });
const int = (min: number, max: number, nullable = false): ColumnKind => ({ type: 'integer', min, max, nullable });
const Q = L.maxQuantity;

/** The item columns: `itemId` alone, or any of the identifiers (all must name one item). */
export const ITEM_COLUMNS = ['itemId', 'sku', 'gtin', 'partNumber'] as const;

/** The figures and details a `set` line may carry, as the canonical API names them. */
export const SET_COLUMNS = {
  onHand: int(-Q, Q, true),
  availableReported: int(-Q, Q, true),
  reserved: int(0, Q),
  backorder: int(0, Q),
  safetyStock: int(0, Q),
  floor: int(0, Q),
  outOfStockThreshold: int(0, Q),
  lowStockThreshold: int(0, Q, true),
  infinite: { type: 'boolean' },
  restriction: { type: 'enum', values: ['none', 'discontinued', 'temporarily_unavailable'] },
  backorderPolicy: { type: 'enum', values: ['none', 'backorder', 'preorder'] },
  leadTimeDays: int(0, L.maxDays, true),
  dispatchTimeDays: int(0, L.maxDays, true),
  price: { type: 'decimal' },
  salePrice: { type: 'decimal' },
  unitCost: { type: 'decimal' },
  currency: { type: 'currency' },
  binId: text(L.maxBinIdLength, true),
  incoming: { type: 'incoming' },
  attributes: { type: 'attributes' },
} as const satisfies Record<string, ColumnKind>;

/** The write kinds a file line may hold (`op`, default `set`). */
export const FILE_OPS = ['set', 'adjust', 'remove'] as const;

/** Every column of a stock file, in the order an export writes them (ADR 0056). */
export const STOCK_COLUMNS = {
  itemId: text(L.maxItemIdLength),
  sku: text(L.maxIdentifierLength),
  gtin: text(L.maxGtinLength),
  partNumber: text(L.maxIdentifierLength),
  name: text(L.maxItemNameLength, true),
  location: text(L.maxIdentifierLength),
  locationKind: { type: 'enum', values: LOCATION_KINDS },
  op: { type: 'enum', values: FILE_OPS },
  ...SET_COLUMNS,
  delta: int(-Q, Q),
  figure: { type: 'enum', values: ['on_hand', 'available'] },
  allowNegative: { type: 'boolean' },
  sourceTimestamp: { type: 'time' },
} as const satisfies Record<string, ColumnKind>;

/** A column name of a stock file. */
export type StockColumn = keyof typeof STOCK_COLUMNS;

/** True when `name` is a column of a stock file. */
export function isStockColumn(name: string): name is StockColumn {
  return Object.prototype.hasOwnProperty.call(STOCK_COLUMNS, name);
}

/** The columns an export writes: every column but the write's own (`op`, `delta`, ...). */
export const EXPORT_COLUMNS: readonly StockColumn[] = (Object.keys(STOCK_COLUMNS) as StockColumn[]).filter(
  (c) => !['op', 'delta', 'figure', 'allowNegative'].includes(c),
);
