import { StockJobs, type ApplyStockBatch, type Clock, type ConnectionRepository, type JobQueue, type JobQuota } from '@tally/inventory-application';
import type { UnsafeTestMode } from '@tally/platform-node';
import { UnsafeProgressFirstJobQueue } from './unsafe-progress-first.job-queue';

/** What a {@link StockJobs} that runs jobs needs to know of the settings. */
export interface StockJobsSettings {
  readonly chunkSize: number;
  readonly leaseSeconds: number;
  /** Each tenant's caps on unfinished jobs; absent where jobs are only run (job threads). */
  readonly quota?: JobQuota;
}

/**
 * The use case that submits and runs stock jobs, as every runner of this app builds it (the
 * main thread and each job thread): only under the `progress-before-commit` negative control
 * (ADR 0020) does it record progress through the unsafe queue.
 */
export function createStockJobs(
  queue: JobQueue,
  apply: ApplyStockBatch,
  connections: ConnectionRepository,
  clock: Clock,
  settings: StockJobsSettings,
  unsafeTestMode: UnsafeTestMode | null,
): StockJobs {
  const runnerQueue = unsafeTestMode === 'progress-before-commit' ? new UnsafeProgressFirstJobQueue(queue, settings.chunkSize) : queue;
  return new StockJobs(runnerQueue, apply, connections, clock, {
    chunkSize: settings.chunkSize,
    leaseSeconds: settings.leaseSeconds,
    ...(settings.quota ? { quota: settings.quota } : {}),
  });
}
