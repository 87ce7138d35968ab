import {
  JobQueue,
  type AddedJob,
  type ClaimedJob,
  type Job,
  type JobClaimFilter,
  type JobMessage,
  type JobQuota,
  type NewJob,
} from '@tally/inventory-application';

type Progress = { chunksDone: number; processed: number; messages: readonly JobMessage[]; leaseUntil: string };

/**
 * The job queue as the negative control of reliability check 4a needs it (ADR 0020, mode
 * `progress-before-commit`): whenever a worker is about to run a chunk (right after a claim and
 * after each recorded chunk), the queue already records that chunk as done, before its
 * transaction commits. A worker killed inside the chunk leaves a job whose next runner skips it.
 * Bound only under TALLY_UNSAFE_TEST_MODE; every other call goes to the real queue unchanged.
 */
export class UnsafeProgressFirstJobQueue extends JobQueue {
  /** Item count of each job in hand, to know where its next chunk ends. */
  private readonly sizes = new Map<number, number>();

  constructor(
    private readonly inner: JobQueue,
    private readonly chunkSize: number,
  ) {
    super();
  }

  add(job: NewJob, quota?: JobQuota): Promise<AddedJob> {
    return this.inner.add(job, quota);
  }

  get(tenantId: string, jobNumber: number): Promise<Job | null> {
    return this.inner.get(tenantId, jobNumber);
  }

  listRecent(tenantId: string, limit: number): Promise<Job[]> {
    return this.inner.listRecent(tenantId, limit);
  }

  async claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null> {
    const job = await this.inner.claim(owner, now, leaseUntil, only);
    if (!job) return null;
    this.sizes.set(job.id, job.payload.lines.length);
    await this.recordAhead(job.id, owner, { chunksDone: job.chunksDone, processed: job.processed, messages: job.messages, leaseUntil });
    return job;
  }

  async recordChunk(jobId: number, owner: string, progress: Progress): Promise<boolean> {
    const kept = await this.inner.recordChunk(jobId, owner, progress);
    if (kept) await this.recordAhead(jobId, owner, progress);
    return kept;
  }

  finish(jobId: number, owner: string, status: 'SUCCESS' | 'FAILED', finished: string, messages: readonly JobMessage[]): Promise<boolean> {
    this.sizes.delete(jobId);
    return this.inner.finish(jobId, owner, status, finished, messages);
  }

  /** Records the chunk after `done` as committed although it has not run yet: the unsafe part. */
  private async recordAhead(jobId: number, owner: string, done: Progress): Promise<void> {
    const size = this.sizes.get(jobId) ?? 0;
    const next = Math.min(size, (done.chunksDone + 1) * this.chunkSize);
    if (done.chunksDone * this.chunkSize >= size) return;
    const processed = done.processed + next - done.chunksDone * this.chunkSize;
    await this.inner.recordChunk(jobId, owner, { ...done, chunksDone: done.chunksDone + 1, processed });
  }
}
