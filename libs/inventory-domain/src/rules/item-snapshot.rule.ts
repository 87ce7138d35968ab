import type { StockLine } from '../model/stock-write.command.js';
import { levelKeyString, type LevelKey } from '../model/stock-level.aggregate.js';
import { newerSourceTime } from './source-time.rule.js';

/**
 * A batch in which each item's lines are that connection's whole report of the item: the
 * places of those items that the connection observed before and that no line names now hold
 * nothing any more (a RetailOPS push, ADR 0031).
 */
export interface ItemSnapshot {
  readonly lines: readonly StockLine[];
  /** The document's last line number, lines that did not resolve included; default the last of `lines`. */
  readonly lastLineNo?: number;
}

/**
 * Expands a snapshot into the lines to reconcile: the lines as given, then one zeroing line
 * (cause `snapshot_zeroed`) per place of an item of the batch that the connection observes and
 * no line names. Only items the lines name are touched: an item missing from the batch keeps
 * its places. Zeroing lines come after the listed ones, numbered past the end of the document,
 * in item then location order, and carry the batch's newest source time.
 * @param observed the places where the connection has a present observation, of any item.
 */
export function expandSnapshot(snapshot: ItemSnapshot, observed: readonly LevelKey[]): StockLine[] {
  const lines = snapshot.lines;
  const items = new Set(lines.map((l) => l.itemId));
  const named = new Set(lines.map(levelKeyString));
  let next = lines.reduce((max, l) => Math.max(max, l.lineNo), snapshot.lastLineNo ?? 0);
  const sourceTimestamp = lines.reduce<string | null>((t, l) => newerSourceTime(t, l.sourceTimestamp), null);
  const stale = new Map<string, LevelKey>();
  for (const place of observed) {
    const key = levelKeyString(place);
    if (items.has(place.itemId) && !named.has(key)) stale.set(key, { itemId: place.itemId, locationId: place.locationId });
  }
  const zeroed = [...stale.values()]
    .sort((a, b) => compare(a.itemId, b.itemId) || compare(a.locationId, b.locationId))
    .map<StockLine>((place) => ({
      lineNo: ++next,
      itemId: place.itemId,
      locationId: place.locationId,
      // Nothing sellable, nothing on hand, nothing on order: the snapshot would have said so.
      write: { kind: 'set', patch: { onHand: 0, availableReported: 0, incoming: [] } },
      sourceTimestamp,
      cause: 'snapshot_zeroed',
    }));
  return [...lines, ...zeroed];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
