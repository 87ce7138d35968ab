/** Settings of the job worker, read from the environment (defaults in brackets). */
export class JobsConfig {
  constructor(
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
  ) {}
}

/**
 * Reads the worker settings.
 * @throws Error naming every invalid variable.
 */
export function loadJobsConfig(env: NodeJS.ProcessEnv): JobsConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) problems.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    return value;
  };
  const worker = (env['JOBS_WORKER']?.trim() || 'on').toLowerCase();
  if (worker !== 'on' && worker !== 'off') problems.push(`JOBS_WORKER must be on or off, got "${worker}"`);
  const config = new JobsConfig(
    worker === 'on',
    int('JOBS_CONCURRENCY', 2, 1, 64),
    int('JOBS_CHUNK_SIZE', 3000, 1, 100_000),
    int('JOBS_LEASE_SECONDS', 60, 1, 86_400),
    int('JOBS_POLL_MS', 250, 10, 60_000),
    int('JOBS_CHUNK_PAUSE_MS', 0, 0, 60_000),
  );
  if (problems.length) throw new Error(`Invalid job settings: ${problems.join('; ')}`);
  return config;
}
