import { randomUUID } from 'node:crypto';
import { expandRefresh, levelKeyString, reconcileBatch, snapshotOf, type Discrepancy, type StockLevel } from '@tally/inventory-domain';
import { applyLines, contextOf, DATABASE_KINDS, openTestContext, seed, setLine, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('observed writes on %s', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 4, locations: 2, connections: 2 });
  });
  afterAll(() => ctx?.dispose());

  const [t1, t2, t3] = ['2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z', '2026-01-01T12:00:00.000Z'];

  it('keeps each connection’s observation, settles the source, opens and closes a discrepancy', async () => {
    const [c0, c1] = f.connections;
    const item = f.items[0];
    const l = f.locations[0];
    await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 10, t1)], contextOf(c0.id));
    expect(await ctx.p.locations.get(f.tenantId, l.id)).toMatchObject({ policy: 'single-source', sourceConnectionId: c0.id });

    const opened = await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 7, t2)], contextOf(c1.id));
    expect(opened.openedDiscrepancies).toHaveLength(1);
    const [level] = await ctx.p.reader.levelsOfItems(f.tenantId, [item.id]);
    expect(level).toMatchObject({ present: true, figures: { onHand: 10 } });
    const observations = await ctx.p.reader.observationsOfItem(f.tenantId, item.id);
    expect(observations.map((o) => [o.connectionId, o.figures.onHand, o.sourceTimestamp]).sort()).toEqual(
      [
        [c0.id, 10, t1],
        [c1.id, 7, t2],
      ].sort(),
    );
    const open = await ctx.p.reader.listDiscrepancies(f.tenantId, 'open', { limit: 10, cursor: null });
    expect(open.items).toEqual([opened.openedDiscrepancies[0]]);
    expect(await ctx.p.reader.getDiscrepancy(f.tenantId, open.items[0].id)).toEqual(open.items[0]);

    const closed = await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 10, t3)], contextOf(c1.id));
    expect(closed.closedDiscrepancies).toHaveLength(1);
    expect((await ctx.p.reader.listDiscrepancies(f.tenantId, 'open', { limit: 10, cursor: null })).items).toEqual([]);
    const resolved = await ctx.p.reader.getDiscrepancy(f.tenantId, open.items[0].id);
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String), resolution: { kind: 'agreed' } });
    expect(await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.reportedItemIds(c0.id, l.id))).toEqual([item.id]);
  });

  it('records a stale report on the observation without applying it', async () => {
    const [c0] = f.connections;
    const item = f.items[1];
    const l = f.locations[0];
    await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 5, t2)], contextOf(c0.id));
    const stale = await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 1, t1)], contextOf(c0.id));
    expect(stale.results[0].status).toBe('stale');
    const [observation] = await ctx.p.reader.observationsOfItem(f.tenantId, item.id);
    expect(observation).toMatchObject({ staleCount: 1, sourceTimestamp: t2, figures: { onHand: 5 } });
    expect((await ctx.p.reader.levelsOfItems(f.tenantId, [item.id]))[0]).toMatchObject({ figures: { onHand: 5 }, version: 1 });
  });

  it('zeroes in a full refresh what the connection reported there before and did not list', async () => {
    const [, c1] = f.connections;
    const l = f.locations[1];
    const [a, b, c] = f.items;
    await applyLines(ctx.p, f.tenantId, [setLine(1, a.id, l.id, 3), setLine(2, b.id, l.id, 4), setLine(3, c.id, l.id, 5)], contextOf(c1.id));
    const context = { ...contextOf(c1.id), refresh: true };
    await ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
      const lines = expandRefresh({ locationId: l.id, mode: 'full', lines: [setLine(1, a.id, l.id, 9)] }, await tx.reportedItemIds(c1.id, l.id));
      const state = await tx.loadBatchState(lines);
      await tx.saveOutcome(reconcileBatch(state, lines, context, randomUUID), context);
    });
    const levels = await ctx.p.reader.listLevels(f.tenantId, { locationId: l.id }, { limit: 10, cursor: null });
    const byItem = new Map(levels.items.map((x) => [x.itemId, x.figures.onHand]));
    expect([byItem.get(a.id), byItem.get(b.id), byItem.get(c.id)]).toEqual([9, 0, 0]);
    const zeroed = await ctx.p.reader.listLedger(f.tenantId, { locationId: l.id, cause: 'refresh_zeroed' }, { limit: 10, cursor: null });
    expect(zeroed.items.map((e) => e.itemId).sort()).toEqual([b.id, c.id].sort());
  });

  it('locks, resolves and saves a discrepancy; writes levels and their ledger as given', async () => {
    const [c0, c1] = f.connections;
    const item = f.items[3];
    const l = f.locations[0];
    await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 2)], contextOf(c0.id));
    const { openedDiscrepancies } = await applyLines(ctx.p, f.tenantId, [setLine(1, item.id, l.id, 8)], contextOf(c1.id));
    const id = openedDiscrepancies[0].id;
    const at = new Date().toISOString();
    await ctx.p.store.inWriteTransaction(f.tenantId, async (tx) => {
      const discrepancy = (await tx.lockDiscrepancy(id)) as Discrepancy;
      expect(discrepancy.status).toBe('open');
      const state = await tx.loadBatchState([discrepancy]);
      const level = state.levels.get(levelKeyString(discrepancy)) as StockLevel;
      const next = { ...level, figures: { ...level.figures, onHand: 8 }, version: level.version + 1 };
      const entry = {
        itemId: item.id,
        locationId: l.id,
        before: snapshotOf(level),
        after: snapshotOf(next),
        versionAfter: next.version,
        cause: 'discrepancy_resolved' as const,
        actor: 'operator',
        connectionId: c1.id,
        reference: `discrepancy:${id}`,
        sourceTimestamp: null,
        recordedAt: at,
        lines: [],
      };
      await tx.writeLevels([next], [entry], { connectionId: null, actor: 'operator', reference: entry.reference, recordedAt: at });
      await tx.saveDiscrepancy({
        ...discrepancy,
        status: 'resolved',
        resolvedAt: at,
        resolution: { kind: 'chose_source', connectionId: c1.id, actor: 'operator' },
      });
    });
    expect(await ctx.p.reader.getDiscrepancy(f.tenantId, id)).toMatchObject({ status: 'resolved', resolution: { kind: 'chose_source' } });
    expect((await ctx.p.reader.levelsOfItems(f.tenantId, [item.id]))[0]).toMatchObject({ figures: { onHand: 8 }, version: 2 });
    const [entry] = (await ctx.p.reader.listLedger(f.tenantId, { itemId: item.id }, { limit: 1, cursor: null })).items;
    expect(entry).toMatchObject({ cause: 'discrepancy_resolved', versionAfter: 2, lines: [] });
    expect(await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.lockDiscrepancy(randomUUID()))).toBeNull();
  });
});
