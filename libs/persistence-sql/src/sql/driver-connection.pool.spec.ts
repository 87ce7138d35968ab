import { openTestContext, type TestContext } from '../persistence-test.spec-helper';
import { DriverConnectionPool } from './driver-connection.pool';

// The seam below MikroORM's public API (ADR 0036): these fail if a MikroORM or knex upgrade
// changes what the pool lends or how it takes connections back.
jest.setTimeout(60_000);

describe('driver connection pool on sqlite', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext('sqlite');
  });
  afterAll(() => ctx?.dispose());

  it("lends the better-sqlite3 connection the entity manager uses, configured by the pool's afterCreate", async () => {
    const pool = DriverConnectionPool.of(ctx.p.orm);
    const [journal] = await pool.withSqlite(async (db) => {
      expect(typeof db.prepare).toBe('function');
      expect(db.inTransaction).toBe(false);
      db.exec('CREATE TEMP TABLE seam_probe (n INTEGER)');
      db.prepare('INSERT INTO seam_probe VALUES (?)').run(7);
      return db.pragma('journal_mode') as { journal_mode: string }[];
    });
    expect(journal.journal_mode).toBe('wal');
    // A temp table lives on its connection: MikroORM's own queries see it on the one connection.
    expect(await ctx.p.orm.em.getConnection().execute('SELECT n FROM seam_probe')).toEqual([{ n: 7 }]);
  });

  it('counts the connections it lends and the callers waiting for one', async () => {
    const pool = DriverConnectionPool.of(ctx.p.orm);
    let release = () => undefined as void;
    const held = pool.withSqlite(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = pool.withSqlite(async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.figures()).toEqual({ used: 1, waiting: 1 });
    release();
    await Promise.all([held, waiting]);
    expect(pool.figures()).toEqual({ used: 0, waiting: 0 });
  });

  it('gives the connection back even when the work throws', async () => {
    const pool = DriverConnectionPool.of(ctx.p.orm);
    await expect(pool.withSqlite(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    // One connection in the pool: a leaked one would make this wait forever.
    expect(await pool.withSqlite(async (db) => db.prepare('SELECT 1 AS one').get())).toEqual({ one: 1 });
  });
});

describe('driver connection pool on postgresql', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext('postgresql');
  });
  afterAll(() => ctx?.dispose());

  const backendOf = async (pool: DriverConnectionPool) =>
    pool.withPostgres(async (client) => (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number);

  it('pins one node-postgres connection for the whole work, and lends concurrent work other connections', async () => {
    const pool = DriverConnectionPool.of(ctx.p.orm);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = pool.withPostgres(async (client) => {
      const before = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      await held;
      const after = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      return [before, after];
    });
    const other = await backendOf(pool);
    release();
    const [before, after] = await first;
    expect(after).toBe(before);
    expect(other).not.toBe(before);
  });

  it('drops a discarded connection instead of lending it again, and keeps serving', async () => {
    const pool = DriverConnectionPool.of(ctx.p.orm);
    const discarded = await pool.withPostgres(async (client) => {
      const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      await DriverConnectionPool.discard(client);
      return pid;
    });
    const lent = await Promise.all(Array.from({ length: 4 }, () => backendOf(pool)));
    expect(lent).not.toContain(discarded);
    expect((await ctx.p.health()).ok).toBe(true);
  });
});
