import type { Location } from '@tally/inventory-application';
import type { BackorderPolicy, StockLevel } from '@tally/inventory-domain';
import { ATTRIBUTE_PREFIX } from './comestri-inventory.mapper';
import { DISPATCH_TIME_UNITS, LEAD_TIME_UNITS, STOCK_AVAILABILITIES, type BackOrderHandling, type ComestriInventoryRecord } from './comestri-inventory.model';

/** What a record is about, besides its level. */
export interface RecordContext {
  /** The record's id: the number of its place (ADR 0032). */
  readonly recordId: number;
  readonly location: Pick<Location, 'id' | 'code'>;
  /** This connection's external id of the item (Comestri `product_id`), if any. */
  readonly productId: string | null;
  /** The item's sku (Comestri `product_code`). */
  readonly productCode: string | null;
}

const HANDLING: Readonly<Record<BackorderPolicy, BackOrderHandling | null>> = {
  none: null,
  backorder: 'back_orderable',
  preorder: 'pre_orderable',
};

/**
 * Renders a level as the document's response example: every field, from what Tally holds
 * now. Figures come from the level (so writes of other sources show); Comestri's own
 * spelling (units, style, sku, times as sent) from its `comestri.*` attributes.
 */
export function renderInventoryRecord(level: StockLevel, context: RecordContext): ComestriInventoryRecord {
  const attrs = level.details.attributes;
  const attr = (key: string): string | null => {
    const value = attrs[ATTRIBUTE_PREFIX + key];
    return value === undefined || value === '' ? null : value;
  };
  const f = level.figures;
  const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
    value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
  const dispatchUnit = pick(attr('dispatch_time_unit'), DISPATCH_TIME_UNITS);
  const leadUnit = pick(attr('lead_time_unit'), LEAD_TIME_UNITS);
  const sentStamp = attr('source_system_stock_timestamp');
  const stampMatches = sentStamp !== null && level.sourceTimestamp !== null && Date.parse(sentStamp) === Date.parse(level.sourceTimestamp);
  return {
    id: context.recordId,
    qty: f.onHand,
    available_qty: f.availableReported,
    stock_availability: f.restriction !== 'none' ? 'out_of_stock' : pick(attr('stock_availability'), STOCK_AVAILABILITIES),
    out_of_stock_threshold: f.outOfStockThreshold > 0 || attr('out_of_stock_threshold') !== null ? f.outOfStockThreshold : null,
    dispatch_time: attr('dispatch_time') !== null ? Number(attr('dispatch_time')) : level.details.dispatchTimeDays,
    dispatch_time_unit: attr('dispatch_time') !== null && dispatchUnit ? dispatchUnit : 'day',
    unit_cost: level.details.unitCost === null ? null : Number(level.details.unitCost),
    style: f.infinite ? 'perpetual' : attr('style') === 'static' ? 'static' : 'dynamic',
    sku: attr('sku'),
    lead_time: attr('lead_time') !== null ? Number(attr('lead_time')) : level.details.leadTimeDays,
    lead_time_unit: attr('lead_time') !== null ? (leadUnit ?? 'hours') : level.details.leadTimeDays !== null ? 'days' : 'hours',
    stock_arrival_date: attr('stock_arrival_date'),
    back_order_handling: HANDLING[f.backorderPolicy],
    back_order_allocation: f.backorder > 0 || attr('back_order_allocation') !== null ? f.backorder : null,
    source_system_stock_timestamp: stampMatches ? sentStamp : level.sourceTimestamp,
    support_shipping: true,
    inventory_source: { id: context.location.id, name: context.location.code },
    product_id: context.productId !== null && /^\d+$/.test(context.productId) ? Number(context.productId) : null,
    product_code: context.productCode,
  };
}
