import { MARKETPLACER_REQUESTS_PER_SECOND } from '../marketplacer-rate.limiter';

/**
 * The pacer's window: a second plus a margin, so that network jitter never makes a paced burst
 * look like one request too many in one of the channel's own one-second windows.
 */
export const PACER_WINDOW_MS = 1050;

/**
 * Paces one channel's requests: at most `limit` starts in any window of `windowMs`. Each call
 * reserves the next free slot (possibly in the future) synchronously, so concurrent sends of
 * one channel share the rate instead of each taking all of it.
 */
export class RequestPacer {
  /** Start times reserved so far, oldest first; only the last `limit` matter. */
  private readonly starts: number[] = [];

  constructor(
    private readonly limit = MARKETPLACER_REQUESTS_PER_SECOND,
    private readonly windowMs = PACER_WINDOW_MS,
  ) {}

  /** Reserves the next slot at or after `now`; answers how many milliseconds to wait for it. */
  reserve(now: number): number {
    const slot = this.starts.length < this.limit ? now : Math.max(now, this.starts[this.starts.length - this.limit] + this.windowMs);
    this.starts.push(slot);
    if (this.starts.length > this.limit) this.starts.splice(0, this.starts.length - this.limit);
    return slot - now;
  }
}

/** The pacer of a channel, kept in the connector's per-process cache. */
export function pacerOf(cache: Map<string, unknown>, channelId: string): RequestPacer {
  const key = `marketplacer:pacer:${channelId}`;
  const existing = cache.get(key);
  if (existing instanceof RequestPacer) return existing;
  const pacer = new RequestPacer();
  cache.set(key, pacer);
  return pacer;
}
