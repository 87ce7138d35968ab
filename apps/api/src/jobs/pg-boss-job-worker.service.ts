import { randomUUID } from 'node:crypto';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ConnectionActivityRecorder, StockJobs } from '@tally/inventory-application';
import type { PgBossJobQueue } from '@tally/job-queue-pg-boss';
import { JobWorker } from './job-worker.service';
import type { JobsConfig } from './jobs.config';
import { tellJobEvent } from './job-event.log';

/**
 * The worker when pg-boss delivers jobs (ADR 0016): pg-boss workers fetch messages and each one
 * runs the claim it names through {@link StockJobs}. On shutdown the job in hand stops after its
 * chunk in flight, then pg-boss's timers and pool close.
 */
export class PgBossJobWorker extends JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly owner = `worker:${process.pid}:${randomUUID()}`;
  private readonly logger = new Logger('JobWorker');
  private runs = 0;
  private stopping = false;

  constructor(
    private readonly jobs: StockJobs,
    private readonly queue: PgBossJobQueue,
    private readonly config: JobsConfig,
    private readonly activity: ConnectionActivityRecorder | null = null,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.workerEnabled) return;
    await this.queue.consume(this.config.concurrency, (only) =>
      this.jobs.runNext(
        `${this.owner}:${++this.runs}`,
        {
          shouldStop: () => this.stopping,
          onTransientError: (message) => this.logger.warn(`job worker: ${message}`),
          onJob: (event) => tellJobEvent(this.logger, this.activity, event),
          ...(this.config.chunkPauseMs ? { afterChunk: () => new Promise((resolve) => setTimeout(resolve, this.config.chunkPauseMs)) } : {}),
        },
        only,
      ),
    );
    this.logger.log({ msg: 'job worker started', delivery: 'pg-boss', loops: this.config.concurrency });
  }

  /** The adapter wakes this process's pg-boss workers itself when it sends. */
  notify(): void {
    return;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.queue.close();
    if (this.config.workerEnabled) this.logger.log('job worker stopped');
  }
}
