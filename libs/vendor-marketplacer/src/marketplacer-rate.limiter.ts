/** The documented limit: 50 requests per second per API key. */
export const MARKETPLACER_REQUESTS_PER_SECOND = 50;
const WINDOW_MS = 1000;
/** Beyond this many tracked keys, finished windows are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

/** Either the request may go on, or it must wait `retryAfterSeconds`. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Fixed one-second windows per API key, in this process's memory: several processes each
 * allow the full rate (README). Keys are counted before they are verified, so guessing
 * secrets is limited as well.
 */
export class MarketplacerRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit = MARKETPLACER_REQUESTS_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    if (this.windows.size >= SWEEP_AT) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      this.windows.set(key, { start: now, count: 1 });
      return { allowed: true };
    }
    if (window.count < this.limit) {
      window.count += 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000)) };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= WINDOW_MS) this.windows.delete(key);
  }
}
