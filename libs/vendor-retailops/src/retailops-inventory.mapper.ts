import type { CanonicalLine, LocationKind } from '@tally/inventory-application';
import type { IncomingStock, StockPatch, StockWrite } from '@tally/inventory-domain';
import type { BreakdownPlace, SkuUpdate } from './retailops-push.model';

/** The lines of one location kind: ApplyStockBatch creates missing locations as one kind per batch. */
export interface KindBatch {
  readonly kind: LocationKind;
  readonly lines: readonly CanonicalLine[];
}

/** Canonical batches of a push, and which SKU (by its position) each line came from. */
export interface MappedPush {
  readonly batches: readonly KindBatch[];
  readonly skuOfLine: ReadonlyMap<number, string>;
}

/** The location code of the channel a push reports to, unless the connection names its own. */
export const channelCode = (channelId: number | null, defaultLocationCode: string | null): string =>
  defaultLocationCode ?? `retailops:channel:${channelId ?? 'default'}`;

/** The location code of a RetailOPS facility or vendor; names are RetailOPS's own. */
export const placeCode = (place: BreakdownPlace): string => `retailops:${place.kind}:${place.name}`;

/**
 * Maps validated SKUs to canonical `set` writes (DESIGN.md §4.2: every figure is *available*,
 * already net of RetailOPS's reservations, so `availableReported`; only `total_quantity`, which
 * ignores sellability, is `onHand`):
 * - each facility or vendor gets one level with the sum of its rows; inflight rows become its
 *   `incoming` list (replaced on every push, so delivered POs disappear);
 * - the top-line figure is a level at the channel's location only when the SKU has no stock rows.
 *   With stock rows the channel level is removed, so an item's availability (a sum over its
 *   locations) never counts the same units twice; the top-line figure is kept as the attribute
 *   `retailops.channelAvailable` of each stock row's level.
 * Batches come in a fixed order (channel, facility, vendor) so a replay meets them in the same order.
 */
export function mapPush(updates: readonly SkuUpdate[], channel: string): MappedPush {
  const byKind = new Map<LocationKind, CanonicalLine[]>([
    ['inventory_source', []],
    ['facility', []],
    ['vendor', []],
  ]);
  const skuOfLine = new Map<number, string>();
  let lineNo = 0;
  const add = (kind: LocationKind, sku: string, code: string, write: StockWrite): void => {
    lineNo += 1;
    skuOfLine.set(lineNo, sku);
    byKind.set(kind, [...(byKind.get(kind) ?? []), { lineNo, item: { sku }, location: { code }, write, sourceTimestamp: null }]);
  };
  const push = (kind: LocationKind, sku: string, code: string, patch: StockPatch): void => add(kind, sku, code, { kind: 'set', patch });
  const removeAt = (kind: LocationKind, sku: string, code: string): void => add(kind, sku, code, { kind: 'remove' });
  for (const update of updates) {
    const hasStockRows = update.rows.some((r) => r.inflight === null);
    if (hasStockRows) removeAt('inventory_source', update.sku, channel);
    else push('inventory_source', update.sku, channel, { availableReported: update.available, ...attributesPatch(update.attributes) });
    const extra = hasStockRows ? { ...update.attributes, 'retailops.channelAvailable': String(update.available) } : {};
    for (const [code, group] of groupRows(update)) push(group.kind, update.sku, code, group.patch(extra));
  }
  return { batches: [...byKind].filter(([, lines]) => lines.length).map(([kind, lines]) => ({ kind, lines })), skuOfLine };
}

interface PlaceGroup {
  readonly kind: LocationKind;
  /** The write of the place; attributes of the SKU (`extra`) are merged into the place's own. */
  patch(extra: Readonly<Record<string, string>>): StockPatch;
}

function groupRows(update: SkuUpdate): Map<string, PlaceGroup> {
  const groups = new Map<string, { kind: LocationKind; available: number | null; total: number | null; counted: boolean; incoming: IncomingStock[]; attributes: Record<string, string> }>();
  for (const row of update.rows) {
    const code = placeCode(row.place);
    const g = groups.get(code) ?? { kind: row.place.kind, available: null, total: null, counted: false, incoming: [], attributes: {} };
    if (row.inflight) {
      g.incoming.push({ quantity: row.inflight.quantity, expectedAt: row.inflight.expectedAt, reference: row.inflight.po });
    } else {
      g.counted = true;
      if (row.available !== null) g.available = (g.available ?? 0) + row.available;
      if (row.total !== null) g.total = (g.total ?? 0) + row.total;
    }
    Object.assign(g.attributes, row.attributes);
    groups.set(code, g);
  }
  const out = new Map<string, PlaceGroup>();
  for (const [code, g] of groups) {
    out.set(code, {
      kind: g.kind,
      patch: (extra) => ({
        ...(g.counted && g.available !== null ? { availableReported: g.available } : {}),
        ...(g.total !== null ? { onHand: g.total } : {}),
        // A row of stock without inflight rows means nothing is on order there any more.
        ...(g.counted || g.incoming.length ? { incoming: g.incoming } : {}),
        ...attributesPatch({ ...extra, ...g.attributes }),
      }),
    });
  }
  return out;
}

function attributesPatch(attributes: Readonly<Record<string, string>>): StockPatch {
  return Object.keys(attributes).length ? { attributes } : {};
}
