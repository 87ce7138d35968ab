/** One key's most recent failures, oldest first. */
interface FailureEntry {
  /** Times of the failures still in the window; at most the limit is kept, the rest tell nothing more. */
  readonly at: number[];
  /** What each failure was tagged with (the credential from an address, the address of a credential). */
  readonly tags: string[];
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

  /** Counts a failure of `key`, tagged with `tag`. */
  add(key: string, tag: string): FailureCount {
    const now = this.now();
    this.lastFailureAt = now;
    const entry = this.recent(key, now) ?? { at: [], tags: [], reportedAt: null };
    entry.at.push(now);
    entry.tags.push(tag);
    if (entry.at.length > this.limit) {
      entry.at.shift();
      entry.tags.shift();
    }
    // Re-inserted, so that the map's order is the order of last failure (the eviction order).
    this.entries.delete(key);
    this.entries.set(key, entry);
    const tripped = entry.at.length === this.limit && (entry.reportedAt === null || entry.reportedAt <= now - this.windowMs);
    if (tripped) entry.reportedAt = now;
    if (this.entries.size > this.maxKeys) this.evict(now);
    return { failures: entry.at.length, tripped, tags: [...new Set(entry.tags)] };
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

  /** The key's entry without the failures that left the window; undefined (and forgotten) when none is left. */
  private recent(key: string, now: number): FailureEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const since = now - this.windowMs;
    while (entry.at.length && entry.at[0] <= since) {
      entry.at.shift();
      entry.tags.shift();
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
