import { importJobOf, StockJobs, SubmitStockImport, type ParsedStockLine } from '@tally/inventory-application';
import { InMemoryJobQueue } from '../fakes/in-memory-job-queue.fake';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';
const ADDED = '2026-01-01T00:00:00.000Z';

const good = (lineNo: number, sku: string, onHand: number): ParsedStockLine => ({
  lineNo,
  line: { lineNo, item: { sku }, location: { code: 'WH' }, write: { kind: 'set', patch: { onHand } }, sourceTimestamp: null },
});
const bad = (lineNo: number, field: string): ParsedStockLine => ({ lineNo, problem: { field, code: 'REQUEST.INVALID', message: `${field} is not a number` } });

async function* each<T>(values: readonly T[]): AsyncGenerator<T> {
  for (const value of values) yield value;
}

describe('importJobOf', () => {
  it('keeps the good lines with their file line numbers and counts the bad ones as handled, each a message', () => {
    const unnamed: ParsedStockLine = { lineNo: 6, problem: { field: 'line', code: 'REQUEST.INVALID', message: 'the line has 2 fields, the header 3' } };
    const job = importJobOf([good(2, 'A', 1), bad(3, 'onHand'), good(5, 'B', 2), unnamed], { tenantId: T, actor: 'api-key:k', reference: 'f.csv' }, ADDED);
    expect(job).toMatchObject({ kind: 'IMPORT', tenantId: T, locationCode: null, itemCount: 4, processed: 2, added: ADDED });
    expect(job.payload.lines.map((l) => l.lineNo)).toEqual([2, 5]);
    expect(job.payload.labels[2]).toBe('sku A');
    expect(job.payload.labels[5]).toBe('sku B');
    expect(job.messages).toEqual([
      { line: 3, item: null, code: 'REQUEST.INVALID', message: 'onHand is not a number' },
      { line: 6, item: null, code: 'REQUEST.INVALID', message: 'line: the line has 2 fields, the header 3' },
    ]);
    expect(job.payload).toMatchObject({ actor: 'api-key:k', reference: 'f.csv', connectionId: null });
    expect(job.payload.unknownItemPolicy).toBeUndefined();
  });

  it('carries the creation options and serialises a tenant\u2019s imports on one key', () => {
    const a = importJobOf([], { tenantId: T, actor: 'x', unknownItemPolicy: 'create', createLocationsAs: 'store' }, ADDED);
    const b = importJobOf([], { tenantId: 'other', actor: 'x' }, ADDED);
    expect(a.payload).toMatchObject({ unknownItemPolicy: 'create', createLocationsAs: 'store' });
    expect(a.orderingKey).not.toBe(b.orderingKey);
  });
});

describe('SubmitStockImport', () => {
  let tally: InMemoryTally;
  let queue: InMemoryJobQueue;
  let jobs: StockJobs;
  beforeEach(() => {
    tally = createInMemoryTally();
    queue = new InMemoryJobQueue();
    jobs = new StockJobs(queue, tally.applyBatch, tally.connections, tally.clock, { chunkSize: 2 });
  });

  it('stores the job; a worker applies the good lines and reports the bad ones by their file line', async () => {
    const submit = new SubmitStockImport(jobs, tally.connections, tally.clock);
    const records = [good(2, 'A', 1), bad(3, 'onHand'), good(4, 'B', 2), good(5, 'C', 3)];
    const added = await submit.submit(each(records), { tenantId: T, actor: 'test', unknownItemPolicy: 'create', createLocationsAs: 'warehouse' });
    expect(await jobs.get(T, added.number)).toMatchObject({ status: 'PENDING', itemCount: 4, processed: 1 });
    expect(await jobs.runNext('w1')).toBe(true);
    const done = await jobs.get(T, added.number);
    expect(done).toMatchObject({ status: 'SUCCESS', itemCount: 4, processed: 4 });
    expect(done.messages.map((m) => m.line)).toEqual([3]);
    expect(tally.store.tables(T).ledger).toHaveLength(3);
  });

  it('refuses an unknown connection before storing anything', async () => {
    const submit = new SubmitStockImport(jobs, tally.connections, tally.clock);
    await expect(submit.submit(each([good(2, 'A', 1)]), { tenantId: T, actor: 'test', connectionId: 'nope' })).rejects.toMatchObject({
      code: 'RESOURCE.NOT_FOUND',
      field: 'connectionId',
    });
    expect(await jobs.list(T, 10)).toEqual([]);
  });
});
