import { targets } from './support/e2e-targets.state';
import { allRows, BATCH_SIZE, idsOf, seedOverviewScene, type OverviewRow } from './item-overview.e2e-helper';

type Scene = Awaited<ReturnType<typeof seedOverviewScene>>;

/** The order the API promises, written out independently: missing values last ascending, ties by id. */
function expectedOrder(rows: readonly OverviewRow[], sort: string, direction: 'asc' | 'desc'): string[] {
  const key = (r: OverviewRow): [number, string | number] => {
    if (sort === 'name') return r.name === null ? [1, ''] : [0, r.name.toLowerCase()];
    if (sort === 'sku') return r.sku === null ? [1, ''] : [0, r.sku.toLowerCase()];
    if (sort === 'onHand') return r.onHand === null ? [1, 0] : [0, r.onHand];
    if (sort === 'sellable') return [r.unlimited ? 1 : 0, r.sellable];
    return [0, r.updatedAt];
  };
  const compare = (x: OverviewRow, y: OverviewRow) => {
    const [a, b] = [
      [...key(x), x.id],
      [...key(y), y.id],
    ];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  const sorted = [...rows].sort(compare).map((r) => r.id);
  return direction === 'asc' ? sorted : sorted.reverse();
}

describe.each(targets())('items overview on %s', (_kind, target) => {
  let scene: Scene;
  let all: OverviewRow[];
  const row = (id: string) => all.find((r) => r.id === id);

  beforeAll(async () => {
    scene = await seedOverviewScene(target);
    all = await allRows(scene.admin, '');
  });

  it('lists every item of the tenant once, with the status the availability rules give it', () => {
    expect(all).toHaveLength(BATCH_SIZE + 9);
    expect(Object.fromEntries(all.map((r) => [r.id, r.status]))).toEqual(Object.fromEntries(scene.expected));
  });

  it('computes the edge cases: unknown on hand is null (not infinite), a negative place hides nothing, a removed record is untracked', () => {
    const { ids } = scene;
    expect(row(ids.unknownOnHand)).toMatchObject({ onHand: null, reserved: 2, sellable: 0, unlimited: false, status: 'out_of_stock' });
    expect(row(ids.negativeOnly)).toMatchObject({ onHand: -5, sellable: 0, unlimited: false, status: 'out_of_stock' });
    expect(row(ids.negativeSplit)).toMatchObject({ onHand: -1, sellable: 3, status: 'in_stock' });
    expect(row(ids.removed)).toMatchObject({ onHand: null, sellable: 0, status: 'untracked' });
    expect(row(scene.batchIds[2])).toMatchObject({ onHand: null, sellable: 0, unlimited: true, status: 'in_stock' });
    expect(row(scene.batchIds[5])).toMatchObject({ onHand: 20, reserved: 1, sellable: 19, status: 'in_stock' });
    expect(row(ids.hoodieNavy)).toMatchObject({
      name: 'Hoodie, Navy, L',
      sku: 'HD-NV-L',
      identifiers: [{ kind: 'sku', value: 'HD-NV-L', connectionId: null }],
    });
  });

  it('agrees with the item availability route for every kind of item', async () => {
    for (const id of [...Object.values(scene.ids), ...scene.batchIds.slice(0, 8)]) {
      const availability = (await scene.admin('GET', `/api/v1/items/${id}/availability`)).body;
      const r = row(id);
      // The item route calls an item without a record `unavailable`; the overview names it `untracked`.
      expect({ id, sellable: r?.sellable, unlimited: r?.unlimited, status: r?.status === 'untracked' ? 'unavailable' : r?.status }).toEqual({
        id,
        sellable: availability.sellable,
        unlimited: availability.unlimited,
        status: availability.status,
      });
    }
  });

  it('filters by status, each filter returning exactly the items of that status', async () => {
    for (const status of ['in_stock', 'low_stock', 'out_of_stock', 'backorderable', 'discontinued', 'untracked', 'preorderable', 'unavailable']) {
      const rows = await allRows(scene.admin, `status=${status}`, 50);
      expect(idsOf(rows)).toEqual(idsOf(all.filter((r) => r.status === status)));
    }
    expect(await allRows(scene.admin, 'status=low_stock')).toHaveLength(30);
    expect(await allRows(scene.admin, 'status=out_of_stock')).toHaveLength(32);
  });

  it('filters by location with that location’s figures only', async () => {
    const rows = await allRows(scene.admin, `locationId=${scene.whB}`);
    expect(idsOf(rows)).toEqual([scene.ids.bOnly, scene.ids.negativeSplit].sort());
    expect(rows.find((r) => r.id === scene.ids.negativeSplit)).toMatchObject({ onHand: 3, sellable: 3, locationId: scene.whB });
  });

  it('filters by connection: the items it reported or names', async () => {
    expect(idsOf(await allRows(scene.admin, `connectionId=${scene.b}`))).toEqual([scene.ids.bOnly, scene.ids.disputed].sort());
    expect(idsOf(await allRows(scene.admin, `connectionId=${scene.a}`))).toEqual([...scene.batchIds, scene.ids.disputed].sort());
  });

  it('filters by open discrepancy', async () => {
    const rows = await allRows(scene.admin, 'discrepancy=open');
    expect(idsOf(rows)).toEqual([scene.ids.disputed]);
    expect(rows[0].openDiscrepancy).toBe(true);
  });

  it('filters by channel, with each item’s available-to-sell there', async () => {
    const rows = await allRows(scene.admin, `channelId=${scene.channelId}`);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.channel]))).toEqual({
      [scene.ids.bOnly]: { channelId: scene.channelId, figure: 7 },
      [scene.ids.negativeSplit]: { channelId: scene.channelId, figure: 3 },
    });
  });

  it('searches words: each must match the name or an identifier, in any case and order', async () => {
    const search = async (q: string) => idsOf(await allRows(scene.admin, `q=${encodeURIComponent(q)}`));
    expect(await search('hoodie navy')).toEqual([scene.ids.hoodieNavy]);
    expect(await search('NAVY Hoodie')).toEqual([scene.ids.hoodieNavy]);
    expect(await search('navy')).toEqual([scene.ids.hoodieNavy, scene.ids.navyCap].sort());
    expect(await search('hd-bk')).toEqual([scene.ids.hoodieBlack]);
    expect(await search('widget blue')).toHaveLength(BATCH_SIZE / 3);
    expect(await search('hoodie nothing')).toEqual([]);
    expect(idsOf(await allRows(scene.admin, `q=navy&status=in_stock&locationId=${scene.whB}`))).toEqual([]);
  });

  it.each(['name', 'sku', 'onHand', 'sellable', 'updatedAt'])('sorts by %s both ways; paging returns every item once, in order', async (sort) => {
    for (const direction of ['asc', 'desc'] as const) {
      const paged = await allRows(scene.admin, `sort=${sort}&direction=${direction}`, 37);
      expect(paged.map((r) => r.id)).toEqual(expectedOrder(all, sort, direction));
    }
  });
});
