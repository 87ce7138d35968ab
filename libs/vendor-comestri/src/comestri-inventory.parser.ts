import { findUnsafeText, isJsonObject, type FieldProblem } from '@tally/vendor-kit';
import { err, ok, type Result } from '@tally/inventory-domain';
import {
  BACK_ORDER_HANDLINGS,
  DISPATCH_TIME_UNITS,
  LEAD_TIME_UNITS,
  STOCK_AVAILABILITIES,
  STYLES,
  type ComestriInventoryInput,
} from './comestri-inventory.model';
import { FieldCollector, integer, isoTime, numeric, oneOf, text } from './comestri-field.validators';

/** The parameters of the `inventory` hash, as the document lists them. */
export const INVENTORY_PARAMS = [
  'inventory_source',
  'product_code',
  'product_id',
  'sku',
  'qty',
  'available_qty',
  'stock_availability',
  'out_of_stock_threshold',
  'dispatch_time',
  'dispatch_time_unit',
  'lead_time',
  'lead_time_unit',
  'stock_arrival_date',
  'back_order_handling',
  'back_order_allocation',
  'source_system_stock_timestamp',
  'unit_cost',
  'style',
] as const;

/** A parsed request, or every problem found in it. */
export type ParsedInventory = Result<ComestriInventoryInput, readonly FieldProblem[]>;

/**
 * Parses the body of `POST /api/v2/inventories` strictly against the document: every
 * parameter's type and enum, `product_id` xor `product_code`, ISO-8601 times. Unknown
 * parameters are refused, so a misspelt field never passes silently; so is text Tally never
 * accepts anywhere in the body (a NUL, a lone surrogate: the kit's `unsafeTextReason`).
 */
export function parseInventoryRequest(body: unknown): ParsedInventory {
  if (!isJsonObject(body)) return err([{ field: 'body', message: 'must be a JSON object' }]);
  const unsafe = findUnsafeText(body, '', (parent, key) => (parent ? `${parent}[${key}]` : String(key)));
  if (unsafe) return err([unsafe]);
  const extra = Object.keys(body).filter((k) => k !== 'inventory');
  const top: FieldProblem[] = extra.map((k) => ({ field: k, message: 'is not a parameter of this request' }));
  if (!('inventory' in body) || body['inventory'] === null) return err([{ field: 'inventory', message: 'is missing' }, ...top]);
  const raw = body['inventory'];
  if (!isJsonObject(raw)) return err([{ field: 'inventory', message: 'must be a Hash' }, ...top]);

  const c = new FieldCollector();
  c.problems.push(...top);
  for (const key of Object.keys(raw)) {
    if (!(INVENTORY_PARAMS as readonly string[]).includes(key)) c.add(key, 'is not a parameter of inventory');
  }
  const inventorySource = c.required(raw, 'inventory_source', (v) => text(v));
  const productCode = c.optional(raw, 'product_code', (v) => text(v));
  const productId = c.optional(raw, 'product_id', (v) => integer(v, 1));
  const productIdSent = raw['product_id'] !== undefined && raw['product_id'] !== null;
  const productCodeSent = raw['product_code'] !== undefined && raw['product_code'] !== null;
  if (productIdSent && productCodeSent) {
    c.add('product_id', 'must not be provided together with product_code');
    c.add('product_code', 'must not be provided together with product_id');
  } else if (!productIdSent && !productCodeSent) {
    c.add('product_id', 'one of product_id and product_code is required');
  }
  const input = {
    inventorySource,
    productId: productId ?? null,
    productCode: productCode ?? null,
    sku: c.optional(raw, 'sku', (v) => text(v)),
    qty: c.required(raw, 'qty', (v) => integer(v)),
    availableQty: c.optional(raw, 'available_qty', (v) => integer(v)),
    stockAvailability: c.optional(raw, 'stock_availability', (v) => oneOf(v, STOCK_AVAILABILITIES)),
    outOfStockThreshold: c.optional(raw, 'out_of_stock_threshold', (v) => integer(v, 0)),
    dispatchTime: c.optional(raw, 'dispatch_time', (v) => integer(v, 0)),
    dispatchTimeUnit: c.optional(raw, 'dispatch_time_unit', (v) => oneOf(v, DISPATCH_TIME_UNITS)),
    leadTime: c.optional(raw, 'lead_time', (v) => integer(v, 0)),
    leadTimeUnit: c.optional(raw, 'lead_time_unit', (v) => oneOf(v, LEAD_TIME_UNITS)),
    stockArrivalDate: c.optional(raw, 'stock_arrival_date', (v) => isoTime(v, true)),
    backOrderHandling: c.optional(raw, 'back_order_handling', (v) => oneOf(v, BACK_ORDER_HANDLINGS)),
    backOrderAllocation: c.optional(raw, 'back_order_allocation', (v) => integer(v, 0)),
    sourceSystemStockTimestamp: c.optional(raw, 'source_system_stock_timestamp', (v) => isoTime(v, false)),
    unitCost: c.optional(raw, 'unit_cost', numeric),
    style: c.optional(raw, 'style', (v) => oneOf(v, STYLES)),
  };
  if (c.problems.length > 0 || input.inventorySource === null || input.qty === null) {
    return err(c.problems);
  }
  return ok({ ...input, inventorySource: input.inventorySource, qty: input.qty });
}
