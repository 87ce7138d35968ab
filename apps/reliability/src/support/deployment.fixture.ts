import { client, createDatabase, createTenant, newAdminKey, unique, type Client, type TestDatabase } from '@tally/test-support';
import { recordSecret } from './run-dir';
import { startServer, type RunningServer, type ServerOptions } from './server.process';

export { unique };

/** A database with API processes on it, all started with one admin key. */
export interface Deployment {
  readonly kind: 'sqlite' | 'postgres';
  readonly database: TestDatabase;
  readonly adminKey: string;
  readonly servers: RunningServer[];
  /** The first tenant's admin client on server `n`. */
  admin(n?: number): Client;
  /** Starts one more process on the same database (e.g. after a crash). */
  addServer(extraEnv?: Record<string, string>): Promise<RunningServer>;
  /** Stops every process and drops the database. */
  close(): Promise<void>;
}

/** A fresh database of `kind` with `processes` API processes on it (started one after the other). */
export async function deploy(
  name: string,
  kind: 'sqlite' | 'postgres',
  processes = 1,
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<Deployment> {
  const database = await createDatabase(kind, { prefix: 'tally_rel' });
  const adminKey = newAdminKey('tly_rel');
  recordSecret(adminKey);
  const servers: RunningServer[] = [];
  const addServer = async (extraEnv: Record<string, string> = {}) => {
    const server = await startServer(`${name}-${kind}`, { DATABASE_URL: database.url, TALLY_ADMIN_KEY: adminKey, ...env, ...extraEnv }, options);
    servers.push(server);
    return server;
  };
  try {
    for (let i = 0; i < processes; i++) await addServer();
  } catch (error) {
    await Promise.allSettled(servers.map((s) => s.kill()));
    await database.drop();
    throw error;
  }
  return {
    kind,
    database,
    adminKey,
    servers,
    admin: (n = 0) => client(servers[n].baseUrl, adminKey),
    addServer,
    close: async () => {
      await Promise.allSettled(servers.map((s) => s.stop()));
      await database.drop();
    },
  };
}

/** A second, fully separate tenant with its own admin key. */
export async function freshTenant(deployment: Deployment): Promise<{ tenantId: string; adminKey: string; admin: Client }> {
  const { tenantId, adminKey } = await createTenant(deployment.admin());
  recordSecret(adminKey);
  return { tenantId, adminKey, admin: client(deployment.servers[0].baseUrl, adminKey) };
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, runner));
}

/** Every page of a canonical list. */
export async function listAll<T>(admin: Client, path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await admin('GET', `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    all.push(...(answer.body.items as T[]));
    cursor = answer.body.nextCursor;
  } while (cursor);
  return all;
}
