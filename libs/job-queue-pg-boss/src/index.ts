export * from './job-delivery.message';
export * from './pg-boss-job-queue.options';
export * from './pg-boss-job.queue';
