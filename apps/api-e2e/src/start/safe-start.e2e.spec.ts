import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { POSTGRES_ADMIN_URL, client, runToExit, startServer, type RunningServer, type TestDatabase } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';

// The exit codes README's "Starting and stopping" documents (ADR 0051).
const EXIT = { settings: 1, databaseUnreachable: 3, databaseMissing: 4, migrationFailed: 5, cannotListen: 6 };

async function admin<T>(database: string, work: (pg: PgClient) => Promise<T>): Promise<T> {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  const pg = new PgClient({ connectionString: url.toString() });
  await pg.connect();
  try {
    return await work(pg);
  } finally {
    await pg.end();
  }
}

const databaseNameOf = (database: TestDatabase): string => new URL(database.url).pathname.slice(1);

const databaseExists = (name: string): Promise<boolean> =>
  admin('postgres', async (pg) => (await pg.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);

/** A PostgreSQL URL naming a database nobody created, with a password that must never be printed. */
function typoUrl(): { url: string; name: string; password: string } {
  const name = `tally_e2e_typo_${randomBytes(6).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const url = new URL(POSTGRES_ADMIN_URL);
  url.password = password;
  url.pathname = `/${name}`;
  return { url: url.toString(), name, password };
}

const dropIfCreated = (name: string): Promise<unknown> => admin('postgres', (pg) => pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

/** A port of 127.0.0.1 another process already listens on. */
async function takenPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, server };
}

describe('safe start on PostgreSQL', () => {
  const fleet = new Fleet();
  afterEach(() => fleet.release());

  it('two processes started together on a fresh database both come up; the migrations ran once and one tenant was created', async () => {
    const database = await fleet.database('postgres');
    const env = { DATABASE_URL: database.url };
    const servers: RunningServer[] = await Promise.all([startServer({ env }), startServer({ env })]);
    fleet.servers.push(...servers);

    const counts = await admin(databaseNameOf(database), (pg) =>
      pg.query<{ name: string; n: string }>('SELECT name, count(*) AS n FROM mikro_orm_migrations GROUP BY name'),
    );
    expect(counts.rows.length).toBeGreaterThan(10);
    expect(counts.rows.filter((row) => row.n !== '1')).toEqual([]);
    const tenants = await admin(databaseNameOf(database), (pg) => pg.query('SELECT id FROM tenants'));
    expect(tenants.rowCount).toBe(1);

    // The first start is one of the two: it alone printed the key, and the key works on both.
    const keys = servers.map((server) => server.printedAdminKey()).filter((key) => key !== undefined);
    expect(keys).toHaveLength(1);
    for (const server of servers) expect((await client(server.baseUrl, keys[0])('GET', '/api/v1/api-keys')).status).toBe(200);
  });

  it('refuses a database that does not exist with its exit code, names it and never the password, and creates nothing', async () => {
    const typo = typoUrl();
    try {
      const run = await runToExit({ env: { DATABASE_URL: typo.url } });
      expect(run.code).toBe(EXIT.databaseMissing);
      expect(run.stderr).toContain(`PostgreSQL database "${typo.name}" does not exist`);
      expect(run.stderr).toContain('DATABASE_CREATE=on');
      expect(`${run.stdout}${run.stderr}`).not.toContain(typo.password);
      expect(await databaseExists(typo.name)).toBe(false);
    } finally {
      await dropIfCreated(typo.name);
    }
  });

  it.each([
    ['DATABASE_CREATE=on', { DATABASE_CREATE: 'on' }, []],
    ['--create-database', {}, ['--create-database']],
  ])('creates the database when asked with %s, then migrates it and prints the key', async (_how, env: Record<string, string>, args: string[]) => {
    const typo = typoUrl();
    try {
      const server = await startServer({ env: { DATABASE_URL: typo.url, ...env }, args });
      fleet.servers.push(server);
      expect(await databaseExists(typo.name)).toBe(true);
      expect((await client(server.baseUrl, server.printedAdminKey() ?? 'none')('GET', '/api/v1/api-keys')).status).toBe(200);
    } finally {
      await fleet.release();
      await dropIfCreated(typo.name);
    }
  });

  it('a migration that fails ends the start with its own exit code', async () => {
    const database = await fleet.database('postgres');
    // A table in the way of the first migration.
    await admin(databaseNameOf(database), (pg) => pg.query('CREATE TABLE tenants (id integer)'));
    const run = await runToExit({ env: { DATABASE_URL: database.url } });
    expect(run.code).toBe(EXIT.migrationFailed);
    expect(run.stderr).toContain('DATABASE.MIGRATION_FAILED');
    expect(run.stderr).toContain(`"${databaseNameOf(database)}"`);
  });

  it('a server that cannot be reached ends the start with its own exit code', async () => {
    const { port, server } = await takenPort();
    // Something listens there, but it is no PostgreSQL: it closes every connection at once.
    server.on('connection', (socket) => socket.destroy());
    try {
      const run = await runToExit({ env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/tally` } });
      expect(run.code).toBe(EXIT.databaseUnreachable);
      expect(run.stderr).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port}`);
    } finally {
      server.close();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('a first start that cannot listen, on %s', (kind) => {
  const fleet = new Fleet();
  afterAll(() => fleet.release());

  it('exits with its code and prints no key; the next start on a free port prints the key, which works, and the console URL', async () => {
    const database = await fleet.database(kind);
    const { port, server } = await takenPort();
    try {
      const failed = await runToExit({ env: { DATABASE_URL: database.url, PORT: String(port) } });
      expect(failed.code).toBe(EXIT.cannotListen);
      expect(failed.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
      expect(failed.stdout).not.toContain('Admin API key');
    } finally {
      server.close();
    }
    const next = await startServer({ env: { DATABASE_URL: database.url } });
    fleet.servers.push(next);
    const key = next.printedAdminKey() ?? 'no key printed';
    expect(key).toMatch(/^tly_/);
    expect(next.output()).toContain(`Console: ${next.baseUrl}/admin`);
    expect(next.output()).toContain(`Sign in to the console at ${next.baseUrl}/admin`);
    expect((await client(next.baseUrl, key)('GET', '/api/v1/api-keys')).status).toBe(200);
  });

  it('a metrics port in use ends the start with the same code, naming METRICS_PORT, and spends no key', async () => {
    const database = await fleet.database(kind);
    const { port, server } = await takenPort();
    try {
      const failed = await runToExit({ env: { DATABASE_URL: database.url, METRICS_PORT: String(port) } });
      expect(failed.code).toBe(EXIT.cannotListen);
      expect(failed.stderr).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
      expect(failed.stderr).toContain('set METRICS_PORT (or METRICS_HOST)');
      expect(failed.stdout).not.toContain('Admin API key');
    } finally {
      server.close();
    }
    const next = await startServer({ env: { DATABASE_URL: database.url } });
    fleet.servers.push(next);
    expect(next.printedAdminKey() ?? 'no key printed').toMatch(/^tly_/);
  });
});

describe('a SQLite file that cannot be opened', () => {
  it('ends the start with the unreachable exit code, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
    try {
      // Its folder would have to be inside a plain file.
      writeFileSync(join(dir, 'plain-file'), '');
      const file = join(dir, 'plain-file', 'tally.db');
      const run = await runToExit({ env: { DATABASE_URL: `sqlite:${file}` } });
      expect(run.code).toBe(EXIT.databaseUnreachable);
      expect(run.stderr).toContain(`cannot open SQLite file ${file}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings', () => {
  it('refuses DATABASE_CREATE other than on or off with the settings exit code', async () => {
    const run = await runToExit({ env: { DATABASE_CREATE: 'yes' } });
    expect(run.code).toBe(EXIT.settings);
    expect(run.stderr).toContain('DATABASE_CREATE must be on or off');
  });
});
