import { randomUUID } from 'node:crypto';
import type { NewJob } from '@tally/inventory-application';
import { at, seedTenant, useSubject, type OpenPersistenceSubject } from './persistence-subject';

const newJob = (tenantId: string, orderingKey: string, added: string): NewJob => ({
  kind: 'REFRESH',
  tenantId,
  orderingKey,
  locationCode: 'LOC-0',
  payload: { connectionId: null, actor: 'api-key:contract', reference: null, lines: [], labels: [] },
  itemCount: 3,
  processed: 1,
  messages: [{ line: 0, item: 'sku A', code: 'TEST.MERGED', message: 'merged' }],
  added,
});

/**
 * What every JobQueue adapter promises (ADR 0011). Claims name their ordering key, so suites
 * sharing a queue do not take each other's jobs.
 */
export function describeJobQueueContract(name: string, open: OpenPersistenceSubject): void {
  describe(`JobQueue contract (${name})`, () => {
    const subject = useSubject(open);

    it("stores a job, shows it to its tenant only, and lists a tenant's newest first without messages", async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const key = randomUUID();
      const added = await s.jobs.add(newJob(tenantId, key, at(1)));
      const first = added.id;
      const second = (await s.jobs.add(newJob(tenantId, key, at(2)))).id;
      expect(second).toBeGreaterThan(first);
      // The tenant sees its own job numbers, whatever other tenants queued.
      expect(added).toEqual({ id: first, number: 1, queuedBefore: 0 });
      expect(await s.jobs.get(tenantId, 1)).toEqual({
        id: first,
        number: 1,
        kind: 'REFRESH',
        tenantId,
        orderingKey: key,
        locationCode: 'LOC-0',
        status: 'PENDING',
        itemCount: 3,
        processed: 1,
        chunksDone: 0,
        messages: [{ line: 0, item: 'sku A', code: 'TEST.MERGED', message: 'merged' }],
        added: at(1),
        started: null,
        finished: null,
      });
      expect(await s.jobs.get((await seedTenant(s)).tenantId, 1)).toBeNull();
      const recent = await s.jobs.listRecent(tenantId, 10);
      expect(recent.map((j) => [j.id, j.messages])).toEqual([
        [second, []],
        [first, []],
      ]);
      expect(await s.jobs.listRecent(tenantId, 1)).toHaveLength(1);
    });

    it('hands out the jobs of one ordering key one at a time, in order, under a lease', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const key = randomUUID();
      const first = (await s.jobs.add(newJob(tenantId, key, at(1)))).id;
      const second = (await s.jobs.add(newJob(tenantId, key, at(2)))).id;
      const claimed = await s.jobs.claim('worker-a', at(10), at(70), { orderingKey: key });
      expect(claimed).toMatchObject({ id: first, status: 'WORKING', leaseOwner: 'worker-a', started: at(10), payload: newJob(tenantId, key, at(1)).payload });
      expect(await s.jobs.claim('worker-b', at(11), at(71), { orderingKey: key })).toBeNull();
      expect(await s.jobs.claim('worker-b', at(11), at(71), { jobId: second })).toBeNull();
      const progress = { chunksDone: 1, processed: 2, messages: [], leaseUntil: at(80) };
      expect(await s.jobs.recordChunk(first, 'worker-b', progress)).toBe(false);
      expect(await s.jobs.recordChunk(first, 'worker-a', progress)).toBe(true);
      expect(await s.jobs.get(tenantId, 1)).toMatchObject({ id: first, chunksDone: 1, processed: 2, messages: [] });
      expect(await s.jobs.finish(first, 'worker-b', 'SUCCESS', at(20), [])).toBe(false);
      expect(await s.jobs.finish(first, 'worker-a', 'SUCCESS', at(20), [])).toBe(true);
      expect(await s.jobs.get(tenantId, 1)).toMatchObject({ id: first, status: 'SUCCESS', finished: at(20) });
      // The next job of the key starts no earlier than its predecessor finished.
      expect(await s.jobs.claim('worker-b', at(15), at(75), { orderingKey: key })).toMatchObject({ id: second, started: at(20) });
    });

    it('lets another worker take over a job whose lease expired, and the old worker loses it', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const key = randomUUID();
      const id = (await s.jobs.add(newJob(tenantId, key, at(1)))).id;
      await s.jobs.claim('worker-a', at(10), at(20), { jobId: id });
      expect(await s.jobs.claim('worker-b', at(15), at(45), { jobId: id })).toBeNull();
      expect(await s.jobs.claim('worker-b', at(21), at(51), { jobId: id })).toMatchObject({ id, leaseOwner: 'worker-b', started: at(10) });
      expect(await s.jobs.recordChunk(id, 'worker-a', { chunksDone: 1, processed: 1, messages: [], leaseUntil: at(60) })).toBe(false);
      expect(await s.jobs.finish(id, 'worker-a', 'FAILED', at(22), [])).toBe(false);
      expect(await s.jobs.finish(id, 'worker-b', 'FAILED', at(22), [{ line: null, item: null, code: 'TEST.FAILED', message: 'failed' }])).toBe(true);
      expect(await s.jobs.get(tenantId, 1)).toMatchObject({
        id,
        status: 'FAILED',
        messages: [{ line: null, item: null, code: 'TEST.FAILED', message: 'failed' }],
      });
    });
  });
}
