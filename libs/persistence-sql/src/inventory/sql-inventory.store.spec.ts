import { ApplicationError } from '@tally/inventory-application';
import { levelKeyString, reconcileBatch, type IdempotencyRecord, type StockLevel } from '@tally/inventory-domain';
import { randomUUID } from 'node:crypto';
import {
  adjustLine,
  applyLines,
  contextOf,
  DATABASE_KINDS,
  openTestContext,
  seed,
  setLine,
  type Fixture,
  type TestContext,
} from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('SqlInventoryStore on %s', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 6, locations: 2, connections: 1 });
  });
  afterAll(() => ctx?.dispose());

  const ledgerCount = async (tenantId = f.tenantId) => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page = await ctx.p.reader.listLedger(tenantId, {}, { limit: 500, cursor });
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };
  const load = (keys: { itemId: string; locationId: string }[]) => ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.loadBatchState(keys));

  it('round-trips a batch: merged lines, new versions, one ledger entry per changed level', async () => {
    const [a, b] = f.items;
    const l = f.locations[0];
    const outcome = await applyLines(ctx.p, f.tenantId, [setLine(1, a.id, l.id, 10), setLine(2, b.id, l.id, 5), adjustLine(3, a.id, l.id, 2)]);
    expect(outcome.changedLevels).toHaveLength(2);
    const state = await load([a, b].map((i) => ({ itemId: i.id, locationId: l.id })));
    const stored = state.levels.get(levelKeyString({ itemId: a.id, locationId: l.id })) as StockLevel;
    expect(stored).toEqual(outcome.changedLevels.find((x) => x.itemId === a.id));
    expect(stored).toMatchObject({ present: true, version: 1, figures: { onHand: 12 } });

    const ledger = await ctx.p.reader.listLedger(f.tenantId, { itemId: a.id }, { limit: 10, cursor: null });
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({ cause: 'adjust', versionAfter: 1, lines: [1, 3], actor: 'api-key:test', connectionId: null });
    expect(ledger.items[0].before).toEqual({ present: false, figures: expect.any(Object), details: expect.any(Object), sourceTimestamp: null });
    expect(ledger.items[0].after).toEqual({ present: true, figures: stored.figures, details: stored.details, sourceTimestamp: null });

    await applyLines(ctx.p, f.tenantId, [adjustLine(1, a.id, l.id, -2)]);
    const [latest, previous] = (await ctx.p.reader.listLedger(f.tenantId, { itemId: a.id }, { limit: 10, cursor: null })).items;
    expect(latest.versionAfter).toBe(2);
    expect(latest.before).toEqual(previous.after);
  });

  it('writes nothing for a batch that changes nothing', async () => {
    const item = f.items[2];
    const l = f.locations[0];
    await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 4)]);
    const before = await ledgerCount();
    const outcome = await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 4)]);
    expect(outcome.changedLevels).toEqual([]);
    expect(await ledgerCount()).toBe(before);
  });

  it('keeps a removed level apart from a level at zero', async () => {
    const [zeroed, removed] = [f.items[3], f.items[4]];
    const l = f.locations[1];
    await applyLines(ctx.p, f.tenantId, [setLine(1, zeroed.id, l.id, 3), setLine(2, removed.id, l.id, 3)]);
    await applyLines(ctx.p, f.tenantId, [
      setLine(1, zeroed.id, l.id, 0),
      { lineNo: 2, itemId: removed.id, locationId: l.id, write: { kind: 'remove' }, sourceTimestamp: null },
    ]);
    const visible = await ctx.p.reader.listLevels(f.tenantId, { locationId: l.id }, { limit: 10, cursor: null });
    expect(visible.items.map((x) => [x.itemId, x.present, x.figures.onHand])).toEqual([[zeroed.id, true, 0]]);
    const all = await ctx.p.reader.listLevels(f.tenantId, { locationId: l.id, includeAbsent: true }, { limit: 10, cursor: null });
    const gone = all.items.find((x) => x.itemId === removed.id);
    expect(gone).toMatchObject({ present: false, version: 2, figures: { onHand: null } });
    const [entry] = (await ctx.p.reader.listLedger(f.tenantId, { itemId: removed.id }, { limit: 1, cursor: null })).items;
    expect(entry).toMatchObject({ cause: 'remove', after: { present: false } });
    expect((await ctx.p.reader.levelsOfItems(f.tenantId, [removed.id, zeroed.id])).map((x) => x.present).sort()).toEqual([false, true]);
  });

  it('retries the whole work when a level changed since it was loaded', async () => {
    const item = f.items[5];
    const l = f.locations[0];
    await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 1)]);
    const ledgerBefore = await ledgerCount();
    let attempts = 0;
    await ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
      attempts += 1;
      const lines = [adjustLine(1, item.id, l.id, 1)];
      const state = await tx.loadBatchState(lines);
      const levels = new Map(state.levels);
      if (attempts === 1) {
        // Reconcile from an outdated version, as a writer overtaken by another would.
        const key = levelKeyString(lines[0]);
        levels.set(key, { ...(levels.get(key) as StockLevel), version: 0 });
      }
      const context = contextOf();
      await tx.saveOutcome(reconcileBatch({ ...state, levels }, lines, context, randomUUID), context);
    });
    expect(attempts).toBe(2);
    expect(await ledgerCount()).toBe(ledgerBefore + 1);
    const state = await load([{ itemId: item.id, locationId: l.id }]);
    expect(state.levels.get(levelKeyString({ itemId: item.id, locationId: l.id }))).toMatchObject({ version: 2, figures: { onHand: 2 } });
  });

  it('rolls back and rethrows what the work throws, without retrying', async () => {
    const item = f.items[0];
    const l = f.locations[1];
    const before = await ledgerCount();
    let attempts = 0;
    const failing = applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 99)], contextOf(), async () => {
      attempts += 1;
      throw new ApplicationError('IDEMPOTENCY.KEY_REUSED', 'nope');
    });
    await expect(failing).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
    expect(attempts).toBe(1);
    expect(await ledgerCount()).toBe(before);
  });

  describe('idempotency records', () => {
    const record = (key: string, overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
      scope: 'POST /v1/stock',
      key,
      requestHash: 'h1',
      status: 200,
      body: { ok: true, lines: [1, 2] },
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-02T00:00:00.000Z',
      ...overrides,
    });

    it('stores and finds a record per tenant, scope and key', async () => {
      const other = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
      await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.saveIdempotency(record('k1')));
      await ctx.p.store.inWriteTransaction(other, (tx) => tx.saveIdempotency(record('k1', { status: 201 })));
      await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.saveIdempotency(record('k1', { scope: 'PUT /x' })));
      expect(await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.findIdempotency('POST /v1/stock', 'k1'))).toEqual(record('k1'));
      expect(await ctx.p.store.inWriteTransaction(other, (tx) => tx.findIdempotency('POST /v1/stock', 'k1'))).toMatchObject({ status: 201 });
      expect(await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.findIdempotency('POST /v1/stock', 'k2'))).toBeNull();
    });

    it('lets only one of several concurrent requests with one key execute; the others replay it', async () => {
      const item = f.items[1];
      const l = f.locations[1];
      const key = `race-${randomUUID()}`;
      const before = await ledgerCount();
      const run = () =>
        ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
          const found = await tx.findIdempotency('POST /v1/stock', key);
          if (found) return 'replayed';
          const lines = [adjustLine(1, item.id, l.id, 1)];
          const state = await tx.loadBatchState(lines);
          const context = contextOf();
          await tx.saveOutcome(reconcileBatch(state, lines, context, randomUUID), context);
          await tx.saveIdempotency(record(key));
          return 'executed';
        });
      const results = await Promise.all([run(), run(), run(), run()]);
      expect(results.filter((r) => r === 'executed')).toHaveLength(1);
      expect(await ledgerCount()).toBe(before + 1);
    });

    it('purges expired records of every tenant in bounded batches and keeps the live ones', async () => {
      const other = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
      const expired = (key: string) => record(key, { createdAt: '1999-12-31T00:00:00.000Z', expiresAt: '2000-01-01T00:00:00.000Z' });
      await ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
        await tx.saveIdempotency(expired('gone-1'));
        await tx.saveIdempotency(expired('gone-2'));
        await tx.saveIdempotency(record('kept', { createdAt: '2000-05-31T00:00:00.000Z', expiresAt: '2000-06-01T00:00:00.000Z' }));
      });
      await ctx.p.store.inWriteTransaction(other, (tx) => tx.saveIdempotency(expired('gone-3')));
      const now = '2000-03-01T00:00:00.000Z';
      expect(await ctx.p.store.deleteExpiredIdempotency(now, 2)).toBe(2);
      expect(await ctx.p.store.deleteExpiredIdempotency(now, 2)).toBe(1);
      expect(await ctx.p.store.deleteExpiredIdempotency(now, 2)).toBe(0);
      const find = (tenant: string, key: string) => ctx.p.store.inWriteTransaction(tenant, (tx) => tx.findIdempotency('POST /v1/stock', key));
      expect(await find(f.tenantId, 'gone-1')).toBeNull();
      expect(await find(other, 'gone-3')).toBeNull();
      expect(await find(f.tenantId, 'kept')).toMatchObject({ key: 'kept' });
    });

    it('replaces an expired record, never a live one', async () => {
      await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.saveIdempotency(record('old')));
      const renewed = record('old', { requestHash: 'h2', createdAt: '2026-01-03T00:00:00.000Z', expiresAt: '2026-01-04T00:00:00.000Z' });
      await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.saveIdempotency(renewed));
      expect(await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.findIdempotency(renewed.scope, 'old'))).toEqual(renewed);
      const live = record('old', { createdAt: '2026-01-03T01:00:00.000Z' });
      await expect(ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.saveIdempotency(live))).rejects.toMatchObject({
        code: 'STORE.RETRY_EXHAUSTED',
      });
    });
  });
});
