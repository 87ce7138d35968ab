import { parentPort, workerData } from 'node:worker_threads';
import type { JobRunEvent, StockWriteObserver } from '@tally/inventory-application';
import { createPersistence, UuidV7IdGenerator } from '@tally/persistence-sql';
import type { CommittedLines } from '../metrics/committed-lines.model';
import { createApplyStockBatch, type UnsafeTestMode, SystemClock } from '@tally/platform-node';
import { JobLoops, type JobLoopsOptions } from './job-loops';
import { createStockJobs, type StockJobsSettings } from './stock-jobs.factory';

/** What the main thread hands a job thread. */
export interface JobThreadData {
  readonly databaseUrl: string;
  readonly owner: string;
  readonly settings: StockJobsSettings & Omit<JobLoopsOptions, 'onError' | 'onJob'>;
  readonly unsafeTestMode: UnsafeTestMode | null;
}

/** Messages a job thread sends to the main thread: a failure, a job's run (for the log), or the lines a chunk committed (for the metrics). */
export type JobThreadReport = { type: 'error'; message: string } | { type: 'job'; event: JobRunEvent } | { type: 'committed'; lines: CommittedLines };

/** Messages the main thread sends to a job thread. */
export type JobThreadCommand = 'wake' | 'stop';

/**
 * Entry of a job thread (ADR 0024): its own database connection and use cases, no NestJS, and
 * the same loops as the main thread would run. `stop` lets the chunk in flight commit, closes
 * the connection and ends the thread.
 */
async function main(port: NonNullable<typeof parentPort>, data: JobThreadData): Promise<void> {
  const report = (message: JobThreadReport) => port.postMessage(message);
  // Migrations ran on the main thread; checkpoints too: this connection only reads and writes.
  // Its chunks reconcile outside the write lock, so the other writers' chunks overlap (ADR 0025).
  const persistence = await createPersistence(data.databaseUrl, {
    migrate: false,
    backgroundCheckpoints: false,
    poolSize: 2,
    snapshotReads: true,
    jobClaimOrder: data.unsafeTestMode === 'global-job-order' ? 'global' : 'fair',
  });
  const clock = new SystemClock();
  // The metrics live on the main thread: each committed chunk's counts go there.
  const observer: StockWriteObserver = {
    committed: (dialect, counts, batch) => report({ type: 'committed', lines: { dialect, counts, ...(batch ? { batch } : {}) } }),
  };
  const apply = createApplyStockBatch(persistence, clock, new UuidV7IdGenerator(), observer);
  const jobs = createStockJobs(persistence.jobs, apply, persistence.connections, clock, data.settings, data.unsafeTestMode);
  const loops = new JobLoops(jobs, data.owner, {
    ...data.settings,
    onError: (message) => report({ type: 'error', message }),
    onJob: (event) => report({ type: 'job', event }),
  });
  port.on('message', (command: JobThreadCommand) => {
    if (command === 'wake') loops.wake();
    if (command === 'stop') {
      void loops
        .stop()
        .then(() => persistence.close())
        .finally(() => port.close());
    }
  });
  loops.start();
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as JobThreadData).catch((error: unknown) => {
    port.postMessage({ type: 'error', message: `job thread could not start: ${(error as Error).message}` } satisfies JobThreadReport);
    process.exit(1);
  });
}
