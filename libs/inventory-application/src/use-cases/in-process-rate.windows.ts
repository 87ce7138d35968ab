import { RateWindows, type RateDecision } from '../ports/rate-windows.port';

/** Beyond this many tracked subjects, finished windows are swept so memory stays bounded. */
const SWEEP_AT = 10_000;

/** Whether the `hits`-th request of a window that started at `start` is within `limit`; if not, how long until the window ends. */
export function windowDecision(start: number, hits: number, limit: number, windowMs: number, now: number): RateDecision {
  if (hits <= limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

/**
 * {@link RateWindows} in this process's memory: right for one process (the SQLite default);
 * several processes each allow the full rate.
 */
export class InProcessRateWindows extends RateWindows {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  async take(scope: string, subject: string, limit: number, windowMs: number): Promise<RateDecision> {
    const key = `${scope}\u0000${subject}`;
    const now = this.now();
    if (this.windows.size >= SWEEP_AT) this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return windowDecision(window.start, window.hits, limit, windowMs, now);
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= windowMs) this.windows.delete(key);
  }
}
