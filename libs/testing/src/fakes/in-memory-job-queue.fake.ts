import {
  ApplicationError,
  ApplicationErrorCodes,
  JobQueue,
  type AddedJob,
  type ClaimedJob,
  type Job,
  type JobClaimFilter,
  type JobMessage,
  type JobQuota,
  type NewJob,
  type StockJobPayload,
} from '@tally/inventory-application';

type Row = Job & { payload: StockJobPayload; bytes: number; leaseOwner: string | null; leaseUntil: string | null };

/** What a job's status shows: the row without its payload and lease, as the SQL queue answers. */
const jobOf = ({ payload: _payload, bytes: _bytes, leaseOwner: _leaseOwner, leaseUntil: _leaseUntil, ...job }: Row): Job => ({
  ...job,
  messages: [...job.messages],
});

/** The job queue in memory, with the database adapter's claiming rules (ordering key, leases, tenants' turns, quotas). */
export class InMemoryJobQueue extends JobQueue {
  readonly rows: Row[] = [];
  /** Per tenant: the turn at which it was last served. */
  private readonly turns = new Map<string, number>();
  private turn = 0;

  async add(job: NewJob, quota?: JobQuota): Promise<AddedJob> {
    const id = this.rows.length + 1;
    const open = this.rows.filter((r) => r.tenantId === job.tenantId && (r.status === 'PENDING' || r.status === 'WORKING'));
    const bytes = Buffer.byteLength(JSON.stringify(job.payload), 'utf8');
    const queuedBytes = open.reduce((sum, r) => sum + r.bytes, 0);
    if (quota && (open.length + 1 > quota.maxQueuedJobs || queuedBytes + bytes > quota.maxQueuedBytes)) {
      throw new ApplicationError(ApplicationErrorCodes.jobQuotaExceeded, 'the tenant has too many unfinished jobs', undefined, { retryAfterSeconds: 5 });
    }
    const number = this.rows.filter((r) => r.tenantId === job.tenantId).length + 1;
    this.turns.set(job.tenantId, this.turns.get(job.tenantId) ?? 0);
    this.rows.push({
      id,
      number,
      kind: job.kind,
      tenantId: job.tenantId,
      orderingKey: job.orderingKey,
      locationCode: job.locationCode,
      status: 'PENDING',
      itemCount: job.itemCount,
      processed: job.processed,
      chunksDone: 0,
      messages: [...job.messages],
      added: job.added,
      started: null,
      finished: null,
      payload: JSON.parse(JSON.stringify(job.payload)) as StockJobPayload,
      bytes,
      leaseOwner: null,
      leaseUntil: null,
    });
    return { id, number, queuedBefore: open.length };
  }

  async get(tenantId: string, jobNumber: number): Promise<Job | null> {
    const row = this.rows.find((r) => r.number === jobNumber && r.tenantId === tenantId);
    return row ? jobOf(row) : null;
  }

  async listRecent(tenantId: string, limit: number): Promise<Job[]> {
    return this.rows
      .filter((r) => r.tenantId === tenantId)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit)
      .map((r) => ({ ...jobOf(r), messages: [] }));
  }

  async claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null> {
    const open = (r: Row) => r.status === 'PENDING' || r.status === 'WORKING';
    const wanted = (r: Row) => !only || ('jobId' in only ? r.id === only.jobId : r.orderingKey === only.orderingKey);
    const runnable = this.rows.filter(
      (r) =>
        wanted(r) &&
        (r.status === 'PENDING' || (r.status === 'WORKING' && (r.leaseUntil ?? '') < now)) &&
        !this.rows.some((p) => p.orderingKey === r.orderingKey && p.id < r.id && open(p)),
    );
    // The tenant served least recently first, then its oldest job.
    const row = runnable.sort((a, b) => (this.turns.get(a.tenantId) ?? 0) - (this.turns.get(b.tenantId) ?? 0) || a.id - b.id)[0];
    if (!row) return null;
    this.turns.set(row.tenantId, ++this.turn);
    // Never started before the job ahead of it finished, as in the SQL queue.
    const before = this.rows.filter((p) => p.orderingKey === row.orderingKey && p.id < row.id).at(-1)?.finished ?? '';
    Object.assign(row, { status: 'WORKING', leaseOwner: owner, leaseUntil, started: row.started ?? (before > now ? before : now) });
    return { ...jobOf(row), payload: row.payload, leaseOwner: owner };
  }

  async recordChunk(
    jobId: number,
    owner: string,
    progress: { chunksDone: number; processed: number; messages: readonly JobMessage[]; leaseUntil: string },
  ): Promise<boolean> {
    const row = this.rows.find((r) => r.id === jobId && r.leaseOwner === owner && r.status === 'WORKING' && r.chunksDone < progress.chunksDone);
    if (!row) return false;
    Object.assign(row, { chunksDone: progress.chunksDone, processed: progress.processed, messages: [...progress.messages], leaseUntil: progress.leaseUntil });
    return true;
  }

  async finish(jobId: number, owner: string, status: 'SUCCESS' | 'FAILED', finished: string, messages: readonly JobMessage[]): Promise<boolean> {
    const row = this.rows.find((r) => r.id === jobId && r.leaseOwner === owner && r.status === 'WORKING');
    if (!row) return false;
    Object.assign(row, { status, finished, messages: [...messages], leaseOwner: null, leaseUntil: null });
    return true;
  }
}
