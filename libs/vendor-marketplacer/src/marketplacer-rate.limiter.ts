import { createHash } from 'node:crypto';
import { InProcessRateWindows, type RateDecision, type RateWindows } from '@tally/inventory-application';

/** The documented limit: 50 requests per second per API key. */
export const MARKETPLACER_REQUESTS_PER_SECOND = 50;
const WINDOW_MS = 1000;

export type { RateDecision };

/**
 * Marketplacer's documented limit, per API key, in fixed one-second windows kept by
 * {@link RateWindows}: in the database on PostgreSQL, so every API process counts the same
 * window; in memory otherwise. Keys are counted before they are verified, so guessing secrets is
 * limited as well; the windows know a key only by its SHA-256 digest.
 */
export class MarketplacerRateLimiter {
  constructor(
    private readonly windows: RateWindows = new InProcessRateWindows(),
    private readonly limit = MARKETPLACER_REQUESTS_PER_SECOND,
  ) {}

  take(key: string): Promise<RateDecision> {
    return this.windows.take('marketplacer', createHash('sha256').update(key).digest('hex'), this.limit, WINDOW_MS);
  }
}
