import { EnvReader } from '@tally/platform-node';

/** Settings of the job worker, read from the environment (defaults in brackets). */
/** Which adapter delivers jobs: pg-boss (PostgreSQL only) or the database queue's polling loops. */
export type JobsQueueKind = 'pg-boss' | 'database';

export class JobsConfig {
  constructor(
    /** JOBS_QUEUE [pg-boss on PostgreSQL, database on SQLite]: who hands jobs to workers (ADR 0016). */
    readonly queue: JobsQueueKind,
    /** JOBS_WORKER [on]: `off` makes the process only accept jobs, for processes that serve HTTP only. */
    readonly workerEnabled: boolean,
    /** JOBS_CONCURRENCY [2]: jobs run at the same time (different locations). */
    readonly concurrency: number,
    /** JOBS_CHUNK_SIZE [3000]: lines per chunk transaction. */
    readonly chunkSize: number,
    /** JOBS_LEASE_SECONDS [60]: how long a dead worker's job waits before another worker resumes it. */
    readonly leaseSeconds: number,
    /** JOBS_POLL_MS [250]: how often an idle worker looks for jobs other processes added. */
    readonly pollMs: number,
    /** JOBS_CHUNK_PAUSE_MS [0]: pause after each chunk, so a big job leaves room to other writers. */
    readonly chunkPauseMs: number,
    /** JOBS_THREADS [on]: the database queue's jobs run in worker threads, off the HTTP event loop (ADR 0024). */
    readonly threads: boolean,
    /** TENANT_MAX_QUEUED_JOBS [100]: a tenant's unfinished jobs at most; one more is refused 429 (ADR 0044). */
    readonly maxQueuedJobs = 100,
    /** TENANT_MAX_QUEUED_BYTES [256mb]: the payload bytes of a tenant's unfinished jobs at most; more is refused 429. */
    readonly maxQueuedBytes = 256 * 1024 * 1024,
  ) {}
}

/**
 * Reads the worker settings.
 * @throws Error naming every invalid variable.
 */
export function loadJobsConfig(env: NodeJS.ProcessEnv, databaseKind: 'sqlite' | 'postgres'): JobsConfig {
  const read = new EnvReader(env);
  const queue = (env['JOBS_QUEUE']?.trim().toLowerCase() || (databaseKind === 'postgres' ? 'pg-boss' : 'database')) as JobsQueueKind;
  if (queue !== 'pg-boss' && queue !== 'database') read.problems.push(`JOBS_QUEUE must be pg-boss or database, got "${queue}"`);
  if (queue === 'pg-boss' && databaseKind !== 'postgres') read.problems.push('JOBS_QUEUE=pg-boss needs a PostgreSQL DATABASE_URL');
  const config = new JobsConfig(
    queue,
    read.onOff('JOBS_WORKER', true),
    read.int('JOBS_CONCURRENCY', 2, 1, 64),
    read.int('JOBS_CHUNK_SIZE', 3000, 1, 100_000),
    read.int('JOBS_LEASE_SECONDS', 60, 1, 86_400),
    read.int('JOBS_POLL_MS', 250, 10, 60_000),
    read.int('JOBS_CHUNK_PAUSE_MS', 0, 0, 60_000),
    read.onOff('JOBS_THREADS', true),
    read.int('TENANT_MAX_QUEUED_JOBS', 100, 1, 1_000_000),
    read.size('TENANT_MAX_QUEUED_BYTES', 256 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
  );
  read.check('job settings');
  return config;
}
