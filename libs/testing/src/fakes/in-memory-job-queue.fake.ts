import { JobQueue, type ClaimedJob, type Job, type JobClaimFilter, type JobMessage, type NewJob, type StockJobPayload } from '@tally/inventory-application';

type Row = Job & { payload: StockJobPayload; leaseOwner: string | null; leaseUntil: string | null };

/** What a job's status shows: the row without its payload and lease, as the SQL queue answers. */
const jobOf = ({ payload: _payload, leaseOwner: _leaseOwner, leaseUntil: _leaseUntil, ...job }: Row): Job => ({ ...job, messages: [...job.messages] });

/** The job queue in memory, with the database adapter's claiming rules (ordering key, leases). */
export class InMemoryJobQueue extends JobQueue {
  readonly rows: Row[] = [];

  async add(job: NewJob): Promise<number> {
    const id = this.rows.length + 1;
    this.rows.push({
      id,
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
      leaseOwner: null,
      leaseUntil: null,
    });
    return id;
  }

  async get(tenantId: string, jobId: number): Promise<Job | null> {
    const row = this.rows.find((r) => r.id === jobId && r.tenantId === tenantId);
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
    const row = this.rows.find(
      (r) =>
        wanted(r) &&
        (r.status === 'PENDING' || (r.status === 'WORKING' && (r.leaseUntil ?? '') < now)) &&
        !this.rows.some((p) => p.orderingKey === r.orderingKey && p.id < r.id && open(p)),
    );
    if (!row) return null;
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
