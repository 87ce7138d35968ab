/** How long a positive answer is reused before a body is read, and how many are kept. */
export interface RecentAnswersOptions {
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

/** The defaults of the check before a body: one second, ten thousand credentials. */
export const PRE_BODY_ANSWERS: RecentAnswersOptions = { ttlMs: 1000, maxEntries: 10_000 };

interface Entry<V> {
  readonly value: V;
  readonly until: number;
}

/**
 * Remembers the positive answers of a credential check for a short time, for the check made
 * before a body is read (credential-before-body.hook.ts): a client that sends many requests
 * costs one database read per second there, not one per request. It is never the check that
 * lets a write through: the route's handler or guard checks the credential again after the
 * body, against the database, so a revoked or rotated credential is refused at once; at worst
 * such a request within the second has its body read before it is refused. Negative answers are
 * not kept, so a credential that just became valid is not refused from memory. Oldest entries
 * go first once `maxEntries` are kept.
 */
export class RecentAnswers<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;

  constructor(private readonly options: RecentAnswersOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The answer remembered for `key`, or else `check`'s, remembered when it is not null. */
  async answer(key: string, check: () => Promise<V | null>): Promise<V | null> {
    const now = this.now();
    const kept = this.entries.get(key);
    if (kept && kept.until > now) return kept.value;
    if (kept) this.entries.delete(key);
    const value = await check();
    if (value === null) return null;
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until: now + this.options.ttlMs });
    return value;
  }
}
