import type { JobClaimFilter, NewJob } from '@tally/inventory-application';
import { Client } from 'pg';
import { PgBossJobQueue, type JobRunner } from './pg-boss-job.queue';
import { RowStore, scratchPostgres, until } from './pg-boss.spec-helper';

jest.setTimeout(60_000);

const job = (location: string, tenantId = 't1'): NewJob => ({
  kind: 'REFRESH',
  tenantId,
  orderingKey: `${tenantId}|${location}`,
  locationCode: location,
  itemCount: 1,
  processed: 0,
  messages: [],
  added: new Date().toISOString(),
  payload: { connectionId: null, actor: 'spec', reference: null, lines: [], labels: [] },
});

const leaseUntil = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('PgBossJobQueue on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  const opened: PgBossJobQueue[] = [];
  const errors: Error[] = [];
  const open = async (store: RowStore, leaseSeconds = 60) => {
    const queue = await PgBossJobQueue.open(store, { connectionString: database.url, leaseSeconds, onError: (e) => errors.push(e) });
    opened.push(queue);
    return queue;
  };

  beforeAll(async () => (database = await scratchPostgres()));
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
    // Each test starts from an empty queue: messages of the previous one are gone.
    const db = new Client({ connectionString: database.url });
    await db.connect();
    await db.query('DELETE FROM pgboss.job');
    await db.end();
  });
  afterAll(() => database?.drop());

  /** A runner that claims what it is told, holds the job a moment, and ends it. */
  function runner(queue: PgBossJobQueue, name: string, log: string[]): JobRunner {
    return async (only: JobClaimFilter | undefined) => {
      const claimed = await queue.claim(name, new Date().toISOString(), leaseUntil(60), only);
      if (!claimed) return false;
      log.push(`start ${claimed.id}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      log.push(`end ${claimed.id}`);
      await queue.finish(claimed.id, name, 'SUCCESS', new Date().toISOString(), []);
      return true;
    };
  }

  it('shares one queue between two consumers: each job runs once, a key in order, keys alongside', async () => {
    const store = new RowStore();
    const a = await open(store);
    const b = await open(store);
    const log: string[] = [];
    await a.consume(2, runner(a, 'a', log));
    await b.consume(2, runner(b, 'b', log));
    const ids: number[] = [];
    for (let round = 0; round < 4; round++) for (const location of ['X', 'Y', 'Z']) ids.push((await (round % 2 ? a : b).add(job(location))).id);
    await until(() => store.rows.every((r) => r.status === 'SUCCESS'));

    for (const id of ids) expect(log.filter((l) => l === `start ${id}`)).toHaveLength(1);
    for (const location of ['X', 'Y', 'Z']) {
      const ofKey = store.rows.filter((r) => r.locationCode === location).map((r) => r.id);
      for (let i = 1; i < ofKey.length; i++) expect(log.indexOf(`end ${ofKey[i - 1]}`)).toBeLessThan(log.indexOf(`start ${ofKey[i]}`));
    }
    expect(errors).toEqual([]);
  });

  it("delivers a tenant's k-th queued job after every other tenant's earlier ones: tenants take turns", async () => {
    const store = new RowStore();
    const queue = await open(store);
    const many = [];
    for (const location of ['P', 'Q', 'R', 'S']) many.push((await queue.add(job(location, 'busy'))).id);
    const one = (await queue.add(job('P', 'quiet'))).id;
    const log: string[] = [];
    await queue.consume(1, runner(queue, 'only', log));
    await until(() => store.rows.every((r) => r.status === 'SUCCESS'));
    const starts = log.filter((l) => l.startsWith('start '));
    // The quiet tenant's job goes right after the busy tenant's first, not after all four.
    expect(starts.indexOf(`start ${one}`)).toBe(1);
    expect(starts[0]).toBe(`start ${many[0]}`);
  });

  it('resumes a job whose runner died holding it, once its lease has run out', async () => {
    const store = new RowStore();
    const queue = await open(store, 1);
    const dead = (await queue.add(job('D'))).id;
    // A runner that dies: it claims with a one-second lease and never records or finishes.
    const claimed = await store.claim('dead', new Date().toISOString(), leaseUntil(1), { jobId: dead });
    expect(claimed?.id).toBe(dead);
    const log: string[] = [];
    await queue.consume(1, runner(queue, 'alive', log));
    await until(() => store.rows[0].status === 'SUCCESS');
    expect(log).toEqual([`start ${dead}`, `end ${dead}`]);
  });

  it('finds a job that no message names (stored while pg-boss was not told) through its sweep', async () => {
    const store = new RowStore();
    const orphan = (await store.add(job('O'))).id;
    const queue = await open(store);
    const log: string[] = [];
    await queue.consume(1, runner(queue, 'sweeper', log));
    await until(() => store.rows[0].status === 'SUCCESS');
    expect(log).toEqual([`start ${orphan}`, `end ${orphan}`]);
  });

  it('keeps an added job durable and reports the failed send once pg-boss is closed', async () => {
    const store = new RowStore();
    const queue = await open(store);
    await queue.close();
    const added = await queue.add(job('C'));
    expect(await queue.get('t1', added.number)).toMatchObject({ id: added.id, status: 'PENDING' });
    expect(errors.length).toBeGreaterThan(0);
    errors.length = 0;
  });
});

describe('PgBossJobQueue opened by several processes at once on a fresh database', () => {
  it('comes up in every one of them, the queue created once', async () => {
    for (let round = 0; round < 4; round++) {
      const database = await scratchPostgres();
      const queues: PgBossJobQueue[] = [];
      try {
        const opening = Array.from({ length: 4 }, () => PgBossJobQueue.open(new RowStore(), { connectionString: database.url, leaseSeconds: 60 }));
        const settled = await Promise.allSettled(opening);
        queues.push(...settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
        expect(settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'open'))).toEqual(['open', 'open', 'open', 'open']);
        const db = new Client({ connectionString: database.url });
        await db.connect();
        try {
          expect(Number((await db.query('SELECT count(*) AS n FROM pgboss.queue')).rows[0].n)).toBe(1);
        } finally {
          await db.end();
        }
      } finally {
        await Promise.all(queues.map((q) => q.close()));
        await database.drop();
      }
    }
  });
});
