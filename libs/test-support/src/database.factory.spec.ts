import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { createDatabase, POSTGRES_ADMIN_URL } from './database.factory';

async function databaseExists(name: string): Promise<boolean> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('createDatabase', () => {
  it('makes a SQLite file path in a new temporary folder and removes the folder on drop', async () => {
    const database = await createDatabase('sqlite', { prefix: 'tally_factory' });
    expect(database.url).toBe(`sqlite:${database.file}`);
    expect(dirname(database.file)).toMatch(/tally-factory-[^/]+$/);
    writeFileSync(database.file, '');
    await database.drop();
    expect(existsSync(dirname(database.file))).toBe(false);
  });

  it('creates a PostgreSQL database with a unique name that answers queries, and drops it with its connections', async () => {
    const [first, second] = [await createDatabase('postgres', { prefix: 'tally_factory' }), await createDatabase('postgres', { prefix: 'tally_factory' })];
    const name = new URL(first.url).pathname.slice(1);
    expect(name).toMatch(/^tally_factory_[0-9a-f]{12}$/);
    expect(second.url).not.toBe(first.url);
    const open = new Client({ connectionString: first.url });
    await open.connect();
    expect((await open.query('SELECT current_database() AS name')).rows[0].name).toBe(name);
    open.on('error', () => undefined); // the drop ends this connection
    await Promise.all([first.drop(), second.drop()]);
    expect(await databaseExists(name)).toBe(false);
    await open.end().catch(() => undefined);
  });

  it('creates through a server URL without a database part', async () => {
    const server = new URL(POSTGRES_ADMIN_URL);
    server.pathname = '';
    const database = await createDatabase('postgres', { postgresUrl: server.toString().replace(/\/$/, '') });
    try {
      expect(await databaseExists(new URL(database.url).pathname.slice(1))).toBe(true);
    } finally {
      await database.drop();
    }
  });

  it('refuses a prefix that is not a plain SQL name', async () => {
    await expect(createDatabase('postgres', { prefix: 'x; DROP DATABASE postgres' })).rejects.toThrow(/must be lower-case letters/);
  });
});
