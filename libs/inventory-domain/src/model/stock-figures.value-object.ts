/** What a reported quantity means (docs/architecture.md §4.2): never subtract reservations from `available`. */
export type QuantityKind = 'on_hand' | 'available';

/** Why an item may not be sold regardless of stock. */
export type Restriction = 'none' | 'discontinued' | 'temporarily_unavailable';

/** What happens when stock runs out. */
export type BackorderPolicy = 'none' | 'backorder' | 'preorder';

/** Stock on its way to a location. */
export interface IncomingStock {
  readonly quantity: number;
  /** ISO-8601 date or date-time when it is expected, if known. */
  readonly expectedAt: string | null;
  readonly reference: string | null;
}

/**
 * The figures of one stock level that drive availability. `onHand` and `availableReported`
 * are kept apart: a source that reports available has already netted its reservations.
 */
export interface StockFigures {
  readonly onHand: number | null;
  readonly availableReported: number | null;
  readonly reserved: number;
  readonly backorder: number;
  readonly safetyStock: number;
  readonly floor: number;
  readonly outOfStockThreshold: number;
  readonly lowStockThreshold: number | null;
  readonly infinite: boolean;
  readonly restriction: Restriction;
  readonly backorderPolicy: BackorderPolicy;
}

/** Descriptive facts of a level that do not change how much can be sold. */
export interface StockDetails {
  readonly incoming: readonly IncomingStock[];
  readonly leadTimeDays: number | null;
  readonly dispatchTimeDays: number | null;
  readonly price: string | null;
  readonly salePrice: string | null;
  readonly unitCost: string | null;
  readonly currency: string | null;
  readonly binId: string | null;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Everything a write may change on a level; a write changes only the fields it names. */
export type StockPatch = Partial<StockFigures> & Partial<StockDetails>;

/** Figures of a level nobody has reported anything for yet. */
export const EMPTY_FIGURES: StockFigures = Object.freeze({
  onHand: null,
  availableReported: null,
  reserved: 0,
  backorder: 0,
  safetyStock: 0,
  floor: 0,
  outOfStockThreshold: 0,
  lowStockThreshold: null,
  infinite: false,
  restriction: 'none',
  backorderPolicy: 'none',
});

/** Details of a level nobody has described yet. */
export const EMPTY_DETAILS: StockDetails = Object.freeze({
  incoming: [],
  leadTimeDays: null,
  dispatchTimeDays: null,
  price: null,
  salePrice: null,
  unitCost: null,
  currency: null,
  binId: null,
  attributes: {},
});

const FIGURE_KEYS = Object.keys(EMPTY_FIGURES) as (keyof StockFigures)[];
const DETAIL_KEYS = Object.keys(EMPTY_DETAILS) as (keyof StockDetails)[];

/** Applies a patch: named fields replace, attributes are added or updated but never dropped. */
export function patchStock(figures: StockFigures, details: StockDetails, patch: StockPatch): { figures: StockFigures; details: StockDetails } {
  const nextFigures: Record<string, unknown> = { ...figures };
  for (const key of FIGURE_KEYS) if (patch[key] !== undefined) nextFigures[key] = patch[key];
  const nextDetails: Record<string, unknown> = { ...details };
  for (const key of DETAIL_KEYS) if (patch[key] !== undefined) nextDetails[key] = patch[key];
  if (patch.attributes) nextDetails['attributes'] = { ...details.attributes, ...patch.attributes };
  return { figures: nextFigures as unknown as StockFigures, details: nextDetails as unknown as StockDetails };
}

/** The headline quantity used to compare two reports of the same place. */
export function headlineQuantity(figures: StockFigures): number | null {
  return figures.onHand ?? figures.availableReported;
}

/** Deep equality of two figure sets plus details, by value. */
export function sameStock(a: { figures: StockFigures; details: StockDetails }, b: { figures: StockFigures; details: StockDetails }): boolean {
  if (a.figures !== b.figures && !FIGURE_KEYS.every((k) => a.figures[k] === b.figures[k])) return false;
  if (a.details === b.details) return true;
  return DETAIL_KEYS.every((k) => {
    const [x, y] = [a.details[k], b.details[k]];
    return x === y || (typeof x === 'object' && typeof y === 'object' && stableJson(x) === stableJson(y));
  });
}

/** JSON with object keys sorted, so equal values serialize equally. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
