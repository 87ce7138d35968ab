import { StockLevelRecord, LedgerEntryRecord, RECORD_SCHEMAS } from '.';
import { adjustLine, applyLines, DATABASE_KINDS, openTestContext, seed, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

describe.each(DATABASE_KINDS)('record entities on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it('map every property onto a column of the migrated schema', async () => {
    const em = ctx.p.orm.em.fork();
    for (const schema of RECORD_SCHEMAS) await expect(em.find(schema, {}, { limit: 1 })).resolves.toBeInstanceOf(Array);
  });

  it('read what the batched SQL wrote', async () => {
    const f = await seed(ctx.p, { items: 1, locations: 1 });
    const [item] = f.items;
    const [location] = f.locations;
    await applyLines(ctx.p, f.tenantId, [adjustLine(1, item.id, location.id, 4)]);
    const em = ctx.p.orm.em.fork();
    const level = await em.findOneOrFail(StockLevelRecord, { tenantId: f.tenantId, itemId: item.id, locationId: location.id });
    expect(level).toMatchObject({ present: true, version: 1, reserved: 0, onHand: 4, availableReported: null });
    expect(JSON.parse(level.data)).toMatchObject({ figures: { onHand: 4 } });
    const [entry] = await em.find(LedgerEntryRecord, { tenantId: f.tenantId });
    expect(entry).toMatchObject({ itemId: item.id, cause: 'adjust', versionAfter: 1, lines: '[1]' });
    expect(JSON.parse(entry.afterSnapshot)).toMatchObject({ present: true, data: { figures: { onHand: 4 } } });
  });
});
