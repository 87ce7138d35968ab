import { DATABASE_KINDS, openTestContext, seed, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('place numbers on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it('gives each place one positive integer on first sight and the same one afterwards, in input order', async () => {
    const f = await seed(ctx.p, { items: 2, locations: 2 });
    const [a, b] = f.items.map((i) => i.id);
    const [x, y] = f.locations.map((l) => l.id);
    const places = [
      { itemId: a, locationId: x },
      { itemId: b, locationId: x },
      { itemId: a, locationId: y },
    ];
    const first = await ctx.p.placeNumbers.numbersOf(f.tenantId, places);
    expect(first.every((n) => Number.isSafeInteger(n) && n > 0)).toBe(true);
    expect(new Set(first).size).toBe(3);
    expect(await ctx.p.placeNumbers.numbersOf(f.tenantId, [...places].reverse())).toEqual([...first].reverse());
    // One place named twice in one call, next to one never seen: the same number twice, a new one.
    const mixed = await ctx.p.placeNumbers.numbersOf(f.tenantId, [places[1], { itemId: b, locationId: y }, places[1]]);
    expect(mixed[0]).toBe(first[1]);
    expect(mixed[2]).toBe(first[1]);
    expect(first).not.toContain(mixed[1]);
    expect(await ctx.p.placeNumbers.placeOf(f.tenantId, first[2])).toEqual(places[2]);
    expect(await ctx.p.placeNumbers.numbersOf(f.tenantId, [])).toEqual([]);
  });

  it('keeps numbers to their tenant', async () => {
    const one = await seed(ctx.p, { items: 1, locations: 1 });
    const other = await seed(ctx.p, { items: 1, locations: 1 });
    const place = { itemId: one.items[0].id, locationId: one.locations[0].id };
    const [n] = await ctx.p.placeNumbers.numbersOf(one.tenantId, [place]);
    expect(await ctx.p.placeNumbers.placeOf(other.tenantId, n)).toBeNull();
    expect(await ctx.p.placeNumbers.placeOf(one.tenantId, n)).toEqual(place);
    for (const bad of [0, -1, 1.5, 2 ** 40, 2 ** 60, Number.NaN]) expect(await ctx.p.placeNumbers.placeOf(one.tenantId, bad)).toBeNull();
  });

  it('gives concurrent first readers of the same places the same numbers', async () => {
    const f = await seed(ctx.p, { items: 5, locations: 2 });
    const places = f.items.flatMap((i) => f.locations.map((l) => ({ itemId: i.id, locationId: l.id })));
    const answers = await Promise.all(Array.from({ length: 6 }, () => ctx.p.placeNumbers.numbersOf(f.tenantId, places)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(new Set(answers[0]).size).toBe(places.length);
  });
});
