import { randomUUID } from 'node:crypto';
import type { Migrator } from '@mikro-orm/migrations';
import type { NewJob } from '@tally/inventory-application';
import Database from 'better-sqlite3';
import { createPersistence, parseDatabaseUrl } from '../persistence.factory';
import { DATABASE_KINDS, createTestDatabase, openTestContext, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:01:00.000Z';
const T2 = '2026-01-01T00:02:00.000Z';

describe.each(DATABASE_KINDS)('SqlJobQueue on %s', (kind) => {
  let ctx: TestContext;
  let tenantId: string;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());
  beforeEach(async () => {
    tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'jobs', createdAt: T0 });
    // Earlier tests' jobs would be claimed first: finish them all.
    for (let job = await ctx.p.jobs.claim('sweeper', T2, T2); job; job = await ctx.p.jobs.claim('sweeper', T2, T2)) {
      await ctx.p.jobs.finish(job.id, 'sweeper', 'SUCCESS', T2, []);
    }
  });

  const job = (location: string): NewJob => ({
    kind: 'REFRESH',
    tenantId,
    orderingKey: `${tenantId}|${location}`,
    locationCode: location,
    itemCount: 2,
    processed: 1,
    messages: [{ line: 1, item: 'sku B', code: 'KIBO.DUPLICATE_ITEM', message: 'merged' }],
    added: T0,
    payload: { connectionId: null, actor: 'test', reference: null, lines: [], labels: ['sku A', 'sku B'] },
  });

  it('stores a job with integer ids and shows it only to its tenant, by its own number', async () => {
    const added = await ctx.p.jobs.add(job('L1'));
    const id = added.id;
    expect(Number.isInteger(id)).toBe(true);
    expect(added).toEqual({ id, number: 1, queuedBefore: 0 });
    expect(await ctx.p.jobs.get(tenantId, 1)).toMatchObject({
      id,
      number: 1,
      status: 'PENDING',
      itemCount: 2,
      processed: 1,
      chunksDone: 0,
      locationCode: 'L1',
      messages: [{ line: 1, code: 'KIBO.DUPLICATE_ITEM' }],
      started: null,
      finished: null,
    });
    expect(await ctx.p.jobs.get(randomUUID(), 1)).toBeNull();
  });

  it("lists a tenant's newest jobs first, up to the limit, without messages", async () => {
    const ids = [(await ctx.p.jobs.add(job('L1'))).id, (await ctx.p.jobs.add(job('L2'))).id, (await ctx.p.jobs.add(job('L3'))).id];
    const listed = await ctx.p.jobs.listRecent(tenantId, 2);
    expect(listed.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect(listed[0]).toMatchObject({ locationCode: 'L3', status: 'PENDING', itemCount: 2, processed: 1, messages: [] });
    expect(await ctx.p.jobs.listRecent(randomUUID(), 10)).toEqual([]);
  });

  it('hands out one job per ordering key at a time, oldest first, and other keys alongside', async () => {
    const a1 = (await ctx.p.jobs.add(job('A'))).id;
    const a2 = (await ctx.p.jobs.add(job('A'))).id;
    const b1 = (await ctx.p.jobs.add(job('B'))).id;
    const first = await ctx.p.jobs.claim('w1', T0, T1);
    const second = await ctx.p.jobs.claim('w2', T0, T1);
    expect([first?.id, second?.id]).toEqual([a1, b1]);
    expect(first?.payload.labels).toEqual(['sku A', 'sku B']);
    expect(await ctx.p.jobs.claim('w3', T0, T1)).toBeNull();
    expect(await ctx.p.jobs.finish(a1, 'w1', 'SUCCESS', T0, [])).toBe(true);
    expect((await ctx.p.jobs.claim('w3', T0, T1))?.id).toBe(a2);
  });

  it('never records a job as started before the job ahead of it finished, whenever its worker read the clock', async () => {
    const first = (await ctx.p.jobs.add(job('D'))).id;
    const second = (await ctx.p.jobs.add(job('D'))).id;
    expect((await ctx.p.jobs.claim('w1', T0, T2))?.started).toBe(T0);
    expect(await ctx.p.jobs.finish(first, 'w1', 'SUCCESS', T1, [])).toBe(true);
    // w2 read its clock (T0) before the first job finished (T1); its claim ran after.
    expect((await ctx.p.jobs.claim('w2', T0, T2))?.id).toBe(second);
    expect(await ctx.p.jobs.get(tenantId, 2)).toMatchObject({ id: second, status: 'WORKING', started: T1 });
  });

  it('lets another worker take over a job whose lease expired; the old worker can then record nothing', async () => {
    const id = (await ctx.p.jobs.add(job('C'))).id;
    await ctx.p.jobs.claim('dead', T0, T1);
    expect(await ctx.p.jobs.recordChunk(id, 'dead', { chunksDone: 1, processed: 2, messages: [], leaseUntil: T1 })).toBe(true);
    expect(await ctx.p.jobs.claim('w2', T0, T1)).toBeNull();
    const taken = await ctx.p.jobs.claim('w2', T2, '2026-01-01T00:03:00.000Z');
    expect(taken).toMatchObject({ id, status: 'WORKING', chunksDone: 1, processed: 2, started: T0 });
    expect(await ctx.p.jobs.recordChunk(id, 'dead', { chunksDone: 2, processed: 2, messages: [], leaseUntil: T2 })).toBe(false);
    expect(await ctx.p.jobs.finish(id, 'dead', 'SUCCESS', T2, [])).toBe(false);
    expect(await ctx.p.jobs.finish(id, 'w2', 'SUCCESS', T2, [])).toBe(true);
    expect(await ctx.p.jobs.get(tenantId, 1)).toMatchObject({ id, status: 'SUCCESS', finished: T2 });
  });

  it('gives a job to exactly one of many concurrent claimers', async () => {
    const id = (await ctx.p.jobs.add(job('D'))).id;
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => ctx.p.jobs.claim(`w${i}`, T0, T1)));
    expect(claims.filter((c) => c?.id === id)).toHaveLength(1);
  });

  it('narrows a claim to one job or one ordering key without bending the ordering rule', async () => {
    const e1 = (await ctx.p.jobs.add(job('E'))).id;
    const e2 = (await ctx.p.jobs.add(job('E'))).id;
    const f1 = (await ctx.p.jobs.add(job('F'))).id;
    expect(await ctx.p.jobs.claim('w1', T0, T1, { jobId: e2 })).toBeNull();
    expect((await ctx.p.jobs.claim('w1', T0, T1, { orderingKey: `${tenantId}|F` }))?.id).toBe(f1);
    expect((await ctx.p.jobs.claim('w2', T0, T1, { jobId: e1 }))?.id).toBe(e1);
    expect(await ctx.p.jobs.claim('w3', T0, T1, { orderingKey: `${tenantId}|E` })).toBeNull();
    await ctx.p.jobs.finish(e1, 'w2', 'SUCCESS', T0, []);
    expect((await ctx.p.jobs.claim('w3', T0, T1, { orderingKey: `${tenantId}|E` }))?.id).toBe(e2);
  });
  const otherTenant = async (): Promise<string> => {
    const id = randomUUID();
    await ctx.p.tenants.create({ id, name: 'other', createdAt: T0 });
    return id;
  };

  it("numbers each tenant's jobs in its own sequence, so a number tells nothing of other tenants' jobs", async () => {
    const other = await otherTenant();
    const mine1 = await ctx.p.jobs.add(job('N'));
    const theirs = await Promise.all([1, 2, 3].map(() => ctx.p.jobs.add({ ...job('N'), tenantId: other, orderingKey: `${other}|N` })));
    const mine2 = await ctx.p.jobs.add(job('N'));
    expect([mine1.number, mine2.number]).toEqual([1, 2]);
    expect(theirs.map((t) => t.number).sort()).toEqual([1, 2, 3]);
    expect(await ctx.p.jobs.get(tenantId, 2)).toMatchObject({ id: mine2.id, number: 2 });
    expect(await ctx.p.jobs.get(tenantId, 3)).toBeNull();
    expect((await ctx.p.jobs.listRecent(tenantId, 10)).map((j) => j.number)).toEqual([2, 1]);
  });

  it('refuses a job past the tenant’s cap of unfinished jobs or bytes, storing nothing, and counts only unfinished ones', async () => {
    const quota = { maxQueuedJobs: 2, maxQueuedBytes: 1_000_000 };
    const first = await ctx.p.jobs.add(job('Q1'), quota);
    expect((await ctx.p.jobs.add(job('Q2'), quota)).queuedBefore).toBe(1);
    await expect(ctx.p.jobs.add(job('Q3'), quota)).rejects.toMatchObject({ code: 'JOBS.QUOTA_EXCEEDED', details: { retryAfterSeconds: 5 } });
    expect(await ctx.p.jobs.listRecent(tenantId, 10)).toHaveLength(2);
    // Another tenant has its own cap.
    const other = await otherTenant();
    expect((await ctx.p.jobs.add({ ...job('Q1'), tenantId: other, orderingKey: `${other}|Q1` }, quota)).number).toBe(1);
    await ctx.p.jobs.claim('w', T0, T1, { jobId: first.id });
    await ctx.p.jobs.finish(first.id, 'w', 'SUCCESS', T0, []);
    // The refused job took no number: the next one is 3.
    expect((await ctx.p.jobs.add(job('Q3'), quota)).number).toBe(3);
    const bytes = Buffer.byteLength(JSON.stringify(job('X').payload), 'utf8');
    const tight = { maxQueuedJobs: 100, maxQueuedBytes: 3 * bytes - 1 };
    await expect(ctx.p.jobs.add(job('Q4'), tight)).rejects.toMatchObject({ code: 'JOBS.QUOTA_EXCEEDED' });
  });

  it('lets concurrent adds of one tenant pass its cap no more than it allows', async () => {
    const quota = { maxQueuedJobs: 3, maxQueuedBytes: 1_000_000 };
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => ctx.p.jobs.add(job(`R${n}`), quota)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await ctx.p.jobs.listRecent(tenantId, 10)).map((j) => j.number).sort()).toEqual([1, 2, 3]);
  });

  it("hands the next claim to the tenant served least recently, so one tenant's queue does not hold another's job back", async () => {
    const other = await otherTenant();
    const mine = [];
    for (const location of ['F1', 'F2', 'F3', 'F4']) mine.push((await ctx.p.jobs.add(job(location))).id);
    const first = await ctx.p.jobs.claim('w1', T0, T1);
    expect(first?.id).toBe(mine[0]);
    const theirs = (await ctx.p.jobs.add({ ...job('G'), tenantId: other, orderingKey: `${other}|G` })).id;
    // Older jobs of the first tenant wait: the other tenant has not been served yet.
    expect((await ctx.p.jobs.claim('w2', T0, T1))?.id).toBe(theirs);
    expect((await ctx.p.jobs.claim('w3', T0, T1))?.id).toBe(mine[1]);
  });
});

describe.each(DATABASE_KINDS)('SqlJobQueue on %s in the global order (the unsafe negative control)', (kind) => {
  it("claims the oldest job whoever's, so one tenant's queue holds another's job back", async () => {
    const db = await createTestDatabase(kind);
    const p = await createPersistence(db.url, { jobClaimOrder: 'global' });
    try {
      const [a, b] = [randomUUID(), randomUUID()];
      for (const id of [a, b]) await p.tenants.create({ id, name: id, createdAt: T0 });
      const payload = { connectionId: null, actor: 'test', reference: null, lines: [], labels: [] };
      const add = (tenant: string, location: string) =>
        p.jobs.add({
          kind: 'REFRESH',
          tenantId: tenant,
          orderingKey: `${tenant}|${location}`,
          locationCode: location,
          itemCount: 0,
          processed: 0,
          messages: [],
          added: T0,
          payload,
        });
      const a1 = await add(a, 'L1');
      const a2 = await add(a, 'L2');
      await add(b, 'L1');
      expect((await p.jobs.claim('w1', T0, T1))?.id).toBe(a1.id);
      expect((await p.jobs.claim('w2', T0, T1))?.id).toBe(a2.id);
    } finally {
      await p.close();
      await db.drop();
    }
  });
});

describe('SqlJobQueue on sqlite, with nothing to run', () => {
  it('answers a claim without waiting for the write lock another connection holds', async () => {
    const ctx = await openTestContext('sqlite');
    const target = parseDatabaseUrl(ctx.db.url);
    if (target.kind !== 'sqlite') throw new Error('expected a SQLite test database');
    const writer = new Database(target.file);
    try {
      writer.exec('BEGIN IMMEDIATE');
      // Under the write lock this claim would wait for the writer, then fail once its retries ran out.
      await expect(ctx.p.jobs.claim('idle worker', T2, T2)).resolves.toBeNull();
    } finally {
      if (writer.inTransaction) writer.exec('ROLLBACK');
      writer.close();
      await ctx.dispose();
    }
  });
});

describe.each(DATABASE_KINDS)('the job payloads migration on %s', (kind) => {
  it('moves the payload of a job stored before it, which a worker then claims whole', async () => {
    const db = await createTestDatabase(kind);
    try {
      const old = await createPersistence(db.url, { migrate: false });
      await old.orm.getMigrator<Migrator>().up({ to: 'Migration20261123010000_jobs' });
      const tenantId = randomUUID();
      await old.tenants.create({ id: tenantId, name: 'old', createdAt: T0 });
      const payload = { connectionId: null, actor: 'old', reference: null, lines: [], labels: ['sku OLD'] };
      await old.orm.em.getConnection().execute(
        `insert into jobs (tenant_id, kind, ordering_key, location_code, status, item_count, processed, chunks_done, messages, payload, added)
         values (?, 'REFRESH', ?, 'L', 'PENDING', 1, 0, 0, '[]', ?, ?)`,
        [tenantId, `${tenantId}|L`, JSON.stringify(payload), T0],
      );
      await old.close();
      const migrated = await createPersistence(db.url);
      try {
        const claimed = await migrated.jobs.claim('w', T0, T1);
        expect(claimed?.payload).toEqual(payload);
      } finally {
        await migrated.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe.each(DATABASE_KINDS)('the tenant job turns migration on %s', (kind) => {
  it('numbers the jobs stored before it in id order per tenant, and the next job of each tenant follows on', async () => {
    const db = await createTestDatabase(kind);
    try {
      const old = await createPersistence(db.url, { migrate: false });
      await old.orm.getMigrator<Migrator>().up({ to: 'Migration20261207020000_sessions' });
      const [a, b] = [randomUUID(), randomUUID()];
      for (const id of [a, b]) await old.tenants.create({ id, name: id, createdAt: T0 });
      const connection = old.orm.em.getConnection();
      for (const tenant of [a, b, a, a, b]) {
        const [row] = await connection.execute<{ id: number }[]>(
          `insert into jobs (tenant_id, kind, ordering_key, location_code, status, item_count, processed, chunks_done, messages, added)
           values (?, 'REFRESH', ?, 'L', 'SUCCESS', 1, 1, 1, '[]', ?) returning id`,
          [tenant, `${tenant}|L`, T0],
        );
        await connection.execute('insert into job_payloads (job_id, payload) values (?, ?)', [row.id, '{"lines":[]}']);
      }
      await old.close();
      const migrated = await createPersistence(db.url);
      try {
        expect((await migrated.jobs.listRecent(a, 10)).map((j) => j.number)).toEqual([3, 2, 1]);
        expect((await migrated.jobs.listRecent(b, 10)).map((j) => j.number)).toEqual([2, 1]);
        const payload = { connectionId: null, actor: 'new', reference: null, lines: [], labels: [] };
        const next = await migrated.jobs.add({
          kind: 'ADJUST',
          tenantId: b,
          orderingKey: `${b}|L`,
          locationCode: 'L',
          itemCount: 0,
          processed: 0,
          messages: [],
          added: T1,
          payload,
        });
        expect(next).toMatchObject({ number: 3, queuedBefore: 0 });
      } finally {
        await migrated.close();
      }
    } finally {
      await db.drop();
    }
  });
});
