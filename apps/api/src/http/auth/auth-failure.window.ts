/** One key's most recent failures, oldest first. */
interface FailureEntry {
  /** Times of the failures still in the window; at most the limit is kept, the rest tell nothing more. */
  readonly at: number[];
  /** What each failure was tagged with (the credential from an address, the address of a credential). */
  readonly tags: string[];
  /** Whether each failure was this process's own, or pulled from another process (ADR 0057). */
  readonly own: boolean[];
  /** What logs call the key, as the last of this process's own failures gave it (a peer's failure gives none). */
  label: string | null;
  /** When this key last tripped the limit and was reported, so a sustained attack is logged once per window. */
  reportedAt: number | null;
}

/** What {@link FailureWindow.add} saw. */
export interface FailureCount {
  /** Failures of the key in the window, after this one (at most the limit). */
  readonly failures: number;
  /** Whether this failure brought the key to the limit and it was not reported in the last window. */
  readonly tripped: boolean;
  /** The distinct tags of its counted failures. */
  readonly tags: readonly string[];
}

/** A failure another process counted, as {@link FailureWindow.merge} takes it. */
export interface PeerFailure {
  readonly key: string;
  readonly tag: string;
  /** When it failed, epoch milliseconds. */
  readonly at: number;
}

/** A key that {@link FailureWindow.merge} brought to the limit, to be reported by this process. */
export interface MergedTrip extends FailureCount {
  readonly key: string;
  /** The label this process's own failure of the key gave. */
  readonly label: string;
}

/**
 * Failures per key over a sliding window, in memory: a key is over the limit while `limit` of its
 * failures are younger than the window. Bounded: beyond `maxKeys` keys, quiet keys are forgotten
 * first, then the oldest keys not over the limit, so a flood of fresh keys cannot push out the
 * keys under attack.
 */
export class FailureWindow {
  private readonly entries = new Map<string, FailureEntry>();
  private lastFailureAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts a failure of `key`, tagged with `tag`; `label` is what a log calls the key, should a merge report it. */
  add(key: string, tag: string, label = key): FailureCount {
    const now = this.now();
    const entry = this.insert(key, tag, now, true, now);
    entry.label = label;
    const tripped = this.reachedUnreported(entry, now);
    if (this.entries.size > this.maxKeys) this.evict(now);
    return { failures: entry.at.length, tripped, tags: [...new Set(entry.tags)] };
  }

  /**
   * Counts failures other processes counted, each at its own time (ADR 0057). A key they bring to
   * the limit is reported by one process only: answered here when this process's own failure is
   * the key's newest (it completed the count), otherwise only marked reported, since the process
   * whose failure was newest reports it.
   */
  merge(failures: readonly PeerFailure[]): MergedTrip[] {
    const now = this.now();
    const since = now - this.windowMs;
    const touched = new Set<string>();
    for (const failure of failures) {
      // A clock ahead of this one must not keep a failure longer than the window.
      const at = Math.min(failure.at, now);
      if (at <= since) continue;
      this.insert(failure.key, failure.tag, at, false, now);
      touched.add(failure.key);
    }
    const trips: MergedTrip[] = [];
    for (const key of touched) {
      const entry = this.recent(key, now);
      if (!entry || !this.reachedUnreported(entry, now) || !entry.own[entry.own.length - 1]) continue;
      trips.push({ key, label: entry.label ?? key, failures: entry.at.length, tripped: true, tags: [...new Set(entry.tags)] });
    }
    if (this.entries.size > this.maxKeys) this.evict(now);
    return trips;
  }

  /** Seconds until `key` is under the limit again, or null when it is under it now. */
  retryAfterSeconds(key: string): number | null {
    const now = this.now();
    const entry = this.recent(key, now);
    if (!entry || entry.at.length < this.limit) return null;
    return Math.max(1, Math.ceil((entry.at[0] + this.windowMs - now) / 1000));
  }

  /** Whether one of the key's failures in the window was tagged `tag`. */
  hasTag(key: string, tag: string): boolean {
    return this.recent(key, this.now())?.tags.includes(tag) ?? false;
  }

  /** Whether no failure at all was counted within the window: then no key is over the limit or has a tag. */
  isQuiet(): boolean {
    return this.lastFailureAt <= this.now() - this.windowMs;
  }

  /** How many keys are remembered (for tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  /** Adds a failure at `at` in time order (a peer's comes before an own one of the same time), keeping the newest `limit`. */
  private insert(key: string, tag: string, at: number, own: boolean, now: number): FailureEntry {
    this.lastFailureAt = Math.max(this.lastFailureAt, at);
    const entry = this.recent(key, now) ?? { at: [], tags: [], own: [], label: null, reportedAt: null };
    let index = entry.at.length;
    while (index > 0 && (entry.at[index - 1] > at || (entry.at[index - 1] === at && entry.own[index - 1] && !own))) index--;
    entry.at.splice(index, 0, at);
    entry.tags.splice(index, 0, tag);
    entry.own.splice(index, 0, own);
    if (entry.at.length > this.limit) {
      entry.at.shift();
      entry.tags.shift();
      entry.own.shift();
    }
    // Re-inserted, so that the map's order is the order of last failure (the eviction order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Whether the entry is at the limit and was not reported in the last window; marks it reported. */
  private reachedUnreported(entry: FailureEntry, now: number): boolean {
    const reached = entry.at.length === this.limit && (entry.reportedAt === null || entry.reportedAt <= now - this.windowMs);
    if (reached) entry.reportedAt = now;
    return reached;
  }

  /** The key's entry without the failures that left the window; undefined (and forgotten) when none is left. */
  private recent(key: string, now: number): FailureEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const since = now - this.windowMs;
    while (entry.at.length && entry.at[0] <= since) {
      entry.at.shift();
      entry.tags.shift();
      entry.own.shift();
    }
    if (entry.at.length) return entry;
    // An entry reported in the last window is kept, so a returning attacker is not logged again at once.
    if (entry.reportedAt === null || entry.reportedAt <= since) this.entries.delete(key);
    return entry.reportedAt !== null && entry.reportedAt > since ? entry : undefined;
  }

  private evict(now: number): void {
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of [...this.entries.keys()]) if (!this.recent(key, now)) this.entries.delete(key);
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= target) return;
      if (entry.at.length < this.limit) this.entries.delete(key);
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= target) return;
      this.entries.delete(key);
    }
  }
}
