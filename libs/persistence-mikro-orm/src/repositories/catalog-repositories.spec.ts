import type { Item, ItemReference, NewItem, Page } from '@tally/inventory-application';
import { DATABASE_KINDS, openTestContext, seed, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const at = '2026-01-01T00:00:00.000Z';
const newItem = (reference: ItemReference, extra: Partial<NewItem> = {}): NewItem => ({
  reference,
  sku: 'sku' in reference ? reference.sku : null,
  gtin: 'gtin' in reference ? reference.gtin : null,
  partNumber: 'partNumber' in reference ? reference.partNumber : null,
  name: null,
  ...extra,
});

async function allPages<T>(fetch: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe.each(DATABASE_KINDS)('catalog repositories on %s', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 0, locations: 0, connections: 2 });
  });
  afterAll(() => ctx?.dispose());

  it('creates items and finds them by every kind of reference, in input order', async () => {
    const [a, b, c] = await ctx.p.items.createMany(
      f.tenantId,
      [
        newItem({ sku: 'A-1' }, { gtin: '00036000291452', name: 'Widget' }),
        newItem({ partNumber: 'P-2' }),
        newItem({ external: { connectionId: f.connections[0].id, externalId: 'ext-3' } }),
      ],
      at,
    );
    expect(a).toMatchObject({ tenantId: f.tenantId, sku: 'A-1', gtin: '00036000291452', name: 'Widget', createdAt: at });
    const found = await ctx.p.items.findMany(f.tenantId, [
      { external: { connectionId: f.connections[0].id, externalId: 'ext-3' } },
      { gtin: '00036000291452' },
      { itemId: b.id },
      { partNumber: 'P-2' },
      { sku: 'nope' },
      { external: { connectionId: f.connections[1].id, externalId: 'ext-3' } },
      { sku: 'A-1' },
    ]);
    expect(found).toEqual([
      { found: true, item: c },
      { found: true, item: a },
      { found: true, item: b },
      { found: true, item: b },
      { found: false },
      { found: false },
      { found: true, item: a },
    ]);
    expect(await ctx.p.items.externalIds(f.tenantId, c.id)).toEqual([{ connectionId: f.connections[0].id, externalId: 'ext-3' }]);
    expect(await ctx.p.items.get(f.tenantId, a.id)).toEqual(a);
    expect(await ctx.p.items.get('another-tenant', a.id)).toBeNull();
  });

  it('answers existing items instead of duplicating them, and the same item to concurrent creators', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => newItem({ sku: `RACE-${i}` }));
    const results = await Promise.all([1, 2, 3, 4].map(() => ctx.p.items.createMany(f.tenantId, batch, at)));
    for (const r of results) expect(r.map((i) => i.id)).toEqual(results[0].map((i) => i.id));
    const again = await ctx.p.items.createMany(f.tenantId, batch, at);
    expect(again.map((i) => i.id)).toEqual(results[0].map((i) => i.id));
  });

  it('does not let a clashing secondary identifier block a new item', async () => {
    const [owner] = await ctx.p.items.createMany(f.tenantId, [newItem({ sku: 'OWNER' }, { gtin: '00000000000017' })], at);
    const [other] = await ctx.p.items.createMany(f.tenantId, [newItem({ sku: 'OTHER' }, { gtin: '00000000000017' })], at);
    expect(other.id).not.toBe(owner.id);
    expect(other).toMatchObject({ sku: 'OTHER', gtin: null });
  });

  it('links a new external id to the item that already has its sku', async () => {
    const [known] = await ctx.p.items.createMany(f.tenantId, [newItem({ sku: 'LINK-ME' })], at);
    const external = { connectionId: f.connections[1].id, externalId: 'mp-77' };
    const [linked] = await ctx.p.items.createMany(f.tenantId, [newItem({ external }, { sku: 'LINK-ME' })], at);
    expect(linked.id).toBe(known.id);
    expect((await ctx.p.items.findMany(f.tenantId, [{ external }]))[0]).toEqual({ found: true, item: known });
  });

  it('gives concurrent creators of one external id the same item, leaving no orphan', async () => {
    const external = { connectionId: f.connections[0].id, externalId: 'race-ext' };
    const before = await ctx.p.items.count(f.tenantId);
    const results = await Promise.all([1, 2, 3].map(() => ctx.p.items.createMany(f.tenantId, [newItem({ external })], at)));
    expect(new Set(results.map((r) => r[0].id)).size).toBe(1);
    expect(await ctx.p.items.count(f.tenantId)).toBe(before + 1);
  });

  it('searches by any identifier, name or external id, case-insensitively, page by page', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0, connections: 1 })).tenantId;
    await ctx.p.items.createMany(
      t,
      Array.from({ length: 7 }, (_, i) => newItem({ sku: `Shoe-${i}` }, { name: i === 3 ? 'Red 100%_cotton' : null })),
      at,
    );
    await ctx.p.items.createMany(t, [newItem({ partNumber: 'HAT-1' })], at);
    const shoes = await allPages<Item>((cursor) => ctx.p.items.search(t, 'shoe', { limit: 3, cursor }));
    expect(shoes.map((i) => i.sku).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Shoe-${i}`));
    expect((await ctx.p.items.search(t, 'hat', { limit: 10, cursor: null })).items.map((i) => i.partNumber)).toEqual(['HAT-1']);
    expect((await ctx.p.items.search(t, '100%_', { limit: 10, cursor: null })).items.map((i) => i.sku)).toEqual(['Shoe-3']);
    expect((await ctx.p.items.search(t, '%', { limit: 10, cursor: null })).items.map((i) => i.sku)).toEqual(['Shoe-3']);
    expect((await ctx.p.items.search(t, null, { limit: 100, cursor: null })).items).toHaveLength(8);
    expect(await ctx.p.items.count(t)).toBe(8);
  });

  it('ensures locations by code, idempotently and concurrently, in input order', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const codes = ['WH-B', 'WH-A', 'WH-B'];
    const runs = await Promise.all([1, 2, 3].map(() => ctx.p.locations.ensureMany(t, codes, 'store', at)));
    for (const run of runs) expect(run.map((l) => l.id)).toEqual(runs[0].map((l) => l.id));
    expect(runs[0][0]).toMatchObject({ code: 'WH-B', kind: 'store', policy: 'single-source', sourceConnectionId: null, name: null });
    expect(runs[0][0].id).toBe(runs[0][2].id);
    expect(await ctx.p.locations.count(t)).toBe(2);
    expect(await ctx.p.locations.findByCodes(t, ['WH-A', 'nope'])).toEqual([runs[0][1], null]);
    expect(await ctx.p.locations.get(t, runs[0][1].id)).toEqual(runs[0][1]);
  });

  it('lists locations by code page by page and sets their policy', async () => {
    const s = await seed(ctx.p, { items: 0, locations: 5, connections: 1 });
    const listed = await allPages((cursor) => ctx.p.locations.list(s.tenantId, { limit: 2, cursor }));
    expect(listed.map((l) => l.code)).toEqual(['LOC-0', 'LOC-1', 'LOC-2', 'LOC-3', 'LOC-4']);
    const order = [s.connections[0].id];
    expect(await ctx.p.locations.setPolicy(s.tenantId, listed[0].id, { policy: 'priority', sourceConnectionId: null, priorityConnectionIds: order })).toBe(true);
    expect(await ctx.p.locations.get(s.tenantId, listed[0].id)).toMatchObject({ policy: 'priority', sourceConnectionId: null, priorityConnectionIds: order });
    expect((await ctx.p.locations.findByCodes(s.tenantId, ['LOC-0']))[0]).toMatchObject({ priorityConnectionIds: order });
    expect(await ctx.p.locations.setPolicy(f.tenantId, listed[0].id, { policy: 'latest', sourceConnectionId: null, priorityConnectionIds: [] })).toBe(false);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(ctx.p.locations.list(f.tenantId, { limit: 2, cursor: 'garbage' })).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
  });
});
