import { randomBytes } from 'node:crypto';
import { JobQueue, type AddedJob, type ClaimedJob, type Job, type JobClaimFilter, type JobMessage, type NewJob } from '@tally/inventory-application';
import { Client } from 'pg';

const SERVER = process.env['E2E_POSTGRES_URL']?.replace(/\/[^/]*$/, '') ?? 'postgres://postgres@127.0.0.1:5432';

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL database with a random name for one spec file, and how to drop it. */
export async function scratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tally_boss_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  return { url: `${SERVER}/${name}`, drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

type Row = ClaimedJob & { leaseUntil: string | null; owner: string | null };

/**
 * The jobs-table rules the adapter relies on (first unfinished of its key, leases), kept in
 * memory: this lib may not use the persistence adapter, and the spec is about delivery.
 */
export class RowStore extends JobQueue {
  readonly rows: Row[] = [];

  async add(job: NewJob): Promise<AddedJob> {
    const id = this.rows.length + 1;
    const mine = this.rows.filter((r) => r.tenantId === job.tenantId);
    const number = mine.length + 1;
    const queuedBefore = mine.filter((r) => r.status === 'PENDING' || r.status === 'WORKING').length;
    this.rows.push({
      ...job,
      id,
      number,
      status: 'PENDING',
      chunksDone: 0,
      started: null,
      finished: null,
      leaseOwner: '',
      leaseUntil: null,
      owner: null,
      messages: [...job.messages],
    });
    return { id, number, queuedBefore };
  }

  async get(tenantId: string, jobNumber: number): Promise<Job | null> {
    return this.rows.find((r) => r.number === jobNumber && r.tenantId === tenantId) ?? null;
  }

  async listRecent(tenantId: string, limit: number): Promise<Job[]> {
    return this.rows
      .filter((r) => r.tenantId === tenantId)
      .reverse()
      .slice(0, limit);
  }

  async claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null> {
    const open = (r: Row) => r.status === 'PENDING' || r.status === 'WORKING';
    const row = this.rows.find(
      (r) =>
        (!only || ('jobId' in only ? r.id === only.jobId : r.orderingKey === only.orderingKey)) &&
        (r.status === 'PENDING' || (r.status === 'WORKING' && (r.leaseUntil ?? '') < now)) &&
        !this.rows.some((p) => p.orderingKey === r.orderingKey && p.id < r.id && open(p)),
    );
    if (!row) return null;
    Object.assign(row, { status: 'WORKING', owner, leaseUntil, started: row.started ?? now });
    return { ...row, leaseOwner: owner };
  }

  async recordChunk(jobId: number, owner: string, progress: { chunksDone: number; leaseUntil: string }): Promise<boolean> {
    const row = this.rows.find((r) => r.id === jobId && r.owner === owner && r.status === 'WORKING');
    if (row) Object.assign(row, { chunksDone: progress.chunksDone, leaseUntil: progress.leaseUntil });
    return row !== undefined;
  }

  async finish(jobId: number, owner: string, status: 'SUCCESS' | 'FAILED', finished: string, messages: readonly JobMessage[]): Promise<boolean> {
    const row = this.rows.find((r) => r.id === jobId && r.owner === owner && r.status === 'WORKING');
    if (row) Object.assign(row, { status, finished, messages: [...messages], owner: null, leaseUntil: null });
    return row !== undefined;
  }
}

/** Waits until `done` holds (the spec's deadline is jest's timeout). */
export async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 25));
}
