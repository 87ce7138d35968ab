import type { IdentifierReference, ItemReference, NewItem, Page } from '@tally/inventory-application';
import { gs1CheckDigit } from '@tally/inventory-domain';
import { DATABASE_KINDS, openTestContext, seed, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const at = '2026-01-01T00:00:00.000Z';
const newItem = (identifiers: IdentifierReference[], name: string | null = null): NewItem => ({ identifiers, name });

/** A valid GTIN-14 made from a number (its check digit computed). */
const gtinOf = (n: number): string => {
  const body = String(n).padStart(13, '0');
  return `${body}${gs1CheckDigit(body)}`;
};

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

  it('creates items with all their identifiers and finds them by any of them, in input order', async () => {
    const external = { connectionId: f.connections[0].id, externalId: 'ext-3' };
    const [a, b, c] = await ctx.p.items.createMany(
      f.tenantId,
      [newItem([{ sku: 'A-1' }, { gtin: '00036000291452' }], 'Widget'), newItem([{ partNumber: 'P-2' }]), newItem([{ external }])],
      at,
    );
    expect(await ctx.p.items.get(f.tenantId, a)).toMatchObject({
      tenantId: f.tenantId,
      sku: 'A-1',
      gtin: '00036000291452',
      name: 'Widget',
      createdAt: at,
      identifiers: [
        { kind: 'gtin', value: '00036000291452', connectionId: null },
        { kind: 'sku', value: 'A-1', connectionId: null },
      ],
    });
    const refs: ItemReference[] = [
      { external },
      { gtin: '00036000291452' },
      { partNumber: 'P-2' },
      { itemId: b },
      { sku: 'nope' },
      { external: { connectionId: f.connections[1].id, externalId: 'ext-3' } },
      { sku: 'A-1' },
    ];
    expect(await ctx.p.items.findItemIds(f.tenantId, refs)).toEqual([c, a, b, b, null, null, a]);
    const found = await ctx.p.items.findMany(f.tenantId, refs);
    expect(found.map((x) => (x.found ? x.item.id : null))).toEqual([c, a, b, b, null, null, a]);
    expect(await ctx.p.items.externalIds(f.tenantId, c)).toEqual([external]);
  });

  it('gives concurrent creators of the same items the same ids, without duplicates', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => newItem([{ sku: `RACE-${i}` }, { gtin: gtinOf(100 + i) }]));
    const results = await Promise.all([1, 2, 3, 4].map(() => ctx.p.items.createMany(f.tenantId, batch, at)));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(new Set(results[0]).size).toBe(20);
    expect(await ctx.p.items.createMany(f.tenantId, batch, at)).toEqual(results[0]);
    for (const id of results[0]) expect((await ctx.p.items.get(f.tenantId, id))?.identifiers).toHaveLength(2);
  });

  it('ends concurrent creators of overlapping identifiers with one item holding them all', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const variants = [
      [{ sku: 'OVL' }, { gtin: gtinOf(7) }],
      [{ gtin: gtinOf(7) }, { partNumber: 'OVL-P' }],
      [{ partNumber: 'OVL-P' }, { sku: 'OVL' }],
    ];
    const results = await Promise.all(variants.map((v) => ctx.p.items.createMany(t, [newItem(v)], at)));
    expect(new Set(results.map((r) => r[0])).size).toBe(1);
    expect(await ctx.p.items.count(t)).toBe(1);
    expect((await ctx.p.items.get(t, results[0][0]))?.identifiers).toHaveLength(3);
  });

  it('creates an item that joins the one already holding one of its identifiers', async () => {
    const [owner] = await ctx.p.items.createMany(f.tenantId, [newItem([{ sku: 'OWNER' }])], at);
    const [again] = await ctx.p.items.createMany(f.tenantId, [newItem([{ gtin: gtinOf(17) }, { sku: 'OWNER' }])], at);
    expect(again).toBe(owner);
    expect(await ctx.p.items.findItemIds(f.tenantId, [{ gtin: gtinOf(17) }])).toEqual([owner]);
  });

  it('attaches identifiers nobody holds, keeps held ones where they are, and detaches', async () => {
    const [x, y] = await ctx.p.items.createMany(f.tenantId, [newItem([{ sku: 'ATT-X' }]), newItem([{ sku: 'ATT-Y' }])], at);
    const external = { connectionId: f.connections[1].id, externalId: 'att-1' };
    const holders = await ctx.p.items.attach(f.tenantId, [
      { itemId: x, reference: { gtin: gtinOf(31) } },
      { itemId: x, reference: { external } },
      { itemId: x, reference: { sku: 'ATT-Y' } },
    ]);
    expect(holders).toEqual([x, x, y]);
    expect((await ctx.p.items.get(f.tenantId, x))?.identifiers?.map((i) => i.value)).toEqual(['att-1', gtinOf(31), 'ATT-X']);
    expect(await ctx.p.items.detach(f.tenantId, y, { kind: 'gtin', value: gtinOf(31), connectionId: null })).toBe(false);
    expect(await ctx.p.items.detach(f.tenantId, x, { kind: 'gtin', value: gtinOf(31), connectionId: null })).toBe(true);
    expect(await ctx.p.items.findItemIds(f.tenantId, [{ gtin: gtinOf(31) }])).toEqual([null]);
    expect(await ctx.p.items.update(f.tenantId, x, { name: 'Renamed', attributes: { colour: 'red' } })).toBe(true);
    expect(await ctx.p.items.get(f.tenantId, x)).toMatchObject({ name: 'Renamed', attributes: { colour: 'red' } });
  });

  it('searches by any identifier or name, case-insensitively, page by page', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    await ctx.p.items.createMany(
      t,
      Array.from({ length: 7 }, (_, i) => newItem([{ sku: `Shoe-${i}` }], i === 3 ? 'Red 100%_cotton' : null)),
      at,
    );
    await ctx.p.items.createMany(t, [newItem([{ partNumber: 'HAT-1' }])], at);
    const shoes = await allPages((cursor) => ctx.p.items.search(t, 'shoe', { limit: 3, cursor }));
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
    expect(await ctx.p.locations.setPolicy(s.tenantId, listed[0].id, { policy: 'priority', sourceConnectionId: null, priorityConnectionIds: order })).toBe(
      true,
    );
    expect(await ctx.p.locations.get(s.tenantId, listed[0].id)).toMatchObject({ policy: 'priority', sourceConnectionId: null, priorityConnectionIds: order });
    expect((await ctx.p.locations.findByCodes(s.tenantId, ['LOC-0']))[0]).toMatchObject({ priorityConnectionIds: order });
    expect(await ctx.p.locations.setPolicy(f.tenantId, listed[0].id, { policy: 'latest', sourceConnectionId: null, priorityConnectionIds: [] })).toBe(false);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(ctx.p.locations.list(f.tenantId, { limit: 2, cursor: 'garbage' })).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
  });
});
