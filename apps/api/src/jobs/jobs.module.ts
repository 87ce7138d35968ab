import { Module } from '@nestjs/common';
import { ApplyStockBatch, Clock, ConnectionRepository, JobQueue, StockJobs } from '@tally/inventory-application';
import { PersistenceHandle } from '../platform/persistence.handle';
import { JobWorker } from './job-worker.service';
import { JobsConfig, loadJobsConfig } from './jobs.config';
import { JobsHttpController } from './jobs.http.controller';

/** The durable job queue (the database adapter), the use case over it, its worker and status route. */
@Module({
  controllers: [JobsHttpController],
  providers: [
    { provide: JobsConfig, useFactory: () => loadJobsConfig(process.env) },
    { provide: JobQueue, useFactory: (handle: PersistenceHandle) => handle.jobs, inject: [PersistenceHandle] },
    {
      provide: StockJobs,
      useFactory: (queue: JobQueue, apply: ApplyStockBatch, connections: ConnectionRepository, clock: Clock, config: JobsConfig) =>
        new StockJobs(queue, apply, connections, clock, { chunkSize: config.chunkSize, leaseSeconds: config.leaseSeconds }),
      inject: [JobQueue, ApplyStockBatch, ConnectionRepository, Clock, JobsConfig],
    },
    { provide: JobWorker, useFactory: (jobs: StockJobs, config: JobsConfig) => new JobWorker(jobs, config), inject: [StockJobs, JobsConfig] },
  ],
  exports: [StockJobs, JobWorker],
})
export class JobsModule {}
