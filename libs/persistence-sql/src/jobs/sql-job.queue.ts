import {
  JobQueue,
  type ClaimedJob,
  type Job,
  type JobClaimFilter,
  type JobKind,
  type JobMessage,
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
 * The job queue in the database, for the in-process worker on both engines. On PostgreSQL the
 * claim locks the chosen row with `FOR UPDATE SKIP LOCKED`, so any number of processes share the
 * queue; on SQLite every write (claim, progress, finish) runs under the database write lock
 * (`BEGIN IMMEDIATE`), which waits for other connections without blocking the thread; a bare
 * statement would wait inside SQLite's busy handler, or fail at once when its snapshot went stale.
 */
export class SqlJobQueue extends JobQueue {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async add(job: NewJob): Promise<number> {
    const payload = JSON.stringify(job.payload);
    return retriedTransaction(this.gate, async (s) => {
      const [row] = await s.all<{ id: number | string }>(
        `INSERT INTO jobs (tenant_id, kind, ordering_key, location_code, status, item_count, processed, chunks_done, messages, added)
         VALUES (?, ?, ?, ?, 'PENDING', ?, ?, 0, ?, ?) RETURNING id`,
        [job.tenantId, job.kind, job.orderingKey, job.locationCode, job.itemCount, job.processed, JSON.stringify(job.messages), job.added],
      );
      // Apart from the job row, which every progress update rewrites (see JobPayloadsMigration).
      await s.run('INSERT INTO job_payloads (job_id, payload) VALUES (?, ?)', [row.id, payload]);
      return Number(row.id);
    });
  }

  async get(tenantId: string, jobId: number): Promise<Job | null> {
    const rows = await this.gate.session((s) => s.all<JobRow>(`SELECT ${STATUS_COLUMNS} FROM jobs WHERE id = ? AND tenant_id = ?`, [jobId, tenantId]));
    return rows[0] ? toJob(rows[0]) : null;
  }

  async listRecent(tenantId: string, limit: number): Promise<Job[]> {
    const columns = STATUS_COLUMNS.replace('messages', "'[]' AS messages");
    const rows = await this.gate.session((s) => s.all<JobRow>(`SELECT ${columns} FROM jobs WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`, [tenantId, limit]));
    return rows.map(toJob);
  }

  async claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null> {
    const narrow = narrowing(only);
    // SQLite: a look without the write lock first. Idle workers poll several times a second, and
    // a claim under BEGIN IMMEDIATE that found nothing still waited for the writers and held them up.
    if (this.gate.kind === 'sqlite' && !(await this.gate.session((s) => runnableSqlite(s, now, narrow)))) return null;
    const claimed = await retriedTransaction(this.gate, async (s) => {
      const [row] = await (s.kind === 'postgresql' ? claimPg(s, owner, now, leaseUntil, narrow) : claimSqlite(s, owner, now, leaseUntil, narrow));
      if (!row) return null;
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
}

function narrowing(only: JobClaimFilter | undefined): Narrowing {
  if (!only) return { sql: '', params: [] };
  return 'jobId' in only ? { sql: ' AND j.id = ?', params: [only.jobId] } : { sql: ' AND j.ordering_key = ?', params: [only.orderingKey] };
}

function claimPg(s: SqlSession, owner: string, now: string, leaseUntil: string, narrow: Narrowing): Promise<JobRow[]> {
  return s.all<JobRow>(
    `UPDATE jobs SET status = 'WORKING', lease_owner = ?, lease_until = ?, started = COALESCE(started, GREATEST(?, ${PREDECESSOR_FINISHED}))
     WHERE id = (SELECT j.id FROM jobs j WHERE ${RUNNABLE}${narrow.sql} ORDER BY j.id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${STATUS_COLUMNS}`,
    [owner, leaseUntil, now, now, ...narrow.params],
  );
}

/** The id of the job a claim would take now, if any. */
async function runnableSqlite(s: SqlSession, now: string, narrow: Narrowing): Promise<number | null> {
  const [found] = await s.all<{ id: number }>(`SELECT j.id FROM jobs j WHERE ${RUNNABLE}${narrow.sql} ORDER BY j.id LIMIT 1`, [now, ...narrow.params]);
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

function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
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
