import type { CanonicalLine, LocationKind } from '@tally/inventory-application';
import type { IncomingStock, StockPatch, StockWrite } from '@tally/inventory-domain';
import type { BreakdownPlace, SkuUpdate } from './retailops-push.model';

/**
 * The canonical lines of some SKUs of a push, applied as one snapshot batch (ADR 0031), and
 * which SKU each line came from. Each line names the kind its location is created as.
 */
export interface MappedPush {
  readonly lines: readonly CanonicalLine[];
  readonly skuOfLine: ReadonlyMap<number, string>;
  /** The location code each line writes at, for answers that name the place. */
  readonly placeOfLine: ReadonlyMap<number, string>;
}

/** The location code of the channel a push reports to, unless the connection names its own. */
export const channelCode = (channelId: number | null, defaultLocationCode: string | null): string =>
  defaultLocationCode ?? `retailops:channel:${channelId ?? 'default'}`;

/** The location code of a RetailOPS facility or vendor; names are RetailOPS's own. */
export const placeCode = (place: BreakdownPlace): string => `retailops:${place.kind}:${place.name}`;

/**
 * Maps validated SKUs to canonical writes (docs/architecture.md §4.2: every figure is *available*,
 * already net of RetailOPS's reservations, so `availableReported`; only `total_quantity`, which
 * ignores sellability, is `onHand`):
 * - each facility or vendor gets one level with the sum of its rows; inflight rows become its
 *   `incoming` list (replaced on every push, so delivered POs disappear);
 * - the top-line figure is a level at the channel's location only when the SKU has no stock rows.
 *   With stock rows the channel level is removed, so an item's availability (a sum over its
 *   locations) never counts the same units twice; the top-line figure is kept as the attribute
 *   `retailops.channelAvailable` of each stock row's level. A negative top-line (oversold) sells 0.
 * Every place of a SKU is named by a line, so the batch, applied as a snapshot, zeroes the
 * places of the SKU that the connection reported before and that this push leaves out.
 * @param firstLineNo the number of the first line (chunks of one push number their lines on).
 */
export function mapPush(updates: readonly SkuUpdate[], channel: string, firstLineNo = 1): MappedPush {
  const lines: CanonicalLine[] = [];
  const skuOfLine = new Map<number, string>();
  const placeOfLine = new Map<number, string>();
  let lineNo = firstLineNo - 1;
  const add = (kind: LocationKind, sku: string, code: string, write: StockWrite): void => {
    lineNo += 1;
    skuOfLine.set(lineNo, sku);
    placeOfLine.set(lineNo, code);
    lines.push({ lineNo, item: { sku }, location: { code }, write, sourceTimestamp: null, createLocationAs: kind });
  };
  for (const update of updates) {
    const hasStockRows = update.rows.some((r) => r.inflight === null);
    // There is no channel kind: the channel is created as an inventory source.
    if (hasStockRows) add('inventory_source', update.sku, channel, { kind: 'remove' });
    else
      add('inventory_source', update.sku, channel, {
        kind: 'set',
        patch: { availableReported: Math.max(0, update.available), ...attributesPatch(update.attributes) },
      });
    const extra = hasStockRows ? { ...update.attributes, 'retailops.channelAvailable': String(update.available) } : {};
    for (const [code, group] of groupRows(update)) add(group.kind, update.sku, code, { kind: 'set', patch: group.patch(extra) });
  }
  return { lines, skuOfLine, placeOfLine };
}

/** How many lines {@link mapPush} makes of a SKU: its channel line and one per place. */
export function linesOf(update: SkuUpdate): number {
  return 1 + new Set(update.rows.map((r) => placeCode(r.place))).size;
}

/**
 * Splits a push's SKUs into groups of about `maxLines` lines, each applied as one transaction.
 * Every update of one SKU lands in the same group (a SKU named twice is still one snapshot), and
 * a SKU is never split; groups keep the order in which SKUs first appear.
 */
export function chunkUpdates(updates: readonly SkuUpdate[], maxLines: number): SkuUpdate[][] {
  const bySku = new Map<string, SkuUpdate[]>();
  for (const update of updates) {
    const group = bySku.get(update.sku);
    if (group) group.push(update);
    else bySku.set(update.sku, [update]);
  }
  const chunks: SkuUpdate[][] = [];
  let current: SkuUpdate[] = [];
  let count = 0;
  for (const group of bySku.values()) {
    const size = group.reduce((sum, u) => sum + linesOf(u), 0);
    if (current.length && count + size > maxLines) {
      chunks.push(current);
      current = [];
      count = 0;
    }
    current.push(...group);
    count += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

interface PlaceGroup {
  readonly kind: LocationKind;
  /** The write of the place; attributes of the SKU (`extra`) are merged into the place's own. */
  patch(extra: Readonly<Record<string, string>>): StockPatch;
}

function groupRows(update: SkuUpdate): Map<string, PlaceGroup> {
  const groups = new Map<
    string,
    { kind: LocationKind; available: number | null; total: number | null; counted: boolean; incoming: IncomingStock[]; attributes: Record<string, string> }
  >();
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
