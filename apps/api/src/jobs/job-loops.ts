import type { JobRunEvent, StockJobs } from '@tally/inventory-application';
import { WorkerLoops } from '../platform/worker-loops.util';

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
  /** Told when a job starts and when its run ends. */
  readonly onJob?: (event: JobRunEvent) => void;
}

/**
 * Loops that claim and run jobs of the database queue until stopped. The queue decides what may
 * run (one job per tenant and location at a time), so loops need no coordination, within one
 * thread or across threads and processes. Plain TypeScript: it runs on the main thread or in a
 * job thread alike.
 */
export class JobLoops {
  private readonly loops: WorkerLoops;

  constructor(jobs: StockJobs, owner: string, options: JobLoopsOptions) {
    const pause = options.chunkPauseMs;
    this.loops = new WorkerLoops(owner, { ...options, onError: (error) => options.onError((error as Error).message) }, (loopOwner) =>
      jobs.runNext(loopOwner, {
        shouldStop: () => this.loops.stopping,
        onTransientError: options.onError,
        ...(options.onJob ? { onJob: options.onJob } : {}),
        // Woken like an idle sleep: a stop does not wait for the pause.
        ...(pause ? { afterChunk: () => this.loops.sleep(pause) } : {}),
      }),
    );
  }

  /** Starts the loops. */
  start(): void {
    this.loops.start();
  }

  /** Wakes idle loops: a job was just added. */
  wake(): void {
    this.loops.wake();
  }

  /** Stops after the chunks in flight commit; their jobs keep their progress for the next run. */
  stop(): Promise<void> {
    return this.loops.stop();
  }
}
