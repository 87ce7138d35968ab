import { loadJobsConfig } from './jobs.config';

describe('job queue selection (JOBS_QUEUE)', () => {
  it('defaults to pg-boss on PostgreSQL and to the database queue on SQLite', () => {
    expect(loadJobsConfig({}, 'postgres').queue).toBe('pg-boss');
    expect(loadJobsConfig({}, 'sqlite').queue).toBe('database');
  });

  it('lets PostgreSQL use the database queue, and refuses pg-boss on SQLite or an unknown queue, naming the variable', () => {
    expect(loadJobsConfig({ JOBS_QUEUE: 'database' }, 'postgres').queue).toBe('database');
    expect(() => loadJobsConfig({ JOBS_QUEUE: 'pg-boss' }, 'sqlite')).toThrow(/JOBS_QUEUE=pg-boss needs a PostgreSQL/);
    expect(() => loadJobsConfig({ JOBS_QUEUE: 'redis' }, 'postgres')).toThrow(/JOBS_QUEUE must be pg-boss or database, got "redis"/);
  });
});

describe('job threads (JOBS_THREADS)', () => {
  it('runs the database queue in job threads unless switched off, and names a bad value', () => {
    expect(loadJobsConfig({}, 'sqlite').threads).toBe(true);
    expect(loadJobsConfig({ JOBS_THREADS: 'off' }, 'sqlite').threads).toBe(false);
    expect(() => loadJobsConfig({ JOBS_THREADS: 'sometimes' }, 'sqlite')).toThrow(/JOBS_THREADS/);
  });
});

describe('tenant job caps (TENANT_MAX_QUEUED_JOBS, TENANT_MAX_QUEUED_BYTES)', () => {
  it('defaults to 100 jobs and 256 MB, reads sizes with units, and names a bad value', () => {
    expect(loadJobsConfig({}, 'sqlite')).toMatchObject({ maxQueuedJobs: 100, maxQueuedBytes: 256 * 1024 * 1024 });
    expect(loadJobsConfig({ TENANT_MAX_QUEUED_JOBS: '3', TENANT_MAX_QUEUED_BYTES: '2mb' }, 'sqlite')).toMatchObject({
      maxQueuedJobs: 3,
      maxQueuedBytes: 2 * 1024 * 1024,
    });
    expect(() => loadJobsConfig({ TENANT_MAX_QUEUED_JOBS: '0' }, 'sqlite')).toThrow(/TENANT_MAX_QUEUED_JOBS/);
    expect(() => loadJobsConfig({ TENANT_MAX_QUEUED_BYTES: 'a lot' }, 'sqlite')).toThrow(/TENANT_MAX_QUEUED_BYTES/);
  });
});
