import { randomUUID } from 'node:crypto';
import { expandSnapshot, reconcileBatch, type StockLine } from '@tally/inventory-domain';
import type { Persistence } from '../persistence.factory';
import { adjustLine, applyLines, contextOf, openTestContext, seed, setLine, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(120_000);

/** Applies `lines` on `p`; between the snapshot's reads and its writes, the first run calls `meanwhile`. */
async function applyWithInterference(
  p: Persistence,
  f: Fixture,
  lines: StockLine[],
  connectionId: string | null,
  meanwhile: () => Promise<unknown>,
): Promise<number> {
  let runs = 0;
  const context = contextOf(connectionId);
  await p.store.inWriteTransaction(f.tenantId, async (tx) => {
    runs += 1;
    const state = await tx.loadBatchState(lines);
    if (runs === 1) await meanwhile();
    await tx.saveOutcome(reconcileBatch(state, lines, context, randomUUID), context);
  });
  return runs;
}

// Snapshot reads are a SQLite mode (ADR 0025); PostgreSQL writers lock what they read.
describe('inventory writes reconciled on a snapshot (SQLite)', () => {
  let ctx: TestContext;
  let snapshot: Persistence;
  beforeAll(async () => {
    ctx = await openTestContext('sqlite');
    snapshot = await ctx.open({ migrate: false, snapshotReads: true });
  });
  afterAll(() => ctx?.dispose());

  it('loses no update when writers on snapshots and direct writers share the same levels', async () => {
    const f = await seed(ctx.p, { items: 3, locations: 2 });
    const places = f.items.flatMap((i) => f.locations.map((l) => ({ itemId: i.id, locationId: l.id })));
    const second = await ctx.open({ migrate: false, snapshotReads: true });
    const writers = [snapshot, second, ctx.p, snapshot, second, ctx.p];
    await Promise.all(
      writers.map(async (p) => {
        for (let b = 0; b < 30; b++)
          await applyLines(
            p,
            f.tenantId,
            places.map((k, n) => adjustLine(n + 1, k.itemId, k.locationId, 1)),
          );
      }),
    );
    const levels = await ctx.p.reader.levelsOfItems(
      f.tenantId,
      f.items.map((i) => i.id),
    );
    expect(levels).toHaveLength(places.length);
    for (const level of levels) expect(level).toMatchObject({ version: 180, figures: { onHand: 180 } });
    let entries = 0;
    let cursor: string | null = null;
    do {
      const page = await ctx.p.reader.listLedger(f.tenantId, {}, { limit: 1000, cursor });
      entries += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(entries).toBe(places.length * 180);
  });

  it('reconciles again under the write lock when another connection reported at the location meanwhile, even without moving the level', async () => {
    const f = await seed(ctx.p, { items: 1, locations: 1, connections: 2 });
    const [source, other] = f.connections;
    const place = { itemId: f.items[0].id, locationId: f.locations[0].id };
    await applyLines(ctx.p, f.tenantId, [setLine(1, place.itemId, place.locationId, 5)], contextOf(source.id));
    // The other connection is not the location's source: its report changes only its observation.
    const otherReport = () => applyLines(ctx.p, f.tenantId, [setLine(1, place.itemId, place.locationId, 7)], contextOf(other.id));
    const runs = await applyWithInterference(snapshot, f, [setLine(1, place.itemId, place.locationId, 9)], source.id, otherReport);
    expect(runs).toBe(2);
    expect(await ctx.p.reader.observationsOfItem(f.tenantId, place.itemId)).toHaveLength(2);
    const [level] = await ctx.p.reader.levelsOfItems(f.tenantId, [place.itemId]);
    expect(level).toMatchObject({ version: 2, figures: { onHand: 9 } });
  });

  it('writes what it reconciled on the snapshot when the changes meanwhile were at other locations', async () => {
    const f = await seed(ctx.p, { items: 1, locations: 2 });
    const [here, elsewhere] = f.locations;
    const item = f.items[0].id;
    const runs = await applyWithInterference(snapshot, f, [setLine(1, item, here.id, 4)], null, () =>
      applyLines(ctx.p, f.tenantId, [setLine(1, item, elsewhere.id, 6)]),
    );
    expect(runs).toBe(1);
    const levels = await ctx.p.reader.levelsOfItems(f.tenantId, [item]);
    expect(levels.map((l) => [l.locationId, l.figures.onHand]).sort()).toEqual(
      [
        [here.id, 4],
        [elsewhere.id, 6],
      ].sort(),
    );
  });

  it('reconciles an item snapshot again under the write lock when the connection reported the item at another place meanwhile (ADR 0031)', async () => {
    const f = await seed(ctx.p, { items: 1, locations: 2, connections: 1 });
    const [c0] = f.connections;
    const [named, elsewhere] = f.locations;
    const item = f.items[0].id;
    const context = contextOf(c0.id);
    let runs = 0;
    await snapshot.store.inWriteTransaction(f.tenantId, async (tx) => {
      runs += 1;
      const lines = expandSnapshot({ lines: [setLine(1, item, named.id, 4)] }, await tx.observedPlaces(c0.id, [item]));
      const state = await tx.loadBatchState(lines);
      // The same connection reports the item at a place the snapshot did not read: only the re-check can see it.
      if (runs === 1) await applyLines(ctx.p, f.tenantId, [setLine(1, item, elsewhere.id, 6)], contextOf(c0.id));
      await tx.saveOutcome(reconcileBatch(state, lines, context, randomUUID), context);
    });
    expect(runs).toBe(2);
    const levels = await ctx.p.reader.levelsOfItems(f.tenantId, [item]);
    expect(levels.map((l) => [l.locationId, l.figures.onHand]).sort()).toEqual(
      [
        [named.id, 4],
        [elsewhere.id, 0],
      ].sort(),
    );
  });
});
