import type { Schemas } from '../api/client';

/** One moment of the chart: its time (ms since the epoch) and every location's on hand then. */
export type HistoryPoint = { readonly t: number } & Readonly<Record<string, number | null>>;

/** One change of on hand at a location, for the table alternative of the chart. */
export interface HistoryChange {
  readonly at: number;
  readonly location: string;
  readonly onHand: number | null;
}

/** On hand over time per location, read from ledger entries (any order). */
export interface OnHandHistory {
  readonly series: readonly string[];
  readonly points: readonly HistoryPoint[];
  readonly changes: readonly HistoryChange[];
  /** The time span the x axis covers: never empty, so a single change still has a width. */
  readonly domain: readonly [number, number];
}

const HOUR = 3_600_000;
/** The narrowest axis: four minutes, so five ticks on whole minutes stay distinct. */
const MIN_SPAN = 4 * 60_000;

/**
 * The chart's data: entries oldest first, each point carrying every location's latest figure so
 * a line steps through the whole history. A removed record counts as 0 (nothing there to sell);
 * an on hand never reported is null (a gap, not zero).
 */
export function onHandHistory(entries: readonly Schemas['LedgerEntryDto'][], code: (locationId: string) => string): OnHandHistory {
  const ordered = [...entries].sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt));
  const last: Record<string, number | null> = {};
  const changes: HistoryChange[] = [];
  const points = ordered.map((e) => {
    const location = code(e.locationId);
    const onHand = e.after.present ? (e.after.figures.onHand ?? null) : 0;
    last[location] = onHand;
    const at = Date.parse(e.recordedAt);
    changes.push({ at, location, onHand });
    return { t: at, ...last } as HistoryPoint;
  });
  const first = points[0]?.t ?? 0;
  const end = points[points.length - 1]?.t ?? 0;
  // A short span is widened around its middle, from a whole minute, so its ticks fall on minutes.
  const from = Math.floor((first + end - MIN_SPAN) / 2 / 60_000) * 60_000;
  return {
    series: [...new Set(changes.map((c) => c.location))].sort(),
    points,
    changes,
    domain: end - first < MIN_SPAN ? [from, from + MIN_SPAN] : [first, end],
  };
}

/** `count` evenly spaced ticks over a domain, on whole minutes. */
export function timeTicks([from, to]: readonly [number, number], count = 5): number[] {
  const step = (to - from) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round((from + i * step) / 60_000) * 60_000);
}

/** A tick's label: the date, with the time when the span is under three days. */
export function tickLabel(t: number, [from, to]: readonly [number, number], locale?: string): string {
  const date = new Date(t);
  if (to - from >= 3 * 24 * HOUR) return date.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  return date.toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A sentence per location for readers who cannot see the chart: first and last figure, changes, span. */
export function historySummary(history: OnHandHistory, locale?: string): string[] {
  return history.series.map((location) => {
    const mine = history.changes.filter((c) => c.location === location);
    const [first, last] = [mine[0], mine[mine.length - 1]];
    const text = (v: number | null) => (v === null ? 'unknown' : String(v));
    const day = (t: number) => new Date(t).toLocaleString(locale);
    return `${location}: ${text(first.onHand)} on ${day(first.at)}, ${text(last.onHand)} on ${day(last.at)}, ${mine.length} change(s).`;
  });
}
