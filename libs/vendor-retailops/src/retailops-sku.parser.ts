import { err, ok, type Result } from '@tally/inventory-domain';
import { findUnsafeText, isSafeText, type FieldProblem, type JsonObject } from '@tally/vendor-kit';
import {
  FieldError,
  instantOf,
  readArray,
  readInteger,
  readObject,
  readOptionalInteger,
  readOptionalText,
  readText,
  RETAILOPS_LIMITS,
} from './retailops-field.reader';
import type { BreakdownRow, ParsedSkus, PushShape, SkuProblem, SkuUpdate } from './retailops-push.model';

/**
 * Reads every SKU of a push whose envelope is valid. A bad SKU is reported and skipped; the
 * others stay valid (docs/architecture.md §4.6). Only a broken container (the list itself) refuses the request.
 */
export function parseSkus(body: JsonObject, shape: PushShape): Result<ParsedSkus, FieldProblem> {
  try {
    const raw = shape === 'documented' ? documentedSkus(body) : sdkSkus(body);
    const updates: SkuUpdate[] = [];
    const problems: SkuProblem[] = [];
    raw.forEach((value, index) => {
      const prefix = shape === 'documented' ? 'data.inventory.data' : `inventory_updates[${index}]`;
      try {
        // Any text of the SKU Tally never accepts, read or not (a NUL, a lone surrogate), refuses this SKU alone.
        const unsafe = findUnsafeText(value, prefix);
        if (unsafe) throw new FieldError(unsafe.field, unsafe.message);
        updates.push(shape === 'documented' ? documentedSku(value, prefix) : sdkSku(value, prefix, index));
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        problems.push({ index, sku: skuOf(value), field: error.field, message: error.message });
      }
    });
    return ok({ updates, problems });
  } catch (error) {
    if (error instanceof FieldError) return err({ field: error.field, message: error.message });
    throw error;
  }
}

function documentedSkus(body: JsonObject): readonly unknown[] {
  const inventory = readObject(readObject(body['data'], 'data')['inventory'], 'data.inventory');
  return [readObject(inventory['data'], 'data.inventory.data')];
}

/** The SDK schema does not require `inventory_updates`: a push without it updates nothing. */
function sdkSkus(body: JsonObject): readonly unknown[] {
  const list = body['inventory_updates'];
  return list === undefined ? [] : readArray(list, 'inventory_updates', RETAILOPS_LIMITS.maxSkus);
}

/** The SKU an event names; null when it has none, or one that is not safe text (never echoed, nor stored with an answer). */
function skuOf(value: unknown): string | null {
  const sku = typeof value === 'object' && value !== null ? (value as JsonObject)['sku'] : undefined;
  return typeof sku === 'string' && sku.trim() && isSafeText(sku) ? sku.trim().slice(0, RETAILOPS_LIMITS.maxText) : null;
}

function documentedSku(value: unknown, at: string): SkuUpdate {
  const o = readObject(value, at);
  const sku = readText(o['sku'], `${at}.sku`);
  const id = readInteger(o['id'], `${at}.id`, 0, Number.MAX_SAFE_INTEGER);
  const concept = readText(o['concept'], `${at}.concept`);
  if (concept !== 'sku') throw new FieldError(`${at}.concept`, `must be "sku", not "${concept}"`);
  const available = readInteger(o['qty_available'], `${at}.qty_available`, -RETAILOPS_LIMITS.maxQuantity);
  const rows = readArray(o['qty_breakdown'], `${at}.qty_breakdown`, RETAILOPS_LIMITS.maxRowsPerSku).map((row, i) =>
    documentedRow(row, `${at}.qty_breakdown[${i}]`),
  );
  return withSum({ index: 0, sku, available, rows, attributes: { 'retailops.skuId': String(id) } });
}

/** `qty_breakdown[]`: units of one vendor; `sellable` is what may be sold, already net of reservations. */
function documentedRow(value: unknown, at: string): BreakdownRow {
  const o = readObject(value, at);
  const vendor = readText(o['vendor'], `${at}.vendor`);
  const sellable = readInteger(o['sellable'], `${at}.sellable`);
  const unclaimed = readInteger(o['unclaimed'], `${at}.unclaimed`);
  const orders = readArray(o['reserving_orders'], `${at}.reserving_orders`, RETAILOPS_LIMITS.maxReservingOrders);
  orders.forEach((order, i) => {
    // The document's own example is `[null]`: a null entry means "no order" and is skipped.
    if (order !== null && typeof order !== 'string' && !(typeof order === 'number' && Number.isInteger(order))) {
      throw new FieldError(`${at}.reserving_orders[${i}]`, 'must be an order id (integer or string) or null');
    }
  });
  const estShip = readText(o['est_ship'], `${at}.est_ship`);
  return {
    place: { kind: 'vendor', name: vendor },
    available: sellable,
    total: null,
    inflight: null,
    attributes: {
      'retailops.unclaimed': String(unclaimed),
      'retailops.reservingOrders': String(orders.filter((x) => x !== null).length),
      'retailops.estShip': instantOf(estShip) ?? estShip,
    },
  };
}

function sdkSku(value: unknown, at: string, index: number): SkuUpdate {
  const o = readObject(value, at);
  const sku = readText(o['sku'], `${at}.sku`);
  // The SDK schema sets no minimum: a negative figure means the channel is oversold (ADR 0031).
  const available = readInteger(o['quantity_available'], `${at}.quantity_available`, -RETAILOPS_LIMITS.maxQuantity);
  const detail = o['quantity_detail'];
  const rows =
    detail === undefined
      ? []
      : readArray(detail, `${at}.quantity_detail`, RETAILOPS_LIMITS.maxRowsPerSku).map((row, i) => sdkRow(row, `${at}.quantity_detail[${i}]`));
  return withSum({ index, sku, available, rows, attributes: {} });
}

/**
 * `quantity_detail[]`: `internal` units are at a RetailOPS facility, `external` ones at a vendor,
 * `inflight` ones on a purchase order (incoming at its destination, else its facility, else its vendor).
 */
function sdkRow(value: unknown, at: string): BreakdownRow {
  const o = readObject(value, at);
  const type = readText(o['quantity_type'], `${at}.quantity_type`);
  const available = readOptionalInteger(o['available_quantity'], `${at}.available_quantity`);
  const total = readOptionalInteger(o['total_quantity'], `${at}.total_quantity`);
  const vendor = readOptionalText(o['vendor_name'], `${at}.vendor_name`);
  const facility = readOptionalText(o['facility_name'], `${at}.facility_name`);
  const po = readOptionalText(o['po'], `${at}.po`);
  const destination = readOptionalText(o['po_destination'], `${at}.po_destination`);
  const date = readOptionalText(o['estimated_availability_date'], `${at}.estimated_availability_date`);
  const attributes: Record<string, string> = {};
  if (date !== null && type !== 'inflight') attributes['retailops.estimatedAvailabilityDate'] = instantOf(date) ?? date;
  if (type === 'internal') {
    if (facility === null) throw new FieldError(`${at}.facility_name`, 'is required for an internal quantity');
    return { place: { kind: 'facility', name: facility }, available, total, inflight: null, attributes };
  }
  if (type === 'external') {
    if (vendor === null) throw new FieldError(`${at}.vendor_name`, 'is required for an external quantity');
    return { place: { kind: 'vendor', name: vendor }, available, total, inflight: null, attributes };
  }
  if (type === 'inflight') {
    const where = destination ?? facility;
    const place = where !== null ? { kind: 'facility' as const, name: where } : vendor !== null ? { kind: 'vendor' as const, name: vendor } : null;
    if (!place) throw new FieldError(`${at}.po_destination`, 'an inflight quantity needs po_destination, facility_name or vendor_name');
    const quantity = available ?? total;
    if (quantity === null) throw new FieldError(`${at}.available_quantity`, 'an inflight quantity needs available_quantity or total_quantity');
    return { place, available: null, total: null, inflight: { quantity, expectedAt: instantOf(date), po }, attributes };
  }
  throw new FieldError(`${at}.quantity_type`, `must be one of internal, external, inflight, not "${type}"`);
}

/**
 * Adds what the breakdown claims is available: `sellable` rows, or `available_quantity` of the
 * internal and external rows, plus the inflight units (the SDK schema calls a PO's quantity
 * "considered to be available"). Only compared with the top-line figure: inflight units are
 * recorded as incoming, never as sellable. Null without stock rows: the top-line is then the
 * channel's level, and there is nothing to compare it with.
 */
function withSum(update: Omit<SkuUpdate, 'breakdownSum'>): SkuUpdate {
  if (!update.rows.some((r) => r.inflight === null)) return { ...update, breakdownSum: null };
  const breakdownSum = update.rows.reduce((sum, r) => sum + (r.inflight ? r.inflight.quantity : (r.available ?? 0)), 0);
  return { ...update, breakdownSum };
}
