import { levelAvailability } from '@tally/inventory-domain';
import { firstOfEachKind } from '../model/item-identifier.model';
import type { ItemOverviewFacts } from '../model/item-overview.model';

/** A place the low-stock list shows: out of stock, or at or below its low-stock threshold. */
export interface LowStockPlace {
  readonly itemId: string;
  readonly name: string | null;
  readonly sku: string | null;
  readonly gtin: string | null;
  readonly partNumber: string | null;
  readonly locationId: string;
  readonly status: 'low_stock' | 'out_of_stock';
  readonly onHand: number | null;
  readonly reserved: number;
  /** Sellable units (the domain's availability: never negative). */
  readonly sellable: number;
  /** The units the threshold is measured against: on hand − reserved (or available as reported) − max(safety stock, floor); may be negative. */
  readonly headroom: number;
  readonly lowStockThreshold: number | null;
  readonly outOfStockThreshold: number;
  /** The low-stock threshold when set, else the out-of-stock threshold. */
  readonly threshold: number;
  /** `threshold − headroom`: how many units the place is below (0: exactly at) its threshold. */
  readonly shortfall: number;
  readonly updatedAt: string;
}

/**
 * The places with a record whose availability is `out_of_stock` or `low_stock` (the domain's
 * rules, so they agree with the level's status everywhere else): out of stock first, then by
 * shortfall, largest first, then by item and location id so the order is stable. Places that may
 * be sold on back order or pre-order, restricted or unlimited places are not short of stock.
 */
export function lowStockPlaces(facts: readonly ItemOverviewFacts[]): LowStockPlace[] {
  const places: LowStockPlace[] = [];
  for (const item of facts) {
    const first = firstOfEachKind(item.identifiers);
    for (const level of item.levels) {
      if (!level.present) continue;
      const { status, sellable } = levelAvailability(level);
      if (status !== 'low_stock' && status !== 'out_of_stock') continue;
      const f = level.figures;
      const headroom = (f.availableReported ?? (f.onHand ?? 0) - f.reserved) - Math.max(f.safetyStock, f.floor);
      const threshold = f.lowStockThreshold ?? f.outOfStockThreshold;
      places.push({
        itemId: item.itemId,
        name: item.name,
        sku: first.sku,
        gtin: first.gtin,
        partNumber: first.partNumber,
        locationId: level.locationId,
        status,
        onHand: f.onHand,
        reserved: f.reserved,
        sellable,
        headroom,
        lowStockThreshold: f.lowStockThreshold,
        outOfStockThreshold: f.outOfStockThreshold,
        threshold,
        shortfall: threshold - headroom,
        updatedAt: level.updatedAt,
      });
    }
  }
  const rank = (p: LowStockPlace) => (p.status === 'out_of_stock' ? 0 : 1);
  return places.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.shortfall - a.shortfall ||
      (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0) ||
      (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0),
  );
}
