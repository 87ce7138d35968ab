import { ApplicationError, ApplicationErrorCodes, StockJobs, type CanonicalLine, type JobRunEvent, type NewJob } from '@tally/inventory-application';
import { InMemoryJobQueue } from '../fakes/in-memory-job-queue.fake';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';

function job(location: string, count: number, onHand: (n: number) => number, extra: CanonicalLine[] = []): NewJob {
  const lines: CanonicalLine[] = Array.from({ length: count }, (_, n) => ({
    lineNo: n,
    item: { sku: `S-${n}` },
    location: { code: location },
    write: { kind: 'set', patch: { onHand: onHand(n) } },
    sourceTimestamp: null,
  }));
  const all = [...lines, ...extra];
  return {
    kind: 'REFRESH',
    tenantId: T,
    orderingKey: `${T}|${location}`,
    locationCode: location,
    itemCount: all.length,
    processed: 0,
    messages: [],
    added: '2026-01-01T00:00:00.000Z',
    payload: {
      connectionId: null,
      actor: 'test',
      reference: null,
      lines: all,
      labels: all.map((l) => `line ${l.lineNo}`),
      refresh: { mode: 'partial', location: { code: location } },
      createLocationsAs: 'store',
      unknownItemPolicy: 'create',
    },
  };
}

describe('StockJobs', () => {
  let tally: InMemoryTally;
  let queue: InMemoryJobQueue;
  let jobs: StockJobs;
  beforeEach(() => {
    tally = createInMemoryTally();
    queue = new InMemoryJobQueue();
    jobs = new StockJobs(queue, tally.applyBatch, tally.connections, tally.clock, { chunkSize: 3, leaseSeconds: 10 });
  });

  it('applies a job in chunks, counts progress and names rejected lines in its messages', async () => {
    const bad: CanonicalLine = { lineNo: 7, item: { sku: 'X' }, location: { code: 'L' }, write: { kind: 'remove' }, sourceTimestamp: 'yesterday' };
    const id = (await jobs.submit(job('L', 7, (n) => n + 1, [bad]))).number;
    expect(await jobs.runNext('w1')).toBe(true);
    const done = await jobs.get(T, id);
    expect(done).toMatchObject({ status: 'SUCCESS', itemCount: 8, processed: 8, chunksDone: 3, started: expect.any(String), finished: expect.any(String) });
    expect(done.messages).toEqual([{ line: 7, item: 'line 7', code: 'REQUEST.INVALID', message: expect.stringContaining('sourceTimestamp') }]);
    expect(tally.store.tables(T).ledger).toHaveLength(7);
    expect(await jobs.runNext('w1')).toBe(false);
  });

  it('runs the jobs of one location in submission order and other locations alongside', async () => {
    const first = (await jobs.submit(job('L1', 2, () => 1))).number;
    const second = (await jobs.submit(job('L1', 2, () => 2))).number;
    const other = (await jobs.submit(job('L2', 2, () => 3))).number;
    const a = await queue.claim('w1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z');
    const b = await queue.claim('w2', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z');
    expect([a?.id, b?.id]).toEqual([first, other]);
    expect(await queue.claim('w3', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z')).toBeNull();
    expect(second).toBe(2);
  });

  it('runs only the job or the ordering key a delivery names, never ahead of an older job of its key', async () => {
    const first = (await jobs.submit(job('L1', 2, () => 1))).number;
    const second = (await jobs.submit(job('L1', 2, () => 2))).number;
    const other = (await jobs.submit(job('L2', 2, () => 3))).number;
    expect(await jobs.runNext('w1', {}, { jobId: second })).toBe(false);
    expect(await jobs.runNext('w1', {}, { orderingKey: `${T}|L2` })).toBe(true);
    expect((await jobs.get(T, other)).status).toBe('SUCCESS');
    expect((await jobs.get(T, first)).status).toBe('PENDING');
    expect(await jobs.runNext('w1', {}, { jobId: first })).toBe(true);
    expect(await jobs.runNext('w1', {}, { orderingKey: `${T}|L1` })).toBe(true);
    expect((await jobs.get(T, second)).status).toBe('SUCCESS');
  });

  it('resumes a job whose worker died after committing a chunk without applying that chunk twice', async () => {
    const id = (await jobs.submit(job('L', 6, (n) => n + 10))).number;
    // The worker commits chunk 0, then dies before the job row records it.
    const recordChunk = queue.recordChunk.bind(queue);
    queue.recordChunk = async () => {
      throw new Error('killed');
    };
    await expect(jobs.runNext('w1')).resolves.toBe(true);
    // A thrown error ends the job FAILED; a killed process leaves it as claimed, which is restored here.
    queue.rows[0] = { ...queue.rows[0], status: 'WORKING', leaseOwner: 'w1', leaseUntil: '2026-01-01T00:00:10.000Z', finished: null, messages: [] };
    queue.recordChunk = recordChunk;
    expect(tally.store.tables(T).ledger).toHaveLength(3);
    expect(await jobs.runNext('w2')).toBe(false);
    tally.clock.advance(11_000);
    expect(await jobs.runNext('w2')).toBe(true);
    expect(await jobs.get(T, id)).toMatchObject({ status: 'SUCCESS', processed: 6, chunksDone: 2, messages: [] });
    expect(tally.store.tables(T).ledger).toHaveLength(6);
  });

  it('goes on after a busy store instead of failing the job, and applies each chunk once', async () => {
    const id = (await jobs.submit(job('L', 9, (n) => n + 20))).number;
    // The store gives up twice: once while applying chunk 1, once while recording chunk 2's progress.
    const busy = () => new ApplicationError(ApplicationErrorCodes.retryExhausted, 'the write lost 10 races in a row');
    const apply = tally.applyBatch.execute.bind(tally.applyBatch);
    const recordChunk = queue.recordChunk.bind(queue);
    let applies = 0;
    let records = 0;
    tally.applyBatch.execute = async (command) => {
      if (++applies === 2) throw busy();
      return apply(command);
    };
    queue.recordChunk = async (...args) => {
      if (++records === 2) throw busy();
      return recordChunk(...args);
    };
    const retried: string[] = [];
    expect(await jobs.runNext('w1', { onTransientError: (m) => retried.push(m) })).toBe(true);
    expect(retried).toEqual([expect.stringContaining(`job ${id}`), expect.stringContaining(`job ${id}`)]);
    expect(await jobs.get(T, id)).toMatchObject({ status: 'SUCCESS', processed: 9, chunksDone: 3, messages: [] });
    expect(tally.store.tables(T).ledger).toHaveLength(9);
  });

  it('leaves a job that met a busy store to the next worker when its own is stopping', async () => {
    const id = (await jobs.submit(job('L', 3, () => 5))).number;
    const apply = tally.applyBatch.execute.bind(tally.applyBatch);
    tally.applyBatch.execute = async () => {
      throw new ApplicationError(ApplicationErrorCodes.retryExhausted, 'busy');
    };
    let stopping = false;
    expect(await jobs.runNext('w1', { shouldStop: () => stopping, onTransientError: () => (stopping = true) })).toBe(true);
    expect((await jobs.get(T, id)).status).toBe('WORKING');
    tally.applyBatch.execute = apply;
    tally.clock.advance(11_000);
    expect(await jobs.runNext('w2')).toBe(true);
    expect(await jobs.get(T, id)).toMatchObject({ status: 'SUCCESS', processed: 3 });
    expect(tally.store.tables(T).ledger).toHaveLength(3);
  });

  it('tells the operator log when a job starts, succeeds, fails or is left for later, with its ids and counts', async () => {
    const events: JobRunEvent[] = [];
    const onJob = (event: JobRunEvent) => events.push(event);
    const bad: CanonicalLine = { lineNo: 4, item: { sku: 'X' }, location: { code: 'L' }, write: { kind: 'remove' }, sourceTimestamp: 'yesterday' };
    const done = (await jobs.submit(job('L', 4, () => 1, [bad]))).number;
    await jobs.runNext('w1', { onJob });
    expect(events.map((e) => [e.event, e.jobNumber, e.items, e.processed, e.messages])).toEqual([
      ['started', done, 5, 0, 0],
      ['succeeded', done, 5, 5, 1],
    ]);
    expect(events[1]).toMatchObject({ kind: 'REFRESH', tenantId: T, connectionId: null, ms: expect.any(Number) });

    events.length = 0;
    const paused = (await jobs.submit(job('L', 6, () => 2))).number;
    let chunks = 0;
    await jobs.runNext('w1', { onJob, shouldStop: () => chunks++ > 0 });
    expect(events.map((e) => [e.event, e.jobNumber, e.processed])).toEqual([
      ['started', paused, 0],
      ['paused', paused, 3],
    ]);

    events.length = 0;
    tally.clock.advance(11_000);
    tally.applyBatch.execute = async () => {
      throw new Error('the disk is gone');
    };
    await jobs.runNext('w2', { onJob });
    expect(events.map((e) => [e.event, e.jobNumber, e.processed, e.code])).toEqual([
      ['started', paused, 3, undefined],
      ['failed', paused, 3, ApplicationErrorCodes.jobFailed],
    ]);
  });

  it('answers not found for another tenant’s job', async () => {
    const id = (await jobs.submit(job('L', 1, () => 1))).number;
    await expect(jobs.get('tenant-b', id)).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
  });
});
