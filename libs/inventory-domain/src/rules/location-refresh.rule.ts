import type { StockLine } from '../model/stock-write.command.js';
import { newerSourceTime } from './source-time.rule.js';

/**
 * A refresh of one location (docs/architecture.md §4.3): a batch of sets. `partial` leaves unlisted
 * items alone; `full` also zeroes every item the same connection reported there before
 * and did not list now.
 */
export interface LocationRefresh {
  readonly locationId: string;
  readonly mode: 'partial' | 'full';
  readonly lines: readonly StockLine[];
  /** The document's last line number, lines that did not resolve included; default the last of `lines`. */
  readonly lastLineNo?: number;
}

/**
 * Expands a refresh into the lines to reconcile. The zeroing lines come after the listed
 * ones and carry line numbers past the end of the document, so reports can tell them apart.
 * @param previouslyReported the items the connection has a present observation for there.
 */
export function expandRefresh(refresh: LocationRefresh, previouslyReported: readonly string[]): StockLine[] {
  const lines = refresh.lines.map((line) => ({ ...line, locationId: refresh.locationId }));
  if (refresh.mode === 'partial') return lines;
  const listed = new Set(lines.map((l) => l.itemId));
  let next = lines.reduce((max, l) => Math.max(max, l.lineNo), refresh.lastLineNo ?? 0);
  // The refresh reflects its newest line: zeroing lines carry that time, wherever it is listed.
  const sourceTimestamp = lines.reduce<string | null>((t, l) => newerSourceTime(t, l.sourceTimestamp), null);
  const zeroed = [...new Set(previouslyReported)]
    .filter((itemId) => !listed.has(itemId))
    .sort()
    .map<StockLine>((itemId) => ({
      lineNo: ++next,
      itemId,
      locationId: refresh.locationId,
      write: { kind: 'set', patch: { onHand: 0, availableReported: 0 } },
      sourceTimestamp,
      cause: 'refresh_zeroed',
    }));
  return [...lines, ...zeroed];
}
