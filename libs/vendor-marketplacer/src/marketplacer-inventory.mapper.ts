import type { CanonicalLine } from '@tally/inventory-application';
import type { StockLevel, StockPatch } from '@tally/inventory-domain';
import type { InventoryInput } from './marketplacer-inventory.parser';
import { sellerLocationCode } from './marketplacer-multi-store.model';

/**
 * The canonical line of one inventory write. `count_on_hand` is the seller's on-hand
 * quantity (`onHand`): Marketplacer keeps no reservations apart, so Tally subtracts only
 * what the level itself records as reserved (none from this dialect). Only the attributes
 * sent are changed.
 */
export function lineOfInventory(input: InventoryInput, sellerId: number, variantId: number, parentConnectionId: string, lineNo: number): CanonicalLine {
  const patch: { -readonly [K in keyof StockPatch]: StockPatch[K] } = {};
  if (input.countOnHand !== undefined) patch.onHand = input.countOnHand;
  if (input.infinite !== undefined) patch.infinite = input.infinite;
  if (input.price !== undefined) patch.price = input.price;
  if (input.salePrice !== undefined) patch.salePrice = input.salePrice;
  return {
    lineNo,
    item: { external: { connectionId: parentConnectionId, externalId: String(variantId) } },
    location: { code: sellerLocationCode(sellerId) },
    write: { kind: 'set', patch },
    sourceTimestamp: null,
  };
}

/** The line that deletes a seller's record: afterwards there is none, which is not zero. */
export function removalLine(sellerId: number, variantId: number, parentConnectionId: string): CanonicalLine {
  return {
    lineNo: 1,
    item: { external: { connectionId: parentConnectionId, externalId: String(variantId) } },
    location: { code: sellerLocationCode(sellerId) },
    write: { kind: 'remove' },
    sourceTimestamp: null,
  };
}

/** An inventory record as the document shows it. */
export interface InventoryResource {
  readonly id: number;
  readonly type: 'inventories';
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * Renders a seller's level as an inventory: its id is the seller id (one record per seller
 * and variant). An infinite record shows only `infinite` and `seller_id`, as the document's
 * answers do; otherwise prices are decimal strings or null, and a level never given a count
 * shows 0.
 */
export function inventoryResourceOf(sellerId: number, level: Pick<StockLevel, 'figures' | 'details'>): InventoryResource {
  if (level.figures.infinite) return { id: sellerId, type: 'inventories', attributes: { infinite: true, seller_id: sellerId } };
  return {
    id: sellerId,
    type: 'inventories',
    attributes: {
      count_on_hand: level.figures.onHand ?? 0,
      price: level.details.price,
      sale_price: level.details.salePrice,
      infinite: false,
      seller_id: sellerId,
    },
  };
}
