import { ApplicationError, ApplicationErrorCodes } from '@tally/inventory-application';
import type { TenantRateSettings } from '@tally/platform-node';

/** Beyond this many tracked tenants, full buckets are dropped so memory stays bounded. */
const SWEEP_AT = 10_000;

interface Bucket {
  tokens: number;
  at: number;
  /** Its last request was refused: the next refusal is no new trip. */
  refusing?: boolean;
}

/**
 * Each tenant's request rate (ADR 0044): a token bucket per tenant, `burst` deep, refilled at
 * `perSecond`, in this process's memory (like Marketplacer's per-key limit, each process allows
 * the full rate). A request is counted once its credential named the tenant; a refused one
 * costs nothing, so a tenant that keeps retrying too soon is not locked out for longer.
 * `onTrip` hears of the first refusal after admitted requests (once per spell, not per 429).
 */
export class TenantRequestLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: TenantRateSettings,
    private readonly now: () => number = Date.now,
    private readonly onTrip: (tenantId: string) => void = () => undefined,
  ) {}

  /**
   * Counts one request of the tenant.
   * @throws ApplicationError `TENANT.RATE_LIMITED` (429) with `retryAfterSeconds` when its bucket is empty.
   */
  admit(tenantId: string): void {
    const now = this.now();
    if (this.buckets.size >= SWEEP_AT) this.sweep(now);
    const bucket = this.refilled(this.buckets.get(tenantId), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.refusing = false;
      this.buckets.set(tenantId, bucket);
      return;
    }
    if (!bucket.refusing) this.onTrip(tenantId);
    bucket.refusing = true;
    this.buckets.set(tenantId, bucket);
    const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / this.settings.perSecond));
    throw new ApplicationError(
      ApplicationErrorCodes.rateLimited,
      `more than ${this.settings.perSecond} requests per second (bursts of ${this.settings.burst}) for this tenant; retry after the Retry-After seconds`,
      undefined,
      { retryAfterSeconds: wait },
    );
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.settings.burst, at: now };
    const tokens = Math.min(this.settings.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.settings.perSecond);
    return { tokens, at: now, refusing: bucket.refusing };
  }

  private sweep(now: number): void {
    for (const [tenant, bucket] of this.buckets) if (this.refilled(bucket, now).tokens >= this.settings.burst) this.buckets.delete(tenant);
  }
}
