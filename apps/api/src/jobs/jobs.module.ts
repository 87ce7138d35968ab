import { Logger, Module } from '@nestjs/common';
import {
  ApplyStockBatch,
  Clock,
  ConnectionActivityRecorder,
  ConnectionRepository,
  JobQueue,
  StockJobs,
  StockWriteObserver,
  SubmitStockImport,
} from '@tally/inventory-application';
import { PgBossJobQueue } from '@tally/job-queue-pg-boss';
import { AppConfig, threadsCanShare } from '@tally/platform-node';
import { PersistenceHandle } from '../platform/persistence.handle';
import { DatabaseJobWorker, JobWorker } from './job-worker.service';
import { JobsConfig, loadJobsConfig } from './jobs.config';
import { JobsHttpController } from './jobs.http.controller';
import { StockImportHttpController } from '../stock/stock-import.http.controller';
import { PgBossJobWorker } from './pg-boss-job-worker.service';
import { createStockJobs } from './stock-jobs.factory';
import { ThreadedJobWorker } from './threaded-job-worker.service';

/**
 * The durable job queue, the use case over it, its worker and status route. Job rows always live
 * in the database; JOBS_QUEUE picks who hands them to workers: pg-boss (PostgreSQL) or the
 * database queue's own polling loops (ADR 0011, 0016), in job threads unless JOBS_THREADS is off
 * (ADR 0024).
 */
@Module({
  // The stock file upload is here because its imports are jobs (ADR 0060).
  controllers: [JobsHttpController, StockImportHttpController],
  providers: [
    { provide: JobsConfig, useFactory: (app: AppConfig) => loadJobsConfig(process.env, app.databaseKind), inject: [AppConfig] },
    {
      provide: JobQueue,
      useFactory: async (handle: PersistenceHandle, config: JobsConfig, app: AppConfig): Promise<JobQueue> => {
        if (config.queue === 'database') return handle.jobs;
        const logger = new Logger('PgBossJobQueue');
        return PgBossJobQueue.open(handle.jobs, {
          connectionString: app.databaseUrl,
          leaseSeconds: config.leaseSeconds,
          pollMs: config.pollMs,
          poolSize: config.concurrency + 2,
          tenantTurns: app.unsafeTestMode !== 'global-job-order',
          onError: (error) => logger.error(`pg-boss: ${error.message}`),
        });
      },
      inject: [PersistenceHandle, JobsConfig, AppConfig],
    },
    {
      provide: StockJobs,
      useFactory: (queue: JobQueue, apply: ApplyStockBatch, connections: ConnectionRepository, clock: Clock, config: JobsConfig, app: AppConfig) =>
        createStockJobs(
          queue,
          apply,
          connections,
          clock,
          {
            chunkSize: config.chunkSize,
            leaseSeconds: config.leaseSeconds,
            quota: { maxQueuedJobs: config.maxQueuedJobs, maxQueuedBytes: config.maxQueuedBytes },
          },
          app.unsafeTestMode,
        ),
      inject: [JobQueue, ApplyStockBatch, ConnectionRepository, Clock, JobsConfig, AppConfig],
    },
    {
      provide: JobWorker,
      useFactory: (
        jobs: StockJobs,
        queue: JobQueue,
        config: JobsConfig,
        app: AppConfig,
        observer: StockWriteObserver,
        activity: ConnectionActivityRecorder,
      ) => {
        if (queue instanceof PgBossJobQueue) return new PgBossJobWorker(jobs, queue, config, activity);
        // A `:memory:` database cannot be opened from another thread.
        return config.threads && threadsCanShare(app.databaseUrl)
          ? new ThreadedJobWorker(config, app, observer, activity)
          : new DatabaseJobWorker(jobs, config, activity);
      },
      inject: [StockJobs, JobQueue, JobsConfig, AppConfig, StockWriteObserver, ConnectionActivityRecorder],
    },
    {
      provide: SubmitStockImport,
      useFactory: (jobs: StockJobs, connections: ConnectionRepository, clock: Clock) => new SubmitStockImport(jobs, connections, clock),
      inject: [StockJobs, ConnectionRepository, Clock],
    },
  ],
  exports: [StockJobs, JobWorker, SubmitStockImport],
})
export class JobsModule {}
