import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { PurgeExpiredRecords } from '@tally/inventory-application';
import type { HousekeepingConfig } from './housekeeping.config';

/**
 * Runs {@link PurgeExpiredRecords} every HOUSEKEEPING_INTERVAL_SECONDS, first one interval after
 * boot. Each process of a multi-process deployment runs its own: the deletes are idempotent.
 * The timer never keeps the process alive; shutdown waits for a purge in flight.
 */
export class HousekeepingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Housekeeping');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly purge: PurgeExpiredRecords,
    private readonly config: HousekeepingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.intervalSeconds === 0) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runOnce());
    }, this.config.intervalSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One purge; a failure is logged and the next interval tries again. */
  async runOnce(): Promise<void> {
    try {
      const report = await this.purge.execute();
      if (report.idempotencyRecords || report.accessTokens || report.channelDeliveries || report.consoleSessions) {
        this.logger.log(
          `purged ${report.idempotencyRecords} expired idempotency records, ${report.accessTokens} expired access tokens, ${report.consoleSessions} ended console sessions and ${report.channelDeliveries} old channel deliveries`,
        );
      }
    } catch (error) {
      this.logger.error(`purge failed: ${(error as Error).message}`);
    }
  }
}
