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
    this.logger.log({ msg: 'housekeeping started', intervalSeconds: this.config.intervalSeconds });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    await this.running;
    this.logger.log('housekeeping stopped');
  }

  /** One purge; a failure is logged and the next interval tries again. */
  async runOnce(): Promise<void> {
    try {
      const started = Date.now();
      const report = await this.purge.execute();
      const purged = { ...report, ms: Date.now() - started };
      // A purge that found nothing is a debug line: one every interval would bury the rest.
      if (report.idempotencyRecords || report.accessTokens || report.channelDeliveries || report.consoleSessions) {
        this.logger.log({ msg: 'housekeeping purged', ...purged });
      } else this.logger.debug({ msg: 'housekeeping purged nothing', ...purged });
    } catch (error) {
      this.logger.error(`purge failed: ${(error as Error).message}`);
    }
  }
}
