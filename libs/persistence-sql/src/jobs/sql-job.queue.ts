import {
  ApplicationError,
  ApplicationErrorCodes,
  JobQueue,
  type AddedJob,
  type ClaimedJob,
  type Job,
  type JobClaimFilter,
  type JobKind,
  type JobMessage,
  type JobQuota,
  type JobStatus,
  type NewJob,
  type StockJobPayload,
} from '@tally/inventory-application';
import { ChannelEventTypes, jobFinishedData } from '@tally/inventory-application';
import { retriedTransaction } from '../inventory/retry.policy';
import { recordChannelEvents, subscribedChannels } from '../channels/channel-events.sql';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession, SqlValue } from '../sql/sql-session';
import type { ColumnOf } from '../schema/schema.catalogue';

interface JobRow {
  id: number | string;
  tenant_job_no: number | string;
  tenant_id: string;
  kind: string;
  ordering_key: string;
  location_code: string | null;
  status: string;
  item_count: number | string;
  processed: number | string;
  chunks_done: number | string;
  messages: string;
  added: string;
  started: string | null;
  finished: string | null;
  lease_owner: string | null;
}

const STATUS_COLUMNS = (
  [
    'id',
    'tenant_job_no',
    'tenant_id',
    'kind',
    'ordering_key',
    'location_code',
    'status',
    'item_count',
    'processed',
    'chunks_done',
    'messages',
    'added',
    'started',
    'finished',
    'lease_owner',
  ] satisfies ColumnOf<'jobs'>[]
).join(', ');

// A job is runnable when pending or abandoned (lease expired), and no older job of its key is unfinished.
const RUNNABLE = `(j.status = 'PENDING' OR (j.status = 'WORKING' AND j.lease_until < ?))
  AND NOT EXISTS (SELECT 1 FROM jobs p WHERE p.ordering_key = j.ordering_key AND p.id < j.id AND p.status IN ('PENDING', 'WORKING'))`;

// When the job before this one of its key finished. A worker reads its clock before its claim
// runs, so that time can precede the predecessor's finish, which the claim had to wait for.
const PREDECESSOR_FINISHED = `(SELECT p.finished FROM jobs p WHERE p.ordering_key = jobs.ordering_key AND p.id < jobs.id ORDER BY p.id DESC LIMIT 1)`;

/**
 * The order in which runnable jobs are claimed: `fair` (tenants take turns, ADR 0044), or
 * `global` (oldest job first, whoever's: the unsafe `global-job-order` negative control).
 */
export type JobClaimOrder = 'fair' | 'global';

// The tenant served least recently first (a tenant never served has turn 0), then its oldest job.
const ORDER_BY: Record<JobClaimOrder, string> = {
  fair: 'ORDER BY (SELECT t.served_turn FROM job_tenants t WHERE t.tenant_id = j.tenant_id), j.id',
  global: 'ORDER BY j.id',
};

/** Seconds a caller refused by the job quota is told to wait: about one chunk of another job. */
export const JOB_QUOTA_RETRY_AFTER_SECONDS = 5;

/**
 * The job queue in the database, for the in-process worker on both engines. On PostgreSQL the
 * claim locks the chosen row with `FOR UPDATE SKIP LOCKED`, so any number of processes share the
 * queue; on SQLite every write (claim, progress, finish) runs under the database write lock
 * (`BEGIN IMMEDIATE`), which waits for other connections without blocking the thread; a bare
 * statement would wait inside SQLite's busy handler, or fail at once when its snapshot went stale.
 */
export class SqlJobQueue extends JobQueue {
  constructor(
    private readonly gate: SqlGate,
    private readonly order: JobClaimOrder = 'fair',
  ) {
    super();
  }

  /**
   * Numbers the job in the tenant's own sequence and checks the quota in one transaction. The
   * tenant's `job_tenants` row is written first: on PostgreSQL its row lock makes concurrent adds
   * of one tenant take turns, so each counts the others' jobs; on SQLite the write lock does.
   */
  async add(job: NewJob, quota?: JobQuota): Promise<AddedJob> {
    const payload = JSON.stringify(job.payload);
    const bytes = Buffer.byteLength(payload, 'utf8');
    return retriedTransaction(this.gate, async (s) => {
      const [numbered] = await s.all<{ last_job_no: number | string }>(
        `INSERT INTO job_tenants (tenant_id, last_job_no, served_turn) VALUES (?, 1, 0)
         ON CONFLICT (tenant_id) DO UPDATE SET last_job_no = job_tenants.last_job_no + 1 RETURNING last_job_no`,
        [job.tenantId],
      );
      const [open] = await s.all<{ jobs: number | string; bytes: number | string | null }>(
        `SELECT COUNT(*) AS jobs, SUM(payload_bytes) AS bytes FROM jobs WHERE tenant_id = ? AND status IN ('PENDING', 'WORKING')`,
        [job.tenantId],
      );
      const queued = Number(open.jobs);
      const queuedBytes = Number(open.bytes ?? 0);
      if (quota && (queued + 1 > quota.maxQueuedJobs || queuedBytes + bytes > quota.maxQueuedBytes)) {
        // Thrown inside the transaction: it rolls back, the number included.
        throw quotaExceeded(quota, queued, queuedBytes, bytes);
      }
      const number = Number(numbered.last_job_no);
      const [row] = await s.all<{ id: number | string }>(
        `INSERT INTO jobs (tenant_id, tenant_job_no, kind, ordering_key, location_code, status, item_count, processed, chunks_done, messages, added, payload_bytes)
         VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, 0, ?, ?, ?) RETURNING id`,
        [job.tenantId, number, job.kind, job.orderingKey, job.locationCode, job.itemCount, job.processed, JSON.stringify(job.messages), job.added, bytes],
      );
      // Apart from the job row, which every progress update rewrites (see JobPayloadsMigration).
      await s.run('INSERT INTO job_payloads (job_id, payload) VALUES (?, ?)', [row.id, payload]);
      return { id: Number(row.id), number, queuedBefore: queued };
    });
  }

  async get(tenantId: string, jobNumber: number): Promise<Job | null> {
    const rows = await this.gate.session((s) =>
      s.all<JobRow>(`SELECT ${STATUS_COLUMNS} FROM jobs WHERE tenant_id = ? AND tenant_job_no = ?`, [tenantId, jobNumber]),
    );
    return rows[0] ? toJob(rows[0]) : null;
  }

  async listRecent(tenantId: string, limit: number): Promise<Job[]> {
    const columns = STATUS_COLUMNS.replace('messages', "'[]' AS messages");
    const rows = await this.gate.session((s) => s.all<JobRow>(`SELECT ${columns} FROM jobs WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`, [tenantId, limit]));
    return rows.map(toJob);
  }

  async claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null> {
    const narrow = { ...narrowing(only), order: ORDER_BY[this.order] };
    // SQLite: a look without the write lock first. Idle workers poll several times a second, and
    // a claim under BEGIN IMMEDIATE that found nothing still waited for the writers and held them up.
    if (this.gate.kind === 'sqlite' && !(await this.gate.session((s) => runnableSqlite(s, now, narrow)))) return null;
    const claimed = await retriedTransaction(this.gate, async (s) => {
      const [row] = await (s.kind === 'postgresql' ? claimPg(s, owner, now, leaseUntil, narrow) : claimSqlite(s, owner, now, leaseUntil, narrow));
      if (!row) return null;
      // The tenant goes to the back of the line. Two claims at once on PostgreSQL may give two
      // tenants the same turn; they are then ordered by their oldest job, which is still fair.
      await s.run('UPDATE job_tenants SET served_turn = (SELECT MAX(t.served_turn) + 1 FROM job_tenants t) WHERE tenant_id = ?', [row.tenant_id]);
      const [stored] = await s.all<{ payload: string }>('SELECT payload FROM job_payloads WHERE job_id = ?', [row.id]);
      return { row, payload: stored?.payload ?? '{}' };
    });
    if (!claimed) return null;
    return { ...toJob(claimed.row), payload: JSON.parse(claimed.payload) as StockJobPayload, leaseOwner: owner };
  }

  async recordChunk(
    jobId: number,
    owner: string,
    progress: { chunksDone: number; processed: number; messages: readonly JobMessage[]; leaseUntil: string },
  ): Promise<boolean> {
    const changed = await retriedTransaction(this.gate, (s) =>
      s.run(
        `UPDATE jobs SET chunks_done = ?, processed = ?, messages = ?, lease_until = ?
         WHERE id = ? AND lease_owner = ? AND status = 'WORKING' AND chunks_done < ?`,
        [progress.chunksDone, progress.processed, JSON.stringify(progress.messages), progress.leaseUntil, jobId, owner, progress.chunksDone],
      ),
    );
    return changed > 0;
  }

  /** Ends the job and, in the same transaction, records the `job.finished` event of the channels subscribed to it (ADR 0042). */
  async finish(jobId: number, owner: string, status: 'SUCCESS' | 'FAILED', finished: string, messages: readonly JobMessage[]): Promise<boolean> {
    return retriedTransaction(this.gate, async (s) => {
      const [row] = await s.all<JobRow>(
        `UPDATE jobs SET status = ?, finished = ?, messages = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND lease_owner = ? AND status = 'WORKING' RETURNING ${STATUS_COLUMNS}`,
        [status, finished, JSON.stringify(messages), jobId, owner],
      );
      if (!row) return false;
      const channels = await subscribedChannels(s, row.tenant_id);
      const data = jobFinishedData({ ...toJob(row), problems: messages.length });
      await recordChannelEvents(s, row.tenant_id, channels, ChannelEventTypes.jobFinished, [{ occurredAt: finished, data }], finished);
      return true;
    });
  }
}

/** The extra condition and parameter of a narrowed claim. */
interface Narrowing {
  readonly sql: string;
  readonly params: SqlValue[];
  /** The ORDER BY of the claim's choice. */
  readonly order: string;
}

function narrowing(only: JobClaimFilter | undefined): Omit<Narrowing, 'order'> {
  if (!only) return { sql: '', params: [] };
  return 'jobId' in only ? { sql: ' AND j.id = ?', params: [only.jobId] } : { sql: ' AND j.ordering_key = ?', params: [only.orderingKey] };
}

function claimPg(s: SqlSession, owner: string, now: string, leaseUntil: string, narrow: Narrowing): Promise<JobRow[]> {
  return s.all<JobRow>(
    `UPDATE jobs SET status = 'WORKING', lease_owner = ?, lease_until = ?, started = COALESCE(started, GREATEST(?, ${PREDECESSOR_FINISHED}))
     WHERE id = (SELECT j.id FROM jobs j WHERE ${RUNNABLE}${narrow.sql} ${narrow.order} LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${STATUS_COLUMNS}`,
    [owner, leaseUntil, now, now, ...narrow.params],
  );
}

/** The id of the job a claim would take now, if any. */
async function runnableSqlite(s: SqlSession, now: string, narrow: Narrowing): Promise<number | null> {
  const [found] = await s.all<{ id: number }>(`SELECT j.id FROM jobs j WHERE ${RUNNABLE}${narrow.sql} ${narrow.order} LIMIT 1`, [now, ...narrow.params]);
  return found ? found.id : null;
}

// Looks again under the write lock: another worker may have claimed the job seen without it.
async function claimSqlite(s: SqlSession, owner: string, now: string, leaseUntil: string, narrow: Narrowing): Promise<JobRow[]> {
  const id = await runnableSqlite(s, now, narrow);
  if (id === null) return [];
  return s.all<JobRow>(
    `UPDATE jobs SET status = 'WORKING', lease_owner = ?, lease_until = ?, started = COALESCE(started, MAX(?, COALESCE(${PREDECESSOR_FINISHED}, ''))) WHERE id = ?
     RETURNING ${STATUS_COLUMNS}`,
    [owner, leaseUntil, now, id],
  );
}

function quotaExceeded(quota: JobQuota, queued: number, queuedBytes: number, bytes: number): ApplicationError {
  const what =
    queued + 1 > quota.maxQueuedJobs
      ? `the tenant already has ${queued} unfinished jobs, its cap is ${quota.maxQueuedJobs}`
      : `the tenant's unfinished jobs hold ${queuedBytes} bytes, this one ${bytes}, its cap is ${quota.maxQueuedBytes}`;
  return new ApplicationError(ApplicationErrorCodes.jobQuotaExceeded, `${what}; retry when some have finished`, undefined, {
    retryAfterSeconds: JOB_QUOTA_RETRY_AFTER_SECONDS,
  });
}

function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    number: Number(row.tenant_job_no),
    kind: row.kind as JobKind,
    tenantId: row.tenant_id,
    orderingKey: row.ordering_key,
    locationCode: row.location_code,
    status: row.status as JobStatus,
    itemCount: Number(row.item_count),
    processed: Number(row.processed),
    chunksDone: Number(row.chunks_done),
    messages: JSON.parse(row.messages) as JobMessage[],
    added: row.added,
    started: row.started,
    finished: row.finished,
  };
}
