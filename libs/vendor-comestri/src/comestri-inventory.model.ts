/** `stock_availability` values of the Comestri contract. */
export const STOCK_AVAILABILITIES = ['out_of_stock', 'in_stock'] as const;
/** `dispatch_time_unit` values of the Comestri contract. */
export const DISPATCH_TIME_UNITS = ['day', 'hour'] as const;
/** `lead_time_unit` values of the Comestri contract. */
export const LEAD_TIME_UNITS = ['months', 'weeks', 'days', 'hours'] as const;
/** `back_order_handling` values of the Comestri contract. */
export const BACK_ORDER_HANDLINGS = ['pre_orderable', 'back_orderable'] as const;
/** `style` values of the Comestri contract. */
export const STYLES = ['dynamic', 'static', 'perpetual'] as const;

/** One of {@link STOCK_AVAILABILITIES}. */
export type StockAvailability = (typeof STOCK_AVAILABILITIES)[number];
/** One of {@link DISPATCH_TIME_UNITS}. */
export type DispatchTimeUnit = (typeof DISPATCH_TIME_UNITS)[number];
/** One of {@link LEAD_TIME_UNITS}. */
export type LeadTimeUnit = (typeof LEAD_TIME_UNITS)[number];
/** One of {@link BACK_ORDER_HANDLINGS}. */
export type BackOrderHandling = (typeof BACK_ORDER_HANDLINGS)[number];
/** One of {@link STYLES}. */
export type InventoryStyle = (typeof STYLES)[number];

/**
 * A validated `inventory` hash. An optional field is `undefined` when the client left it
 * out (the stored value stays) and `null` when it sent null (the stored value is cleared).
 */
export interface ComestriInventoryInput {
  readonly inventorySource: string;
  /** Exactly one of `productId` and `productCode` is set. */
  readonly productId: number | null;
  readonly productCode: string | null;
  readonly sku?: string | null;
  readonly qty: number;
  readonly availableQty?: number | null;
  readonly stockAvailability?: StockAvailability | null;
  readonly outOfStockThreshold?: number | null;
  readonly dispatchTime?: number | null;
  readonly dispatchTimeUnit?: DispatchTimeUnit | null;
  readonly leadTime?: number | null;
  readonly leadTimeUnit?: LeadTimeUnit | null;
  /** As sent; checked to be ISO-8601. */
  readonly stockArrivalDate?: string | null;
  readonly backOrderHandling?: BackOrderHandling | null;
  readonly backOrderAllocation?: number | null;
  /** As sent; checked to be ISO-8601. */
  readonly sourceSystemStockTimestamp?: string | null;
  /** Decimal string, as sent (numbers are kept exact as strings). */
  readonly unitCost?: string | null;
  readonly style?: InventoryStyle | null;
}

/** The inventory record a Comestri client gets back (the document's response example). */
export interface ComestriInventoryRecord {
  /** A positive integer, stable per place (item × inventory source) of a tenant (ADR 0032). */
  readonly id: number;
  readonly qty: number | null;
  readonly available_qty: number | null;
  readonly stock_availability: StockAvailability | null;
  readonly out_of_stock_threshold: number | null;
  readonly dispatch_time: number | null;
  readonly dispatch_time_unit: DispatchTimeUnit;
  readonly unit_cost: number | null;
  readonly style: InventoryStyle;
  readonly sku: string | null;
  readonly lead_time: number | null;
  readonly lead_time_unit: LeadTimeUnit;
  readonly stock_arrival_date: string | null;
  readonly back_order_handling: BackOrderHandling | null;
  readonly back_order_allocation: number | null;
  readonly source_system_stock_timestamp: string | null;
  readonly support_shipping: boolean;
  readonly inventory_source: { readonly id: string; readonly name: string };
  /** Not in the document's example: added so list answers say which product a record is for. */
  readonly product_id: number | null;
  readonly product_code: string | null;
}
