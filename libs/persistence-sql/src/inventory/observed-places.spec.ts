import { randomUUID } from 'node:crypto';
import { expandSnapshot, reconcileBatch, type StockLine } from '@tally/inventory-domain';
import { Client } from 'pg';
import { applyLines, contextOf, DATABASE_KINDS, openTestContext, seed, setLine, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const removeLine = (lineNo: number, itemId: string, locationId: string): StockLine => ({
  lineNo,
  itemId,
  locationId,
  write: { kind: 'remove' },
  sourceTimestamp: null,
});

describe.each(DATABASE_KINDS)('observed places and snapshots on %s (ADR 0031)', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 3, locations: 5, connections: 2 });
  });
  afterAll(() => ctx?.dispose());

  it('answers the places where the connection has a present observation of the items, in item then location order', async () => {
    const [c0, c1] = f.connections;
    const [a, b, c] = f.items;
    const [l0, l1, l2] = f.locations;
    await applyLines(
      ctx.p,
      f.tenantId,
      [setLine(1, a.id, l1.id, 1), setLine(2, a.id, l0.id, 1), setLine(3, b.id, l0.id, 1), setLine(4, c.id, l0.id, 1)],
      contextOf(c0.id),
    );
    await applyLines(ctx.p, f.tenantId, [removeLine(1, a.id, l1.id)], contextOf(c0.id));
    await applyLines(ctx.p, f.tenantId, [setLine(1, a.id, l2.id, 1)], contextOf(c1.id));
    const places = await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.observedPlaces(c0.id, [b.id, a.id, a.id]));
    const expected = [
      { itemId: a.id, locationId: l0.id },
      { itemId: b.id, locationId: l0.id },
    ].sort((x, y) => (x.itemId < y.itemId ? -1 : 1));
    expect(places).toEqual(expected);
    expect(await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.observedPlaces(c0.id, []))).toEqual([]);
  });

  it("zeroes, in the snapshot's own transaction, the places the snapshot leaves out, with cause snapshot_zeroed", async () => {
    const [, c1] = f.connections;
    const [, b] = f.items;
    // Locations only connection 1 reports at: it is their source (the first connection to report there).
    const [l0, , , l1, l2] = f.locations;
    await applyLines(ctx.p, f.tenantId, [setLine(1, b.id, l1.id, 6), setLine(2, b.id, l2.id, 2)], contextOf(c1.id));
    const context = contextOf(c1.id);
    await ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
      const lines = expandSnapshot({ lines: [setLine(1, b.id, l2.id, 6)] }, await tx.observedPlaces(c1.id, [b.id]));
      const state = await tx.loadBatchState(lines);
      await tx.saveOutcome(reconcileBatch(state, lines, context, randomUUID), context);
    });
    const levels = await ctx.p.reader.levelsOfItems(f.tenantId, [b.id]);
    const byLocation = new Map(levels.map((l) => [l.locationId, l.figures.onHand]));
    // l0 is connection 0's report: another connection's snapshot leaves it alone.
    expect([byLocation.get(l0.id), byLocation.get(l1.id), byLocation.get(l2.id)]).toEqual([1, 0, 6]);
    const zeroed = await ctx.p.reader.listLedger(f.tenantId, { itemId: b.id, cause: 'snapshot_zeroed' }, { limit: 10, cursor: null });
    expect(zeroed.items.map((e) => e.locationId)).toEqual([l1.id]);
  });
});

// PostgreSQL only: SQLite has one writer at a time, so two snapshots never overlap there.
describe('snapshots of the same items by the same connection on PostgreSQL', () => {
  let ctx: TestContext;
  let f: Fixture;
  let sql: Client;
  beforeAll(async () => {
    ctx = await openTestContext('postgresql');
    f = await seed(ctx.p, { items: 1, locations: 2, connections: 1 });
    sql = new Client({ connectionString: ctx.db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await ctx?.dispose();
  });

  it('run one after the other: the second sees the place the first one reported', async () => {
    const [c0] = f.connections;
    const [a] = f.items;
    const [l0] = f.locations;
    const second = await ctx.open();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let firstHolds!: () => void;
    const firstLocked = new Promise<void>((resolve) => (firstHolds = resolve));
    const context = contextOf(c0.id);
    const first = ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
      const lines = expandSnapshot({ lines: [setLine(1, a.id, l0.id, 4)] }, await tx.observedPlaces(c0.id, [a.id]));
      firstHolds();
      await released;
      const state = await tx.loadBatchState(lines);
      await tx.saveOutcome(reconcileBatch(state, lines, context, randomUUID), context);
    });
    await firstLocked;
    const later = second.store.inWriteTransaction(f.tenantId, (tx) => tx.observedPlaces(c0.id, [a.id]));
    const waiting = `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    let waited = false;
    try {
      for (let poll = 0; poll < 500 && !waited; poll++) {
        waited = Number((await sql.query<{ n: string }>(waiting)).rows[0].n) > 0;
        if (!waited) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      release();
    }
    expect(waited).toBe(true);
    await first;
    expect(await later).toEqual([{ itemId: a.id, locationId: l0.id }]);
  });
});
