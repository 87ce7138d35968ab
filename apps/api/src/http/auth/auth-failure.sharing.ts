import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { SharedFailure, SharedFailures } from '@tally/inventory-application';
import type { AuthFailureThrottle } from './auth-failure.throttle';

/** Timings and bounds of {@link AuthFailureSharing}. */
export interface AuthFailureSharingOptions {
  /** How long a failure waits to be written with the ones that follow it: a flood costs a statement per period. */
  readonly flushMs?: number;
  /** How often the other processes' failures are pulled. */
  readonly pullMs?: number;
  /** How often failures older than the window are swept from the database. */
  readonly sweepMs?: number;
  /** Failures waiting to be written at most; beyond, a failure is counted here only. */
  readonly maxPending?: number;
  /** Told when a write, pull or sweep fails (they are tried again at their next turn). */
  readonly onError?: (message: string) => void;
}

const DEFAULTS = { flushMs: 250, pullMs: 1_000, sweepMs: 10_000, maxPending: 10_000 };
const SWEEP_BATCH = 5_000;

/**
 * Shares the failed-authentication throttle's failures between the API processes of one database
 * (ADR 0057): the failures this process counts are written in a batch every `flushMs`, and the
 * others' are pulled every `pullMs` and merged into the throttle's memory, where every decision
 * stays. No request waits for it: a request with no failure costs nothing here, a failure one
 * array push.
 */
export class AuthFailureSharing implements BeforeApplicationShutdown {
  private readonly options: typeof DEFAULTS & AuthFailureSharingOptions;
  private pending: SharedFailure[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private pulling: Promise<void> | null = null;
  private lastSweepAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private throttle: AuthFailureThrottle | null = null;

  constructor(
    private readonly shared: SharedFailures,
    private readonly windowMs: number,
    options: AuthFailureSharingOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts pulling the other processes' failures into `throttle`, now and every `pullMs`. */
  start(throttle: AuthFailureThrottle): void {
    this.throttle = throttle;
    void this.pull();
    this.pullTimer = setInterval(() => void this.pull(), this.options.pullMs);
    this.pullTimer.unref();
  }

  /** Queues a failure this process counted; it is written with the others of the next `flushMs`. */
  add(failure: SharedFailure): void {
    if (this.stopped || this.pending.length >= this.options.maxPending) return;
    this.pending.push(failure);
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => void this.flush(), this.options.flushMs);
    this.flushTimer.unref();
  }

  /** Writes the queued failures now. */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      await this.shared.record(batch);
    } catch (error) {
      this.fail('writing failed authentications for the other API processes', error);
    }
  }

  /** Pulls the other processes' failures into the throttle (one pull at a time), and sweeps when due. */
  pull(): Promise<void> {
    this.pulling ??= this.pullOnce().finally(() => (this.pulling = null));
    return this.pulling;
  }

  /** Stops pulling and writes what is queued, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.pullTimer) clearInterval(this.pullTimer);
    await this.pulling;
    await this.flush();
  }

  private async pullOnce(): Promise<void> {
    if (this.stopped || !this.throttle) return;
    try {
      const failures = await this.shared.pull(this.windowMs);
      if (failures.length > 0) this.throttle.merge(failures);
      const now = Date.now();
      if (now - this.lastSweepAt >= this.options.sweepMs) {
        this.lastSweepAt = now;
        await this.shared.sweep(this.windowMs, SWEEP_BATCH);
      }
    } catch (error) {
      this.fail('pulling the other API processes’ failed authentications', error);
    }
  }

  private fail(what: string, error: unknown): void {
    this.options.onError?.(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
