import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MIGRATIONS, migrateDatabase } from './migrations/migrate-database';
import { createPersistence, parseDatabaseUrl, SQLITE_CACHE_KIB } from './persistence.factory';
import { DATABASE_KINDS, createTestDatabase, openTestContext, seed, type TestContext } from './persistence-test.spec-helper';
import { SQLITE_BUSY_TIMEOUT_MS } from './sql/sql-gate';
import { DatabaseStartError, DatabaseStartErrorCodes } from './sql/database-start.error';
import { postgresPlaceOf } from './sql/postgres-database.preflight';
import { Client } from 'pg';
import { POSTGRES_ADMIN_URL } from '@tally/test-support';

jest.setTimeout(60_000);

const TABLES = [
  'tenants',
  'api_keys',
  'connections',
  'items',
  'item_identifiers',
  'identity_discrepancies',
  'locations',
  'stock_levels',
  'observations',
  'ledger_entries',
  'discrepancies',
  'idempotency_records',
];

describe('parseDatabaseUrl', () => {
  it('reads SQLite file URLs relative to the working directory', () => {
    expect(parseDatabaseUrl('sqlite:./data/tally.db')).toEqual({ kind: 'sqlite', file: resolve('data/tally.db') });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('reads PostgreSQL URLs in both spellings', () => {
    expect(parseDatabaseUrl('postgres://u@h:5432/db').kind).toBe('postgresql');
    expect(parseDatabaseUrl('postgresql://u@h:5432/db').kind).toBe('postgresql');
  });

  it('refuses other schemes without repeating the URL', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@x/db')).toThrow(/^(?!.*hunter2)/);
  });
});

describe.each(DATABASE_KINDS)('createPersistence on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it('creates every table (and the SQLite file’s folder)', async () => {
    const target = parseDatabaseUrl(ctx.db.url);
    if (target.kind === 'sqlite') expect(existsSync(target.file)).toBe(true);
    const knex = ctx.p.orm.em.getConnection().getKnex();
    for (const table of TABLES) expect(await knex.schema.hasTable(table)).toBe(true);
  });

  it('runs migrations idempotently: a second run, or a second process, applies nothing', async () => {
    expect(await migrateDatabase(ctx.p.orm)).toEqual([]);
    const again = await ctx.open();
    expect(await migrateDatabase(again.orm)).toEqual([]);
    const executed = await ctx.p.orm.em.getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations');
    expect(executed.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('answers health with the database kind', async () => {
    expect(await ctx.p.health()).toEqual({ database: kind, ok: true });
  });
});

describe('createPersistence on SQLite', () => {
  it('sets WAL, synchronous=NORMAL, a busy timeout, foreign keys and the page cache size on its connection', async () => {
    const ctx = await openTestContext('sqlite');
    try {
      const rows = async (sql: string) => ctx.p.orm.em.getConnection().execute(sql);
      expect(await rows('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await rows('pragma synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await rows('pragma busy_timeout')).toEqual([{ timeout: SQLITE_BUSY_TIMEOUT_MS }]);
      expect(await rows('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await rows('pragma cache_size')).toEqual([{ cache_size: -SQLITE_CACHE_KIB }]);
    } finally {
      await ctx.dispose();
    }
  });

  it('restores the busy timeout after a write transaction, which waits for the lock without it', async () => {
    const ctx = await openTestContext('sqlite');
    try {
      await seed(ctx.p, { items: 2, locations: 1 });
      expect(await ctx.p.orm.em.getConnection().execute('pragma busy_timeout')).toEqual([{ timeout: SQLITE_BUSY_TIMEOUT_MS }]);
    } finally {
      await ctx.dispose();
    }
  });

  it('creates a new database file readable by its owner only, in a folder of its own only, and its WAL likewise', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tally-perms-'));
    const file = join(root, 'data', 'tally.sqlite');
    const p = await createPersistence(`sqlite:${file}`);
    try {
      await seed(p, { items: 1, locations: 1 });
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(join(root, 'data'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      await p.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('answers health ok: false, without throwing, once the database is gone', async () => {
    const p = await createPersistence('sqlite::memory:');
    await p.close();
    expect(await p.health()).toMatchObject({ database: 'sqlite', ok: false });
  });

  it('runs in memory with sqlite::memory:', async () => {
    const p = await createPersistence('sqlite::memory:');
    try {
      await p.tenants.create({ id: 't1', name: 'memory', createdAt: '2026-01-01T00:00:00.000Z' });
      expect(await p.tenants.count()).toBe(1);
      expect(await p.health()).toEqual({ database: 'sqlite', ok: true });
    } finally {
      await p.close();
    }
  });
});

describe('createPersistence without migrations', () => {
  it.each(DATABASE_KINDS)('leaves a fresh %s database empty until migrated', async (kind) => {
    const db = await createTestDatabase(kind);
    const p = await createPersistence(db.url, { migrate: false });
    try {
      expect(await p.orm.em.getConnection().getKnex().schema.hasTable('stock_levels')).toBe(false);
      expect(await migrateDatabase(p.orm)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await p.orm.em.getConnection().getKnex().schema.hasTable('stock_levels')).toBe(true);
    } finally {
      await p.close();
      await db.drop();
    }
  });
});

describe('createPersistence on a PostgreSQL database that does not exist', () => {
  const missingUrl = (): { url: string; name: string } => {
    const name = `tally_test_missing_${randomBytes(6).toString('hex')}`;
    const url = new URL(POSTGRES_ADMIN_URL);
    url.password = 'never-shown';
    url.pathname = `/${name}`;
    return { url: url.toString(), name };
  };
  const exists = async (name: string): Promise<boolean> => {
    const pg = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await pg.connect();
    try {
      return (await pg.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    } finally {
      await pg.end();
    }
  };
  const drop = async (name: string): Promise<void> => {
    const pg = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await pg.connect();
    await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => pg.end());
  };

  it('refuses it by default with DATABASE.MISSING, naming it and not the password, and creates nothing', async () => {
    const { url, name } = missingUrl();
    try {
      const error = await createPersistence(url).then(
        (p) => p.close().then(() => null),
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(DatabaseStartError);
      expect((error as DatabaseStartError).code).toBe(DatabaseStartErrorCodes.missing);
      expect((error as Error).message).toBe(`PostgreSQL database "${name}" does not exist on ${postgresPlaceOf(url).server}`);
      expect((error as Error).message).not.toContain('never-shown');
      expect(await exists(name)).toBe(false);
    } finally {
      await drop(name);
    }
  });

  it('creates and migrates it with createDatabase, once when two open it at once', async () => {
    const { url, name } = missingUrl();
    try {
      const opened = await Promise.all([createPersistence(url, { createDatabase: true }), createPersistence(url, { createDatabase: true })]);
      await Promise.all(opened.map((p) => p.close()));
      expect(await exists(name)).toBe(true);
    } finally {
      await drop(name);
    }
  });
});
