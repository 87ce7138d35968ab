import { randomUUID } from 'node:crypto';
import { Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { StockJobs } from '@tally/inventory-application';
import type { JobsConfig } from './jobs.config';

/** What the HTTP side needs of the worker, whichever adapter delivers the jobs. */
export abstract class JobWorker {
  /** A job was just added in this process. */
  abstract notify(): void;
}

/**
 * The worker of the database queue: `concurrency` loops that claim and run jobs. The queue decides what
 * may run (one job per tenant and location at a time), so loops need no coordination; other
 * processes sharing the database are seen by polling. `notify` wakes idle loops at once.
 */
export class DatabaseJobWorker extends JobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly owner = `worker:${process.pid}:${randomUUID()}`;
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly jobs: StockJobs,
    private readonly config: JobsConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (!this.config.workerEnabled) return;
    for (let i = 0; i < this.config.concurrency; i++) this.loops.push(this.loop(`${this.owner}:${i}`));
  }

  /** A job was just added in this process. */
  notify(): void {
    for (const wake of this.sleepers) wake();
  }

  // Stop before the persistence closes: the chunk in flight commits, the job keeps its progress.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.notify();
    await Promise.allSettled(this.loops);
  }

  private async loop(owner: string): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      try {
        ran = await this.jobs.runNext(owner, {
          shouldStop: () => this.stopping,
          ...(this.config.chunkPauseMs ? { afterChunk: () => this.sleep(this.config.chunkPauseMs) } : {}),
        });
      } catch (error) {
        this.logger.error(`job worker: ${(error as Error).message}`);
      }
      if (!ran) await this.sleep(this.config.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
