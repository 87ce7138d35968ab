import { StockJobs } from '@tally/inventory-application';
import { createInMemoryTally, InMemoryJobQueue, type InMemoryTally } from '@tally/testing';
import { KiboInventoryHandler } from './kibo-inventory.handler';
import type { KiboJobStatusBody } from './kibo-response.renderer';

const T = 'tenant-a';

/** The value, or a failed test when there is none. */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

/** A Kibo connection with a bearer token, the handler on the in-memory Tally, and its job queue. */
async function setUp(settings = { refreshMaxItems: 3, adjustMaxItems: 2 }) {
  const tally = createInMemoryTally();
  const queue = new InMemoryJobQueue();
  const jobs = new StockJobs(queue, tally.applyBatch, tally.connections, tally.clock);
  const handler = new KiboInventoryHandler(tally.tokens, jobs, tally.clock, settings);
  const kibo = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'Kibo OMS' });
  const issued = await tally.tokens.login('kibo', kibo.credentials.credentialId, kibo.credentials.secret, 3600);
  return { tally, queue, jobs, handler, connectionId: kibo.connection.id, bearer: `Bearer ${present(issued).token}` };
}

async function onHandOf(tally: InMemoryTally, sku: string, location: string): Promise<number | null> {
  const item = await tally.catalog.lookupItem(T, 'sku', sku);
  const page = await tally.readInventory.listLevels(T, { itemId: item.id }, { limit: 50, cursor: null });
  const locationId = tally.locations.locations.find((l) => l.code === location)?.id;
  return page.items.find((l) => l.locationId === locationId)?.figures.onHand ?? null;
}

describe('KiboInventoryHandler', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));

  const refresh = (items: unknown[], locationName = 'STORE-1') => s.handler.submit('refresh', s.bearer, { manufacturerID: '00000', locationName, items });
  const status = async (jobId: number) => (await s.handler.status(s.bearer, String(jobId))).body as KiboJobStatusBody;

  describe('authentication', () => {
    it.each([
      ['no header', undefined],
      ['a Basic header', 'Basic a2V5OnNlY3JldA=='],
      ['an unknown token', 'Bearer not-a-token'],
    ])('answers 401 with a Bearer challenge for %s and queues nothing', async (_name, header) => {
      const answer = await s.handler.submit('refresh', header, { locationName: 'STORE-1', items: [{ sku: 'A', quantity: 1 }] });
      expect(answer).toMatchObject({
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="kibo"' },
        body: { status: 401, error: 'Unauthorized', message: expect.stringContaining('bearer token'), errors: [] },
      });
      expect(s.queue.rows).toHaveLength(0);
    });

    it('refuses a token once it expired, and a token of a revoked connection', async () => {
      s.tally.clock.advance(3601_000);
      expect((await refresh([{ sku: 'A', quantity: 1 }])).status).toBe(401);
      const again = await setUp();
      const token = again.bearer;
      await again.tally.manageConnections.revoke(T, again.connectionId);
      expect((await again.handler.submit('refresh', token, { locationName: 'L', items: [] })).status).toBe(401);
      expect((await again.handler.status(token, '1')).status).toBe(401);
    });

    it('refuses the token of a connection of another dialect', async () => {
      const crux = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'Crux' });
      const cruxToken = await s.tally.tokens.login('crux', crux.credentials.credentialId, crux.credentials.secret, 3600);
      expect((await s.handler.submit('refresh', `Bearer ${present(cruxToken).token}`, { locationName: 'L', items: [] })).status).toBe(401);
    });
  });

  describe('refresh', () => {
    it('answers the job id once the job is stored, and the job sets the absolute on-hand counts', async () => {
      const answer = await refresh([
        { sku: 'A', quantity: '101', floor: 2, safetyStock: 1, binID: 4, retailPrice: '9.5', attributes: ['clearance'] },
        { upc: '036000291452', quantity: 7 },
      ]);
      expect(answer).toEqual({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { jobID: 1 } });
      expect(await status(1)).toMatchObject({
        jobID: 1,
        type: 'REFRESH',
        status: 'PENDING',
        success: false,
        itemCount: 2,
        locationCode: 'STORE-1',
        tenantID: T,
      });
      expect(await s.jobs.runNext('w1')).toBe(true);
      expect(await status(1)).toMatchObject({ status: 'SUCCESS', success: true, processedCount: 2, messages: [], finished: expect.any(String) });
      expect(await onHandOf(s.tally, 'A', 'STORE-1')).toBe(101);
      const a = await s.tally.catalog.lookupItem(T, 'sku', 'A');
      const [level] = (await s.tally.readInventory.listLevels(T, { itemId: a.id }, { limit: 1, cursor: null })).items;
      expect(level.figures).toMatchObject({ floor: 2, safetyStock: 1 });
      expect(level.details).toMatchObject({ binId: '4', price: '9.5', attributes: { clearance: 'true' } });
      // The UPC is kept as a GTIN-14: the EAN-13 of the same product finds the item.
      const byUpc = await s.tally.catalog.lookupItem(T, 'gtin', '0036000291452');
      const upcLevels = await s.tally.readInventory.listLevels(T, { itemId: byUpc.id }, { limit: 1, cursor: null });
      expect(upcLevels.items[0].figures.onHand).toBe(7);
      expect(s.tally.locations.locations.find((l) => l.code === 'STORE-1')?.kind).toBe('store');
    });

    it('is partial: an item the next refresh leaves out keeps its count', async () => {
      await refresh([
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 6 },
      ]);
      await refresh([{ sku: 'A', quantity: 4 }]);
      while (await s.jobs.runNext('w1'));
      expect(await onHandOf(s.tally, 'A', 'STORE-1')).toBe(4);
      expect(await onHandOf(s.tally, 'B', 'STORE-1')).toBe(6);
    });

    it('refuses the whole call with 400 naming each field, and queues nothing', async () => {
      const answer = await s.handler.submit('refresh', s.bearer, { manufacturerID: -1, items: {}, extra: true });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        status: 400,
        error: 'Bad Request',
        message: 'the refresh request is invalid',
        errors: [
          { field: 'extra', message: 'is not a field of the inventory request' },
          { field: 'manufacturerID', message: 'must be a non-negative integer' },
          { field: 'locationName', message: 'is required' },
          { field: 'items', message: 'must be an array' },
        ],
      });
      expect((await s.handler.submit('refresh', s.bearer, [])).body).toMatchObject({ errors: [{ field: 'body', message: 'must be a JSON object' }] });
      expect(s.queue.rows).toHaveLength(0);
    });

    it('refuses more items than the refresh limit and accepts exactly the limit', async () => {
      const items = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
      const over = await refresh(items(4));
      expect(over).toMatchObject({ status: 400, body: { errors: [{ field: 'items', message: 'has 4 items; at most 3 are allowed per call' }] } });
      expect(s.queue.rows).toHaveLength(0);
      expect((await refresh(items(3))).status).toBe(200);
    });

    it('takes Kibo’s documented limits by default: 12,000 refresh items and 1,000 adjust items', async () => {
      const handler = new KiboInventoryHandler(s.tally.tokens, s.jobs, s.tally.clock);
      const items = (n: number) => Array.from({ length: n }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
      const refreshOver = await handler.submit('refresh', s.bearer, { locationName: 'L', items: items(12_001) });
      expect(refreshOver.body).toMatchObject({ errors: [{ field: 'items', message: 'has 12001 items; at most 12000 are allowed per call' }] });
      const adjustOver = await handler.submit('adjust', s.bearer, { locationName: 'L', items: items(1_001) });
      expect(adjustOver.body).toMatchObject({ errors: [{ field: 'items', message: 'has 1001 items; at most 1000 are allowed per call' }] });
      expect(await handler.submit('adjust', s.bearer, { locationName: 'L', items: items(1_000) })).toMatchObject({ status: 200, body: { jobID: 1 } });
    });

    it('queues the good items of a call and names the refused item and its field in the job’s messages', async () => {
      await refresh([
        { sku: 'A', quantity: 3 },
        { sku: 'B', quantity: -2 },
        { sku: 'A', quantity: 8 },
      ]);
      await s.jobs.runNext('w1');
      const done = await status(1);
      expect(done).toMatchObject({ status: 'SUCCESS', itemCount: 3, processedCount: 3 });
      expect(done.messages).toEqual([
        'items[1] (sku B): REQUEST.INVALID: items[1].quantity must be at least 0',
        'items[2] (sku A): KIBO.DUPLICATE_ITEM: sku A is repeated; merged into items[0]',
      ]);
      expect(await onHandOf(s.tally, 'A', 'STORE-1')).toBe(8);
      await expect(s.tally.catalog.lookupItem(T, 'sku', 'B')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
    });

    it('reports unknown items when the connection rejects them, and applies the others', async () => {
      await refresh([{ sku: 'A', quantity: 1 }]);
      await s.jobs.runNext('w1');
      await s.tally.manageConnections.updateSettings(T, s.connectionId, { unknownItemPolicy: 'reject' });
      await refresh([
        { sku: 'A', quantity: 2 },
        { sku: 'NEW', quantity: 9 },
      ]);
      await s.jobs.runNext('w1');
      const done = await status(2);
      expect(done).toMatchObject({ status: 'SUCCESS' });
      expect(done.messages).toEqual([expect.stringMatching(/^items\[1\] \(sku NEW\): INVENTORY\.UNKNOWN_ITEM: /)]);
      expect(await onHandOf(s.tally, 'A', 'STORE-1')).toBe(2);
    });

    it('keeps the items at a place that follows another connection as observed, not applied, and the job still succeeds', async () => {
      const other = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'supplier' });
      const source = present(s.tally.connections.connections.find((c) => c.id === other.connection.id));
      await s.tally.applyBatch.execute({
        tenantId: T,
        connection: source,
        actor: 'test',
        reference: null,
        unknownItemPolicy: 'create',
        createLocationsAs: 'store',
        lines: [{ lineNo: 1, item: { sku: 'A' }, location: { code: 'STORE-1' }, write: { kind: 'set', patch: { onHand: 10 } }, sourceTimestamp: null }],
      });
      await refresh([{ sku: 'A', quantity: 4 }]);
      await s.jobs.runNext('w1');
      const done = await status(1);
      expect(done).toMatchObject({ status: 'SUCCESS', success: true });
      expect(done.messages).toEqual([
        expect.stringMatching(new RegExp(`^items\\[0\\] \\(sku A\\): INVENTORY\\.OBSERVED_NOT_APPLIED: .*${other.connection.id}`)),
      ]);
      expect(await onHandOf(s.tally, 'A', 'STORE-1')).toBe(10);
      const open = await s.tally.discrepancies.list(T, 'open', { limit: 10, cursor: null });
      expect(open.items).toHaveLength(1);
    });
  });

  describe('adjust', () => {
    it('adds the deltas to on hand and refuses a delta that would take it below zero', async () => {
      await refresh([
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 1 },
      ]);
      const answer = await s.handler.submit('adjust', s.bearer, {
        locationName: 'STORE-1',
        items: [
          { sku: 'A', quantity: -2 },
          { sku: 'B', quantity: -3 },
        ],
      });
      expect(answer).toMatchObject({ status: 200, body: { jobID: 2 } });
      while (await s.jobs.runNext('w1'));
      const done = await status(2);
      expect(done).toMatchObject({ type: 'ADJUST', status: 'SUCCESS' });
      expect(done.messages).toEqual([expect.stringMatching(/^items\[1\] \(sku B\): /)]);
      expect(await onHandOf(s.tally, 'A', 'STORE-1')).toBe(3);
      expect(await onHandOf(s.tally, 'B', 'STORE-1')).toBe(1);
    });

    it('has a limit of its own and refuses the fields only a refresh has', async () => {
      const three = Array.from({ length: 3 }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
      const over = await s.handler.submit('adjust', s.bearer, { locationName: 'STORE-1', items: three });
      expect(over).toMatchObject({ status: 400, body: { message: 'the adjust request is invalid', errors: [{ field: 'items' }] } });
      await s.handler.submit('adjust', s.bearer, { locationName: 'STORE-1', items: [{ sku: 'A', quantity: 1, floor: 2 }] });
      await s.jobs.runNext('w1');
      expect((await status(1)).messages).toEqual(['items[0] (sku A): REQUEST.INVALID: items[0].floor is not a field of an adjust item']);
    });
  });

  describe('job status', () => {
    it('answers 400 for a jobID that is not a positive integer and 404 for another tenant’s job', async () => {
      await refresh([{ sku: 'A', quantity: 1 }]);
      expect(await s.handler.status(s.bearer, 'abc')).toMatchObject({
        status: 400,
        body: { errors: [{ field: 'jobID', message: 'must be a positive integer' }] },
      });
      expect(await s.handler.status(s.bearer, '2')).toMatchObject({
        status: 404,
        body: { error: 'Not Found', errors: [{ field: 'jobID', message: 'no such job' }] },
      });
      const other = await s.tally.manageConnections.create('tenant-b', { dialect: 'kibo', name: 'B' });
      const token = await s.tally.tokens.login('kibo', other.credentials.credentialId, other.credentials.secret, 3600);
      expect((await s.handler.status(`Bearer ${present(token).token}`, '1')).status).toBe(404);
    });
  });
});
