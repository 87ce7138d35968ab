import type { CanonicalLine } from '@tally/inventory-application';
import type { BackorderPolicy, StockPatch } from '@tally/inventory-domain';
import type { BackOrderHandling, ComestriInventoryInput, DispatchTimeUnit, LeadTimeUnit } from './comestri-inventory.model';

/** Prefix of the level attributes that keep Comestri's own spelling of a record. */
export const ATTRIBUTE_PREFIX = 'comestri.';

/** Reference of the incoming entry that carries `stock_arrival_date`. */
export const ARRIVAL_REFERENCE = 'comestri:stock_arrival_date';

const HOURS_PER_DAY = 24;
const DAYS_PER_UNIT: Readonly<Record<LeadTimeUnit, number>> = { hours: 1 / HOURS_PER_DAY, days: 1, weeks: 7, months: 30 };

const BACKORDER_POLICY: Readonly<Record<BackOrderHandling, BackorderPolicy>> = {
  back_orderable: 'backorder',
  pre_orderable: 'preorder',
};

/** Whole days, rounded up, so a 36-hour lead time is never promised as one day. */
export function toDays(amount: number, unit: LeadTimeUnit | DispatchTimeUnit): number {
  const perUnit = unit === 'day' ? 1 : unit === 'hour' ? 1 / HOURS_PER_DAY : DAYS_PER_UNIT[unit];
  return Math.ceil(amount * perUnit);
}

/**
 * Maps a validated Comestri record to one canonical `set` line. `qty` is on hand and
 * `available_qty` is available as the source reports it (already net of its reservations):
 * the two are kept apart (docs/architecture.md §4.2). Fields left out stay as they are; fields sent
 * as null go back to their default. Comestri's own spelling (units, style, sku, the
 * times as sent) is kept in `comestri.*` attributes so the record renders back as sent.
 */
export function toCanonicalLine(input: ComestriInventoryInput, connectionId: string): CanonicalLine {
  const patch: Record<string, unknown> = { onHand: input.qty };
  const attributes: Record<string, string> = {};
  const keep = (key: string, value: string | number | null | undefined): void => {
    if (value !== undefined) attributes[ATTRIBUTE_PREFIX + key] = value === null ? '' : String(value);
  };
  if (input.availableQty !== undefined) patch['availableReported'] = input.availableQty;
  if (input.stockAvailability !== undefined) {
    patch['restriction'] = input.stockAvailability === 'out_of_stock' ? 'temporarily_unavailable' : 'none';
  }
  if (input.outOfStockThreshold !== undefined) patch['outOfStockThreshold'] = input.outOfStockThreshold ?? 0;
  if (input.dispatchTime !== undefined) {
    patch['dispatchTimeDays'] = input.dispatchTime === null ? null : toDays(input.dispatchTime, input.dispatchTimeUnit ?? 'day');
  }
  if (input.leadTime !== undefined) {
    patch['leadTimeDays'] = input.leadTime === null ? null : toDays(input.leadTime, input.leadTimeUnit ?? 'hours');
  }
  if (input.stockArrivalDate !== undefined) {
    // Comestri gives a date but no quantity: the entry says when stock arrives, not how much.
    patch['incoming'] = input.stockArrivalDate === null ? [] : [{ quantity: 0, expectedAt: input.stockArrivalDate, reference: ARRIVAL_REFERENCE }];
  }
  if (input.backOrderHandling !== undefined) {
    patch['backorderPolicy'] = input.backOrderHandling === null ? 'none' : BACKORDER_POLICY[input.backOrderHandling];
  }
  if (input.backOrderAllocation !== undefined) patch['backorder'] = input.backOrderAllocation ?? 0;
  if (input.unitCost !== undefined) patch['unitCost'] = input.unitCost;
  if (input.style !== undefined) patch['infinite'] = input.style === 'perpetual';
  keep('sku', input.sku);
  keep('stock_availability', input.stockAvailability);
  keep('out_of_stock_threshold', input.outOfStockThreshold);
  keep('dispatch_time', input.dispatchTime);
  keep('dispatch_time_unit', input.dispatchTimeUnit);
  keep('lead_time', input.leadTime);
  keep('lead_time_unit', input.leadTimeUnit);
  keep('stock_arrival_date', input.stockArrivalDate);
  keep('back_order_allocation', input.backOrderAllocation);
  keep('source_system_stock_timestamp', input.sourceSystemStockTimestamp);
  keep('style', input.style);
  if (Object.keys(attributes).length > 0) patch['attributes'] = attributes;
  return {
    lineNo: 1,
    item: input.productId !== null ? { external: { connectionId, externalId: String(input.productId) } } : { sku: input.productCode as string },
    location: { code: input.inventorySource },
    write: { kind: 'set', patch: patch as StockPatch },
    sourceTimestamp: input.sourceSystemStockTimestamp ?? null,
    ...(input.productCode !== null ? { itemIdentifiers: { sku: input.productCode } } : {}),
  };
}
