import type { Page, PageRequest, StoredLedgerEntry } from '@tally/inventory-application';
import { detectDrift, type StockLevel } from '@tally/inventory-domain';
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

async function walk<T>(fetch: (page: PageRequest) => Promise<Page<T>>, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetch({ limit, cursor });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe.each(DATABASE_KINDS)('SqlInventoryReader on %s', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  const times = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'];

  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 5, locations: 3, connections: 1 });
    // Day 1: direct sets everywhere (15 entries); day 2: the connection reports location 0
    // (5 entries); day 3: adjustments of item 0 everywhere (3 entries).
    await applyLines(
      ctx.p,
      f.tenantId,
      f.items.flatMap((i, n) => f.locations.map((l, m) => setLine(n * 3 + m + 1, i.id, l.id, n + m))),
      contextOf(null, times[0]),
    );
    await applyLines(
      ctx.p,
      f.tenantId,
      f.items.map((i, n) => setLine(n + 1, i.id, f.locations[0].id, 50 + n)),
      contextOf(f.connections[0].id, times[1]),
    );
    await applyLines(
      ctx.p,
      f.tenantId,
      f.locations.map((l, n) => adjustLine(n + 1, f.items[0].id, l.id, 1)),
      contextOf(null, times[2]),
    );
  });
  afterAll(() => ctx?.dispose());

  const ledger = (filter: Parameters<TestContext['p']['reader']['listLedger']>[1], limit = 4) =>
    walk((page) => ctx.p.reader.listLedger(f.tenantId, filter, page), limit).then((pages) => pages.flat());

  it('pages the ledger newest first, every entry exactly once', async () => {
    const pages = await walk((page) => ctx.p.reader.listLedger(f.tenantId, {}, page), 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 4, 3]);
    const all = pages.flat();
    expect(new Set(all.map((e) => e.id)).size).toBe(23);
    const ids = all.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all[0].recordedAt).toBe(times[2]);
  });

  it('filters the ledger by item, location, connection, cause and recorded time', async () => {
    const [item0] = f.items;
    const [loc0] = f.locations;
    expect((await ledger({ itemId: item0.id })).length).toBe(3 + 1 + 3);
    // An item alone spans every location: still newest first across them, page after page.
    const ofItem = (await ledger({ itemId: item0.id }, 2)).map((e) => Number(e.id));
    expect(ofItem).toEqual([...ofItem].sort((a, b) => b - a));
    expect(new Set(ofItem).size).toBe(7);
    expect((await ledger({ locationId: loc0.id })).length).toBe(5 + 5 + 1);
    expect((await ledger({ itemId: item0.id, locationId: loc0.id })).map((e) => e.cause)).toEqual(['adjust', 'set', 'set']);
    const fromConnection = await ledger({ connectionId: f.connections[0].id });
    expect(fromConnection.map((e) => e.locationId)).toEqual(new Array(5).fill(loc0.id));
    expect((await ledger({ cause: 'adjust' })).length).toBe(3);
    expect((await ledger({ from: times[1] })).length).toBe(8);
    expect((await ledger({ from: times[1], to: times[2] })).length).toBe(5);
    expect((await ledger({ to: '2026-03-02' })).length).toBe(15);
    await expect(ledger({ from: 'yesterday' })).rejects.toMatchObject({ code: 'REQUEST.INVALID', field: 'from' });
  });

  it('pages levels in (item, location) order, with item and location filters', async () => {
    const pages = await walk((page) => ctx.p.reader.listLevels(f.tenantId, {}, page), 4);
    const all = pages.flat();
    expect(all).toHaveLength(15);
    const keys = all.map((l) => `${l.itemId}/${l.locationId}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(15);
    const atLoc1 = (await walk((page) => ctx.p.reader.listLevels(f.tenantId, { locationId: f.locations[1].id }, page), 2)).flat();
    expect(atLoc1.map((l) => l.locationId)).toEqual(new Array(5).fill(f.locations[1].id));
    const ofItem = await ctx.p.reader.listLevels(f.tenantId, { itemId: f.items[2].id }, { limit: 10, cursor: null });
    // Item 2 was set to 2, 3, 4; location 0 then follows the connection's report of 52.
    expect(ofItem.items.map((l) => l.figures.onHand).sort((a, b) => Number(a) - Number(b))).toEqual([3, 4, 52]);
    expect(ofItem.nextCursor).toBeNull();
  });

  it('pages every place with its level and last ledger entry, which agree', async () => {
    const pages = await walk((page) => ctx.p.reader.levelsWithLastEntry(f.tenantId, page), 4);
    const rows = pages.flat();
    expect(rows).toHaveLength(15);
    for (const { level, lastEntry } of rows) {
      expect(level).not.toBeNull();
      expect((lastEntry as StoredLedgerEntry).versionAfter).toBe((level as StockLevel).version);
      expect(detectDrift(level, lastEntry)).toBe('none');
    }
  });

  it('lets verification see a level that drifted from its ledger', async () => {
    const [item] = f.items;
    const [loc] = f.locations;
    await ctx.p.orm.em
      .getConnection()
      .execute('UPDATE stock_levels SET version = version + 5 WHERE tenant_id = ? AND item_id = ? AND location_id = ?', [f.tenantId, item.id, loc.id]);
    const rows = (await walk((page) => ctx.p.reader.levelsWithLastEntry(f.tenantId, page), 100)).flat();
    const drifted = rows.filter((r) => detectDrift(r.level, r.lastEntry) !== 'none');
    expect(drifted.map((r) => [r.level?.itemId, r.level?.locationId, detectDrift(r.level, r.lastEntry)])).toEqual([[item.id, loc.id, 'version']]);
  });

  it('lists discrepancies by status, newest first', async () => {
    const other = await seed(ctx.p, { items: 3, locations: 1, connections: 2 });
    const [c0, c1] = other.connections;
    const l = other.locations[0];
    await applyLines(
      ctx.p,
      other.tenantId,
      other.items.map((i, n) => setLine(n + 1, i.id, l.id, 1)),
      contextOf(c0.id, times[0]),
    );
    for (const [n, i] of other.items.entries()) {
      await applyLines(ctx.p, other.tenantId, [setLine(1, i.id, l.id, 2)], contextOf(c1.id, times[n]));
    }
    const open = (await walk((page) => ctx.p.reader.listDiscrepancies(other.tenantId, 'open', page), 2)).flat();
    expect(open.map((d) => d.itemId)).toEqual([...other.items].reverse().map((i) => i.id));
    expect((await ctx.p.reader.listDiscrepancies(other.tenantId, 'resolved', { limit: 5, cursor: null })).items).toEqual([]);
    expect((await ctx.p.reader.listDiscrepancies(other.tenantId, 'all', { limit: 5, cursor: null })).items).toHaveLength(3);
    const ofOne = await ctx.p.reader.listDiscrepancies(other.tenantId, 'all', { limit: 5, cursor: null }, other.items[1].id);
    expect(ofOne.items.map((d) => d.itemId)).toEqual([other.items[1].id]);
  });
});
