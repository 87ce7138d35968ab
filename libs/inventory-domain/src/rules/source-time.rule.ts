/** Milliseconds since the epoch of an ISO-8601 time, or null when absent. */
export function sourceMillis(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * A line is stale when both it and the last applied report carry a source time and the
 * line's is older (docs/architecture.md §4.5). Equal times are not stale: a replay is harmless.
 */
export function isStale(lineTime: string | null, lastApplied: string | null): boolean {
  const line = sourceMillis(lineTime);
  const last = sourceMillis(lastApplied);
  return line !== null && last !== null && line < last;
}

/** The newer of two source times (ISO strings), keeping nulls out of the way. */
export function newerSourceTime(a: string | null, b: string | null): string | null {
  const ma = sourceMillis(a);
  const mb = sourceMillis(b);
  if (ma === null) return b;
  if (mb === null) return a;
  return mb > ma ? b : a;
}
