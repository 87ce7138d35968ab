import { Logger, Module } from '@nestjs/common';
import { ApplyStockBatch, Clock, ConnectionRepository, JobQueue, StockJobs } from '@tally/inventory-application';
import { PgBossJobQueue } from '@tally/job-queue-pg-boss';
import { AppConfig } from '../config/app.config';
import { PersistenceHandle } from '../platform/persistence.handle';
import { DatabaseJobWorker, JobWorker } from './job-worker.service';
import { JobsConfig, loadJobsConfig } from './jobs.config';
import { JobsHttpController } from './jobs.http.controller';
import { PgBossJobWorker } from './pg-boss-job-worker.service';
import { UnsafeProgressFirstJobQueue } from './unsafe-progress-first.job-queue';

/**
 * The durable job queue, the use case over it, its worker and status route. Job rows always live
 * in the database; JOBS_QUEUE picks who hands them to workers: pg-boss (PostgreSQL) or the
 * database queue's own polling loops (ADR 0011, 0016).
 */
@Module({
  controllers: [JobsHttpController],
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
          onError: (error) => logger.error(`pg-boss: ${error.message}`),
        });
      },
      inject: [PersistenceHandle, JobsConfig, AppConfig],
    },
    {
      provide: StockJobs,
      useFactory: (queue: JobQueue, apply: ApplyStockBatch, connections: ConnectionRepository, clock: Clock, config: JobsConfig, app: AppConfig) => {
        const runnerQueue = app.unsafeTestMode === 'progress-before-commit' ? new UnsafeProgressFirstJobQueue(queue, config.chunkSize) : queue;
        return new StockJobs(runnerQueue, apply, connections, clock, { chunkSize: config.chunkSize, leaseSeconds: config.leaseSeconds });
      },
      inject: [JobQueue, ApplyStockBatch, ConnectionRepository, Clock, JobsConfig, AppConfig],
    },
    {
      provide: JobWorker,
      useFactory: (jobs: StockJobs, queue: JobQueue, config: JobsConfig) =>
        queue instanceof PgBossJobQueue ? new PgBossJobWorker(jobs, queue, config) : new DatabaseJobWorker(jobs, config),
      inject: [StockJobs, JobQueue, JobsConfig],
    },
  ],
  exports: [StockJobs, JobWorker],
})
export class JobsModule {}
