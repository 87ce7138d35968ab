import type { StockLevel } from '../model/stock-level.aggregate.js';

/** The sellable state of a level or an item (docs/architecture.md §4.9). */
export type AvailabilityStatus = 'in_stock' | 'low_stock' | 'out_of_stock' | 'backorderable' | 'preorderable' | 'discontinued' | 'unavailable';

/** Every {@link AvailabilityStatus}, for callers that list or check them. */
export const AVAILABILITY_STATUSES: readonly AvailabilityStatus[] = [
  'in_stock',
  'low_stock',
  'out_of_stock',
  'backorderable',
  'preorderable',
  'discontinued',
  'unavailable',
];

/** What can be sold at one place, and its status. */
export interface LevelAvailability {
  /** Units that can be sold; 0 when unlimited (see `unlimited`) or not sellable. */
  readonly sellable: number;
  readonly unlimited: boolean;
  readonly status: AvailabilityStatus;
}

/**
 * Sellable = 0 when restricted or absent, unlimited when infinite, otherwise
 * max(0, base − max(safety stock, floor)) where base is the reported available figure
 * (already net of reservations) or on hand − reserved. At or below the out-of-stock
 * threshold nothing is sellable.
 */
export function levelAvailability(level: Pick<StockLevel, 'present' | 'figures'>): LevelAvailability {
  const f = level.figures;
  if (!level.present) return { sellable: 0, unlimited: false, status: 'unavailable' };
  if (f.restriction === 'discontinued') return { sellable: 0, unlimited: false, status: 'discontinued' };
  if (f.restriction === 'temporarily_unavailable') return { sellable: 0, unlimited: false, status: 'unavailable' };
  if (f.infinite) return { sellable: 0, unlimited: true, status: 'in_stock' };
  const base = f.availableReported ?? (f.onHand ?? 0) - f.reserved;
  const raw = Math.max(0, base - Math.max(f.safetyStock, f.floor));
  if (raw <= f.outOfStockThreshold) {
    const status = f.backorderPolicy === 'backorder' ? 'backorderable' : f.backorderPolicy === 'preorder' ? 'preorderable' : 'out_of_stock';
    return { sellable: 0, unlimited: false, status };
  }
  const low = f.lowStockThreshold !== null && raw <= f.lowStockThreshold;
  return { sellable: raw, unlimited: false, status: low ? 'low_stock' : 'in_stock' };
}

const STATUS_RANK: readonly AvailabilityStatus[] = ['in_stock', 'low_stock', 'backorderable', 'preorderable', 'out_of_stock', 'unavailable', 'discontinued'];

/** An item's availability over its locations: the sum of each location's clamped value. */
export interface ItemAvailability extends LevelAvailability {
  readonly locations: readonly (LevelAvailability & { readonly locationId: string })[];
}

/**
 * Sums each location's sellable units (each already clamped at zero, so one negative
 * location never hides stock elsewhere); the status is the best status of any location.
 */
export function itemAvailability(levels: readonly Pick<StockLevel, 'present' | 'figures' | 'locationId'>[]): ItemAvailability {
  const locations = levels.map((l) => ({ locationId: l.locationId, ...levelAvailability(l) }));
  const unlimited = locations.some((l) => l.unlimited);
  const sellable = locations.reduce((sum, l) => sum + l.sellable, 0);
  const best = locations.map((l) => l.status).sort((a, b) => STATUS_RANK.indexOf(a) - STATUS_RANK.indexOf(b))[0];
  return { sellable, unlimited, status: best ?? 'unavailable', locations };
}
