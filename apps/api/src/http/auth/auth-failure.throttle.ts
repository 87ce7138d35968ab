/**
 * Counts failed authentications (401 answers) per client address over a sliding window; a client
 * over the limit is refused (429) until its oldest failure leaves the window (ADR 0021).
 * In memory and per process: it slows down guessing, it is not an account lockout.
 */
export class AuthFailureThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a failed authentication of `client`. */
  record(client: string): void {
    const recent = this.recent(client);
    recent.push(this.now());
    this.failures.set(client, recent);
    // Bounds the memory an address-hopping client can take: forget the clients that went quiet.
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key);
  }

  /** Seconds until `client` may try again, or null when it is not throttled. */
  retryAfterSeconds(client: string): number | null {
    const recent = this.recent(client);
    if (recent.length < this.limit) return null;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + this.windowMs - this.now()) / 1000));
  }

  private recent(client: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(client) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(client);
    else this.failures.set(client, kept);
    return kept;
  }
}
