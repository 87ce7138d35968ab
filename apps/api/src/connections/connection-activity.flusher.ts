import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConnectionActivityRecorder, ConnectionActivityStore } from '@tally/inventory-application';

/** How often this process writes what it saw of its connections. */
export const CONNECTION_ACTIVITY_FLUSH_MS = 1_000;
const PURGE_EVERY_MS = 3_600_000;
/** Hourly error counts older than this are deleted: the API counts the last 24 hours. */
const KEEP_ERROR_HOURS_MS = 48 * 3_600_000;

/**
 * Writes the recorder's pending activity every {@link CONNECTION_ACTIVITY_FLUSH_MS} and once more
 * at shutdown, and deletes old hourly error counts every hour (ADR 0063). The timers never keep
 * the process alive; a failed write is logged and the next one carries newer facts.
 */
export class ConnectionActivityFlusher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ConnectionActivity');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly recorder: ConnectionActivityRecorder,
    private readonly store: ConnectionActivityStore,
  ) {}

  onApplicationBootstrap(): void {
    const flush = setInterval(() => void this.flush(), CONNECTION_ACTIVITY_FLUSH_MS);
    const purge = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    flush.unref();
    purge.unref();
    this.timers = [flush, purge];
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.flush();
  }

  private async flush(): Promise<void> {
    await this.recorder.flush().catch((error: unknown) => this.logger.warn(`connection activity not written: ${(error as Error).message}`));
  }

  private async purge(): Promise<void> {
    await this.store
      .purgeErrorHours(new Date(Date.now() - KEEP_ERROR_HOURS_MS).toISOString())
      .catch((error: unknown) => this.logger.warn(`old connection error counts not purged: ${(error as Error).message}`));
  }
}
