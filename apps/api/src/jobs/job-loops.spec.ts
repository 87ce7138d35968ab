import type { JobRunHooks, StockJobs } from '@tally/inventory-application';
import { JobLoops } from './job-loops';

/** A stand-in for the use case: each queued job is a list of chunks the loop runs one by one. */
class ScriptedJobs {
  readonly queued: number[] = [];
  readonly chunksRun: string[] = [];
  readonly owners = new Set<string>();
  failNext: string | null = null;
  private release: (() => void) | null = null;

  /** Makes the next chunk wait until {@link releaseChunk}. */
  holdChunks = false;

  releaseChunk(): void {
    this.release?.();
    this.release = null;
  }

  async runNext(owner: string, hooks: JobRunHooks = {}): Promise<boolean> {
    this.owners.add(owner);
    if (this.failNext) {
      const message = this.failNext;
      this.failNext = null;
      throw new Error(message);
    }
    const chunks = this.queued.shift();
    if (chunks === undefined) return false;
    for (let n = 0; n < chunks; n++) {
      if (hooks.shouldStop?.()) return true;
      if (this.holdChunks) await new Promise<void>((resolve) => (this.release = resolve));
      this.chunksRun.push(`chunk ${n}`);
      await hooks.afterChunk?.();
    }
    return true;
  }
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error('condition not reached');
};

describe('JobLoops', () => {
  const options = { loops: 2, pollMs: 60_000, chunkPauseMs: 0, onError: () => undefined };

  it('runs a job added while idle as soon as it is woken, without waiting for the poll', async () => {
    const jobs = new ScriptedJobs();
    const loops = new JobLoops(jobs as unknown as StockJobs, 'owner', options);
    loops.start();
    await until(() => jobs.owners.size === 2);
    jobs.queued.push(3);
    loops.wake();
    await until(() => jobs.chunksRun.length === 3);
    expect([...jobs.owners].sort()).toEqual(['owner:0', 'owner:1']);
    await loops.stop();
  });

  it('stops between chunks: the chunk in flight finishes, the rest of the job is left for later', async () => {
    const jobs = new ScriptedJobs();
    jobs.holdChunks = true;
    jobs.queued.push(5);
    const loops = new JobLoops(jobs as unknown as StockJobs, 'owner', { ...options, loops: 1 });
    loops.start();
    await until(() => jobs.owners.size === 1);
    let stopped = false;
    const stopping = loops.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stopped).toBe(false);
    jobs.releaseChunk();
    await stopping;
    expect(jobs.chunksRun).toEqual(['chunk 0']);
  });

  it('reports a run that throws and keeps looping', async () => {
    const jobs = new ScriptedJobs();
    const errors: string[] = [];
    jobs.failNext = 'database is down';
    const loops = new JobLoops(jobs as unknown as StockJobs, 'owner', { ...options, loops: 1, pollMs: 5, onError: (m) => errors.push(m) });
    loops.start();
    await until(() => errors.length === 1);
    jobs.queued.push(1);
    await until(() => jobs.chunksRun.length === 1);
    expect(errors).toEqual(['database is down']);
    await loops.stop();
  });
});
