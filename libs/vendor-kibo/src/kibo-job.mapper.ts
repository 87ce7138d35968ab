import type { StockPatch, StockWrite } from '@tally/inventory-domain';
import { ApplicationErrorCodes, type CanonicalLine, type Connection, type ItemReference, type JobMessage, type NewJob } from '@tally/inventory-application';
import type { KiboInventoryCall, KiboInventoryRequest, KiboItem } from './kibo-inventory.parser';

/** Codes of the job messages the Kibo dialect adds to a job's own. */
export const KiboErrorCodes = {
  /** An item merged into an earlier line of the same request. */
  duplicateItem: 'KIBO.DUPLICATE_ITEM',
  /** An item refused by validation. */
  invalidItem: ApplicationErrorCodes.validation,
} as const;

/** A code of the Kibo dialect's job messages. */
export type KiboErrorCode = (typeof KiboErrorCodes)[keyof typeof KiboErrorCodes];
/** Attribute under which `ltd` (Kibo's store-prioritization figure) is kept. */
export const KIBO_LTD_ATTRIBUTE = 'kibo.ltd';

/** Who submits the job. */
export interface KiboJobContext {
  readonly connection: Connection;
  readonly added: string;
}

/**
 * Turns a validated refresh or adjust into a stock job. Refresh: `quantity` is the absolute
 * on-hand count at the location (not net of reservations), a partial refresh. Adjust: `quantity`
 * is a delta of on hand. Duplicate items are merged in document order (later fields win,
 * attributes add up, adjust deltas add up) and each merge is reported.
 */
export function mapKiboToJob(request: KiboInventoryRequest, call: KiboInventoryCall, context: KiboJobContext): NewJob {
  const { connection } = context;
  const messages: JobMessage[] = [];
  const labels: string[] = [];
  for (const rejected of request.rejected) {
    labels[rejected.index] = rejected.label;
    messages.push({
      line: rejected.index,
      item: rejected.label,
      code: KiboErrorCodes.invalidItem,
      message: rejected.problems.map((p) => `${p.field} ${p.message}`).join('; '),
    });
  }
  const merged = new Map<string, KiboItem>();
  for (const item of request.items) {
    const key = keyOf(item);
    labels[item.index] = key;
    const first = merged.get(key);
    if (!first) {
      merged.set(key, item);
      continue;
    }
    merged.set(key, mergeItems(first, item, call));
    messages.push({ line: item.index, item: key, code: KiboErrorCodes.duplicateItem, message: `${key} is repeated; merged into items[${first.index}]` });
  }
  const lines: CanonicalLine[] = [...merged.values()].map((item) => ({
    lineNo: item.index,
    item: referenceOf(item),
    location: { code: request.locationName },
    write: call === 'refresh' ? { kind: 'set', patch: patchOf(item) } : adjustOf(item),
    sourceTimestamp: null,
    itemIdentifiers: {
      ...(item.sku !== undefined ? { sku: item.sku } : {}),
      ...(item.gtin !== undefined ? { gtin: item.gtin } : {}),
      ...(item.partNumber !== undefined ? { partNumber: item.partNumber } : {}),
    },
  }));
  messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    kind: call === 'refresh' ? 'REFRESH' : 'ADJUST',
    tenantId: connection.tenantId,
    orderingKey: `${connection.tenantId}|${request.locationName}`,
    locationCode: request.locationName,
    itemCount: request.itemCount,
    processed: request.itemCount - lines.length,
    messages,
    added: context.added,
    payload: {
      connectionId: connection.id,
      actor: `kibo:${connection.credentialId}`,
      reference: null,
      lines,
      labels: Array.from({ length: request.itemCount }, (_, i) => labels[i] ?? `items[${i}]`),
      ...(call === 'refresh' ? { refresh: { mode: 'partial' as const, location: { code: request.locationName } } } : {}),
      createLocationsAs: 'store',
    },
  };
}

/** The identifier the item is looked up by: sku, then UPC (as GTIN-14), then part number. */
function referenceOf(item: KiboItem): ItemReference {
  if (item.sku !== undefined) return { sku: item.sku };
  if (item.gtin !== undefined) return { gtin: item.gtin };
  return { partNumber: item.partNumber as string };
}

function keyOf(item: KiboItem): string {
  if (item.sku !== undefined) return `sku ${item.sku}`;
  if (item.gtin !== undefined) return `upc ${item.gtin}`;
  return `partNumber ${item.partNumber as string}`;
}

function mergeItems(first: KiboItem, later: KiboItem, call: KiboInventoryCall): KiboItem {
  if (call === 'adjust') return { ...first, quantity: first.quantity + later.quantity };
  const attributes = first.attributes || later.attributes ? [...new Set([...(first.attributes ?? []), ...(later.attributes ?? [])])] : undefined;
  return { ...first, ...later, index: first.index, ...(attributes ? { attributes } : {}) };
}

function patchOf(item: KiboItem): StockPatch {
  const attributes: Record<string, string> = {};
  for (const name of item.attributes ?? []) attributes[name] = 'true';
  if (item.ltd !== undefined) attributes[KIBO_LTD_ATTRIBUTE] = String(item.ltd);
  return {
    onHand: item.quantity,
    ...(item.floor !== undefined ? { floor: item.floor } : {}),
    ...(item.safetyStock !== undefined ? { safetyStock: item.safetyStock } : {}),
    ...(item.binID !== undefined ? { binId: String(item.binID) } : {}),
    ...(item.retailPrice !== undefined ? { price: String(item.retailPrice) } : {}),
    ...(item.currencyID !== undefined ? { currency: String(item.currencyID) } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}

function adjustOf(item: KiboItem): StockWrite {
  return { kind: 'adjust', delta: item.quantity, figure: 'on_hand', allowNegative: false };
}
