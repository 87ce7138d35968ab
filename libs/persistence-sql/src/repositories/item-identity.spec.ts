import type { Migrator } from '@mikro-orm/migrations';
import { ApplyStockBatch, Clock, LineResolver, MergeItems, VerifyLedger, type CanonicalLine, type Connection } from '@tally/inventory-application';
import { createPersistence, type Persistence } from '../persistence.factory';
import { DATABASE_KINDS, createTestDatabase, openTestContext, seed, setLine, applyLines, contextOf, type TestContext } from '../persistence-test.spec-helper';
import { UuidV7IdGenerator } from '../sql/uuid-v7.id-generator';
import { MIGRATIONS, migrateDatabase } from '../migrations/migrate-database';
import { gs1CheckDigit as gtinCheck } from '@tally/inventory-domain';

jest.setTimeout(90_000);

class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

const clock = new SystemClock();
const line = (lineNo: number, item: CanonicalLine['item'], extra: CanonicalLine['itemIdentifiers'], onHand: number): CanonicalLine => ({
  lineNo,
  item,
  itemIdentifiers: extra,
  location: { code: 'WH' },
  write: { kind: 'set', patch: { onHand } },
  sourceTimestamp: null,
});

function writer(p: Persistence): ApplyStockBatch {
  return new ApplyStockBatch(p.store, new LineResolver(p.items, p.locations, p.identityDiscrepancies), clock, new UuidV7IdGenerator());
}

async function apply(p: Persistence, tenantId: string, lines: CanonicalLine[], connection: Connection | null = null) {
  const execution = await writer(p).execute({
    tenantId,
    connection,
    actor: 'test',
    reference: null,
    lines,
    unknownItemPolicy: 'create',
    createLocationsAs: 'warehouse',
  });
  if (execution.kind !== 'executed') throw new Error('not executed');
  return execution.report;
}

describe.each(DATABASE_KINDS)('item identity on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it('matches a line by any identifier and attaches the unknown ones; SKU + GTIN in one line', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const first = await apply(ctx.p, t, [line(1, { sku: 'A' }, { gtin: '00036000291452' }, 5)]);
    const itemId = first.lines[0].itemId as string;
    expect(first.lines[0].status).toBe('applied');
    const second = await apply(ctx.p, t, [line(1, { gtin: '00036000291452' }, { partNumber: 'P-A' }, 6)]);
    expect(second.lines[0]).toMatchObject({ status: 'applied', itemId });
    expect((await ctx.p.items.get(t, itemId))?.identifiers?.map((i) => `${i.kind}:${i.value}`)).toEqual(['gtin:00036000291452', 'partNumber:P-A', 'sku:A']);
    expect(await ctx.p.items.count(t)).toBe(1);
  });

  it('does not attach when the connection forbids it, and still applies the line', async () => {
    const t = await seed(ctx.p, { items: 0, locations: 0, connections: 1 });
    const connection = { ...t.connections[0], settings: { ...t.connections[0].settings, attachIdentifiers: false } };
    const [itemId] = await ctx.p.items.createMany(t.tenantId, [{ identifiers: [{ sku: 'NO-ATTACH' }], name: null }], new Date().toISOString());
    const report = await apply(ctx.p, t.tenantId, [line(1, { sku: 'NO-ATTACH' }, { partNumber: 'NEVER' }, 2)], connection);
    expect(report.lines[0]).toMatchObject({ status: 'applied', itemId });
    expect(await ctx.p.items.findItemIds(t.tenantId, [{ partNumber: 'NEVER' }])).toEqual([null]);
  });

  it('rejects a line naming two items and opens one identity discrepancy per pair', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const [x, y] = await ctx.p.items.createMany(
      t,
      [
        { identifiers: [{ sku: 'X' }], name: null },
        { identifiers: [{ gtin: '00000000000017' }], name: null },
      ],
      new Date().toISOString(),
    );
    const conflicting = line(1, { sku: 'X' }, { gtin: '00000000000017' }, 9);
    const report = await apply(ctx.p, t, [conflicting, { ...line(2, { sku: 'X' }, undefined, 4) }]);
    expect(report.lines[0]).toMatchObject({ status: 'rejected', error: { code: 'INVENTORY.IDENTITY_CONFLICT', field: 'gtin' } });
    expect(report.lines[0].error?.message).toContain(x);
    expect(report.lines[0].error?.message).toContain(y);
    expect(report.lines[1]).toMatchObject({ status: 'applied', itemId: x });
    await apply(ctx.p, t, [conflicting]);
    const listed = await ctx.p.identityDiscrepancies.list(t, 'open', { limit: 10, cursor: null });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ itemIds: [x, y].sort(), status: 'open', connectionId: null });
    expect(listed.items[0].claims).toEqual([
      { kind: 'sku', value: 'X', connectionId: null, itemId: x },
      { kind: 'gtin', value: '00000000000017', connectionId: null, itemId: y },
    ]);
    const id = listed.items[0].id;
    expect(await ctx.p.identityDiscrepancies.dismiss(t, id, 'different products', new Date().toISOString())).toBe(true);
    expect(await ctx.p.identityDiscrepancies.dismiss(t, id, null, new Date().toISOString())).toBe(false);
    expect(await ctx.p.identityDiscrepancies.get(t, id)).toMatchObject({ status: 'dismissed', resolution: 'different products' });
  });

  it('ends two batches creating and attaching the same identifiers at once with one item', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const other = await ctx.open();
    const lines = (n: number) => Array.from({ length: 30 }, (_, i) => line(i + 1, { sku: `C-${i}` }, { partNumber: `CP-${i}`, gtin: undefined }, n));
    const swapped = (n: number) => Array.from({ length: 30 }, (_, i) => line(i + 1, { partNumber: `CP-${i}` }, { sku: `C-${i}` }, n));
    const reports = await Promise.all([apply(ctx.p, t, lines(1)), apply(other, t, swapped(2)), apply(ctx.p, t, lines(3))]);
    expect(await ctx.p.items.count(t)).toBe(30);
    for (let i = 0; i < 30; i++) {
      const ids = new Set(reports.map((r) => r.lines[i].itemId));
      expect(ids.size).toBe(1);
    }
  });

  it('gives an identifier attached to two items at once to exactly one; the loser’s line is refused as a conflict', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const other = await ctx.open();
    const [x, y] = await ctx.p.items.createMany(
      t,
      [
        { identifiers: [{ sku: 'RX' }], name: null },
        { identifiers: [{ sku: 'RY' }], name: null },
      ],
      new Date().toISOString(),
    );
    const gtins = Array.from({ length: 20 }, (_, i) => `0000000000${String(100 + i).padStart(3, '0')}`).map((body) => `${body}${gtinCheck(body)}`);
    const [forX, forY] = await Promise.all([
      apply(
        ctx.p,
        t,
        gtins.map((gtin, i) => ({ ...line(i + 1, { sku: 'RX' }, { gtin }, 1), location: { code: `R-${i}` } })),
      ),
      apply(
        other,
        t,
        gtins.map((gtin, i) => ({ ...line(i + 1, { sku: 'RY' }, { gtin }, 2), location: { code: `R-${i}` } })),
      ),
    ]);
    const holders = await ctx.p.items.findItemIds(
      t,
      gtins.map((gtin) => ({ gtin })),
    );
    gtins.forEach((_, i) => {
      const winner = holders[i];
      expect([x, y]).toContain(winner);
      const [mine, theirs] = winner === x ? [forX, forY] : [forY, forX];
      expect(mine.lines[i].status).toBe('applied');
      expect(theirs.lines[i]).toMatchObject({ status: 'rejected', error: { code: 'INVENTORY.IDENTITY_CONFLICT' } });
    });
  });

  it('merges two items: levels, observations, identifiers and discrepancies move, verify stays clean', async () => {
    const s = await seed(ctx.p, { items: 0, locations: 2, connections: 1 });
    const t = s.tenantId;
    const [keep, absorb] = await ctx.p.items.createMany(
      t,
      [
        { identifiers: [{ sku: 'KEEP' }], name: 'keep' },
        { identifiers: [{ gtin: '00036000291452' }], name: 'absorb' },
      ],
      new Date().toISOString(),
    );
    const [l1, l2] = s.locations;
    await applyLines(ctx.p, t, [setLine(1, keep, l1.id, 5, '2026-01-01T00:00:00.000Z')], contextOf(s.connections[0].id));
    await applyLines(
      ctx.p,
      t,
      [setLine(1, absorb, l1.id, 7, '2026-01-02T00:00:00.000Z'), setLine(2, absorb, l2.id, 3, '2026-01-01T00:00:00.000Z')],
      contextOf(s.connections[0].id),
    );
    const conflict = await apply(ctx.p, t, [line(1, { sku: 'KEEP' }, { gtin: '00036000291452' }, 1)]);
    expect(conflict.lines[0].status).toBe('rejected');

    const report = await new MergeItems(ctx.p.store, ctx.p.items, clock).merge(t, keep, absorb, 'operator');
    expect(report.levelsWritten).toBe(4);
    const levels = await ctx.p.reader.levelsOfItems(t, [keep, absorb]);
    const byPlace = new Map(levels.map((l) => [`${l.itemId}@${l.locationId}`, l]));
    expect(byPlace.get(`${keep}@${l1.id}`)).toMatchObject({ present: true, figures: { onHand: 7 } });
    expect(byPlace.get(`${keep}@${l2.id}`)).toMatchObject({ present: true, figures: { onHand: 3 } });
    expect(byPlace.get(`${absorb}@${l1.id}`)?.present ?? false).toBe(false);
    expect(await ctx.p.reader.observationsOfItem(t, absorb)).toEqual([]);
    expect((await ctx.p.reader.observationsOfItem(t, keep)).length).toBeGreaterThan(0);
    expect(await ctx.p.items.findItemIds(t, [{ gtin: '00036000291452' }, { itemId: absorb }])).toEqual([keep, keep]);
    expect(await ctx.p.items.get(t, absorb)).toBeNull();
    expect(await ctx.p.items.count(t)).toBe(1);
    const discrepancies = await ctx.p.identityDiscrepancies.list(t, null, { limit: 10, cursor: null });
    expect(discrepancies.items.map((d) => d.status)).toEqual(['merged']);
    const ledger = await ctx.p.reader.listLedger(t, { itemId: absorb }, { limit: 50, cursor: null });
    expect(ledger.items.filter((e) => e.cause === 'merge')).toHaveLength(2);

    const verification = await new VerifyLedger(ctx.p.reader, ctx.p.store, clock).verify(t, { repair: false, actor: 'test' });
    expect(verification.drifts).toEqual([]);
  });

  it('keeps answering for a merged item id in lines', async () => {
    const t = (await seed(ctx.p, { items: 0, locations: 0 })).tenantId;
    const [a, b] = await ctx.p.items.createMany(
      t,
      [
        { identifiers: [{ sku: 'M1' }], name: null },
        { identifiers: [{ sku: 'M2' }], name: null },
      ],
      new Date().toISOString(),
    );
    await new MergeItems(ctx.p.store, ctx.p.items, clock).merge(t, a, b, 'operator');
    const report = await apply(ctx.p, t, [line(1, { itemId: b }, undefined, 2), line(2, { sku: 'M2' }, undefined, 3)]);
    expect(report.lines.map((l) => l.itemId)).toEqual([a, a]);
  });
});

describe.each(DATABASE_KINDS)('upgrading a %s database to item_identifiers', (kind) => {
  it('moves every sku, gtin, part number and external id of existing items without loss', async () => {
    const db = await createTestDatabase(kind);
    const old = await createPersistence(db.url, { migrate: false });
    try {
      const before = MIGRATIONS.findIndex((m) => m.name.endsWith('_item_identifiers'));
      await old.orm.getMigrator<Migrator>().up({ to: MIGRATIONS[before - 1].name });
      const sql = old.orm.em.getConnection();
      const at = '2026-01-01T00:00:00.000Z';
      await sql.execute(`insert into tenants (id, name, created_at) values ('t1', 'old', '${at}')`);
      await sql.execute(
        `insert into connections (id, tenant_id, dialect, name, settings, credential_id, secret_hash, status, created_at)
         values ('c1', 't1', 'comestri', 'old', '{"unknownItemPolicy":"create","defaultLocationCode":null,"priority":0,"options":{}}', 'cred-old', 'h', 'active', '${at}')`,
      );
      await sql.execute(
        `insert into items (id, tenant_id, sku, gtin, part_number, name, created_at) values
         ('i1', 't1', 'SKU-1', '00036000291452', 'PN-1', 'one', '${at}'),
         ('i2', 't1', 'SKU-2', null, null, null, '${at}'),
         ('i3', 't1', null, null, null, 'only external', '${at}')`,
      );
      await sql.execute(
        `insert into item_external_ids (tenant_id, connection_id, external_id, item_id) values ('t1', 'c1', '42', 'i3'), ('t1', 'c1', '43', 'i1')`,
      );
      await sql.execute(
        `insert into locations (id, tenant_id, code, name, kind, policy, source_connection_id, created_at) values ('l1', 't1', 'WH', null, 'warehouse', 'single-source', null, '${at}')`,
      );
      expect(await migrateDatabase(old.orm)).toEqual(MIGRATIONS.slice(before).map((m) => m.name));
      await old.close();

      const p = await createPersistence(db.url);
      try {
        expect(
          await p.items.findItemIds('t1', [
            { sku: 'SKU-1' },
            { gtin: '00036000291452' },
            { partNumber: 'PN-1' },
            { external: { connectionId: 'c1', externalId: '43' } },
          ]),
        ).toEqual(['i1', 'i1', 'i1', 'i1']);
        expect(await p.items.findItemIds('t1', [{ sku: 'SKU-2' }, { external: { connectionId: 'c1', externalId: '42' } }])).toEqual(['i2', 'i3']);
        expect(await p.items.get('t1', 'i1')).toMatchObject({ sku: 'SKU-1', gtin: '00036000291452', partNumber: 'PN-1', name: 'one' });
        expect((await p.items.get('t1', 'i1'))?.identifiers).toHaveLength(4);
        expect(await p.items.get('t1', 'i3')).toMatchObject({
          sku: null,
          name: 'only external',
          identifiers: [{ kind: 'external', value: '42', connectionId: 'c1' }],
        });
        expect(await p.items.count('t1')).toBe(3);
      } finally {
        await p.close();
      }
    } finally {
      await db.drop();
    }
  });
});
