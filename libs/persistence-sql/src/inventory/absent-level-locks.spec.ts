import { levelKeyString, type StockLevel } from '@tally/inventory-domain';
import { Client } from 'pg';
import { adjustLine, applyLines, openTestContext, seed, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

// PostgreSQL only: SQLite has one writer at a time, and its write transactions lock nothing per row.
describe('absent levels on PostgreSQL (ADR 0028)', () => {
  let ctx: TestContext;
  let f: Fixture;
  let sql: Client;
  beforeAll(async () => {
    ctx = await openTestContext('postgresql');
    f = await seed(ctx.p, { items: 3, locations: 1 });
    sql = new Client({ connectionString: ctx.db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await ctx?.dispose();
  });

  const rowsOf = async (itemId: string): Promise<number> =>
    Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM stock_levels WHERE item_id = $1', [itemId])).rows[0].n);

  it('locks an absent level without writing a row for it', async () => {
    const key = { itemId: f.items[0].id, locationId: f.locations[0].id };
    const state = await ctx.p.store.inWriteTransaction(f.tenantId, (tx) => tx.loadBatchState([key]));
    expect(state.levels.size).toBe(0);
    expect(await rowsOf(key.itemId)).toBe(0);
  });

  it('makes a second writer of an absent level wait for the first, then build on its level without a retry', async () => {
    const key = { itemId: f.items[1].id, locationId: f.locations[0].id };
    const second = await ctx.open();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let firstHoldsLock!: () => void;
    const firstLocked = new Promise<void>((resolve) => (firstHoldsLock = resolve));
    const first = applyLines(ctx.p, f.tenantId, [adjustLine(1, key.itemId, key.locationId, 5)], undefined, async () => {
      firstHoldsLock();
      await released;
    });
    await firstLocked;

    let attempts = 0;
    const later = second.store.inWriteTransaction(f.tenantId, async (tx) => {
      attempts += 1;
      return tx.loadBatchState([key]);
    });
    // The second writer waits on the first one's advisory lock of the absent level.
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
    const state = await later;
    expect(attempts).toBe(1);
    expect(state.levels.get(levelKeyString(key)) as StockLevel).toMatchObject({ present: true, version: 1, figures: { onHand: 5 } });
    expect(await rowsOf(key.itemId)).toBe(1);
  });
});
