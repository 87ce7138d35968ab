import { randomUUID } from 'node:crypto';
import { Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ConnectionActivityRecorder, StockJobs } from '@tally/inventory-application';
import { JobLoops } from './job-loops';
import type { JobsConfig } from './jobs.config';
import { withoutSqlValues } from '../platform/sql-values.redaction';
import { tellJobEvent } from './job-event.log';

/** What the HTTP side needs of the worker, whichever adapter delivers the jobs. */
export abstract class JobWorker {
  /** A job was just added in this process. */
  abstract notify(): void;
}

/**
 * The worker of the database queue on the main thread (JOBS_THREADS=off): `concurrency` loops
 * that claim and run jobs; other processes' jobs are seen by polling, `notify` wakes idle loops
 * at once.
 */
export class DatabaseJobWorker extends JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly loops: JobLoops;

  constructor(
    jobs: StockJobs,
    private readonly config: JobsConfig,
    activity: ConnectionActivityRecorder | null = null,
  ) {
    super();
    this.loops = new JobLoops(jobs, `worker:${process.pid}:${randomUUID()}`, {
      loops: config.concurrency,
      pollMs: config.pollMs,
      chunkPauseMs: config.chunkPauseMs,
      onError: (message) => this.logger.error(`job worker: ${withoutSqlValues(message)}`),
      onJob: (event) => tellJobEvent(this.logger, activity, event),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.workerEnabled) return;
    this.loops.start();
    this.logger.log({ msg: 'job worker started', loops: this.config.concurrency, threads: 0 });
  }

  /** A job was just added in this process. */
  notify(): void {
    this.loops.wake();
  }

  // Stop before the persistence closes: the chunk in flight commits, the job keeps its progress.
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.config.workerEnabled) return;
    await this.loops.stop();
    this.logger.log('job worker stopped');
  }
}
