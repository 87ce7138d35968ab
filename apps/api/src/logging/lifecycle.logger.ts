import { Inject, Injectable, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from './logging.tokens';
import type { RootLogger } from './root.logger';

/**
 * The process's shutdown lines: `shutting down` before any part stops (Nest calls every
 * `onModuleDestroy` before the workers' `beforeApplicationShutdown`), `stopped` with the signal
 * once all have.
 */
@Injectable()
export class LifecycleLogger implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger: Logger;

  constructor(@Inject(ROOT_LOGGER) root: RootLogger) {
    this.logger = root.logger.child({ context: 'Lifecycle' });
  }

  onModuleDestroy(): void {
    this.logger.info('shutting down');
  }

  onApplicationShutdown(signal?: string): void {
    this.logger.info({ signal }, 'stopped');
  }
}
