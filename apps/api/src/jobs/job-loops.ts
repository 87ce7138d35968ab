import type { StockJobs } from '@tally/inventory-application';

/** Settings of {@link JobLoops}. */
export interface JobLoopsOptions {
  /** Loops that claim and run jobs side by side (jobs of different locations). */
  readonly loops: number;
  /** How long an idle loop sleeps before looking again for jobs other processes added. */
  readonly pollMs: number;
  /** Pause after each committed chunk, leaving room to other writers. */
  readonly chunkPauseMs: number;
  /** Told of a run that threw outside a job (a job's own failure is recorded on the job). */
  readonly onError: (message: string) => void;
}

/**
 * Loops that claim and run jobs of the database queue until stopped. The queue decides what may
 * run (one job per tenant and location at a time), so loops need no coordination, within one
 * thread or across threads and processes. Plain TypeScript: it runs on the main thread or in a
 * job thread alike.
 */
export class JobLoops {
  private stopping = false;
  private readonly running: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly jobs: StockJobs,
    private readonly owner: string,
    private readonly options: JobLoopsOptions,
  ) {}

  /** Starts the loops. */
  start(): void {
    for (let i = 0; i < this.options.loops; i++) this.running.push(this.loop(`${this.owner}:${i}`));
  }

  /** Wakes idle loops: a job was just added. */
  wake(): void {
    for (const wake of this.sleepers) wake();
  }

  /** Stops after the chunks in flight commit; their jobs keep their progress for the next run. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.allSettled(this.running);
  }

  private async loop(owner: string): Promise<void> {
    const pause = this.options.chunkPauseMs;
    while (!this.stopping) {
      let ran = false;
      try {
        ran = await this.jobs.runNext(owner, {
          shouldStop: () => this.stopping,
          onTransientError: this.options.onError,
          ...(pause ? { afterChunk: () => this.sleep(pause) } : {}),
        });
      } catch (error) {
        this.options.onError((error as Error).message);
      }
      if (!ran) await this.sleep(this.options.pollMs);
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
