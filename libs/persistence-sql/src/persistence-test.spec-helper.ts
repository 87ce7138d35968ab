import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Channel, Connection, InventoryWriteTransaction, Item, Location } from '@tally/inventory-application';
import { NO_CHANNEL_RULES, reconcileBatch, type BatchOutcome, type StockLine, type WriteContext } from '@tally/inventory-domain';
import { createPersistence, type Persistence, type PersistenceOptions } from './persistence.factory';
import type { DatabaseKind } from './sql/sql-session';
import { createDatabase } from '@tally/test-support';

/** Both databases every integration suite runs against. */
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgresql'];

/** PostgreSQL server of the tests; each run creates and drops its own database there. */
const PG_SERVER = process.env['TALLY_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

/** A database made for one suite: a temp SQLite file or a fresh PostgreSQL database. */
export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database of the given kind. The SQLite file sits in a folder that does not
 * exist yet, so every suite also proves that opening the database creates its folder.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const db = await createDatabase(kind === 'sqlite' ? 'sqlite' : 'postgres', { prefix: 'tally_test', postgresUrl: `${PG_SERVER}/postgres` });
  const url = kind === 'sqlite' ? `sqlite:${join(dirname(db.file), 'nested', 'tally.db')}` : db.url;
  return { kind, url, drop: () => db.drop() };
}

/** A suite's database and its opened persistence, closed and dropped by {@link TestContext.dispose}. */
export interface TestContext {
  readonly db: TestDatabase;
  readonly p: Persistence;
  open(options?: PersistenceOptions): Promise<Persistence>;
  dispose(): Promise<void>;
}

/** Creates a database and opens (and migrates) it. */
export async function openTestContext(kind: DatabaseKind): Promise<TestContext> {
  const db = await createTestDatabase(kind);
  const opened: Persistence[] = [];
  const open = async (options?: PersistenceOptions) => {
    const p = await createPersistence(db.url, options);
    opened.push(p);
    return p;
  };
  const p = await open();
  return {
    db,
    p,
    open,
    async dispose() {
      for (const each of opened) await each.close();
      await db.drop();
    },
  };
}

/** A tenant with connections, items and locations, created through the repositories. */
export interface Fixture {
  readonly tenantId: string;
  readonly connections: Connection[];
  readonly items: Item[];
  readonly locations: Location[];
}

/** Seeds a tenant with `items` items, `locations` locations and `connections` connections. */
export async function seed(p: Persistence, counts: { items: number; locations: number; connections?: number }): Promise<Fixture> {
  const tenantId = randomUUID();
  const at = '2026-01-01T00:00:00.000Z';
  await p.tenants.create({ id: tenantId, name: `tenant ${tenantId}`, createdAt: at });
  const connections: Connection[] = [];
  for (let i = 0; i < (counts.connections ?? 0); i++) {
    const connection: Connection = {
      id: randomUUID(),
      tenantId,
      dialect: 'canonical',
      name: `connection ${i}`,
      settings: { unknownItemPolicy: 'create', defaultLocationCode: null, priority: i, options: {} },
      credentialId: `cred-${randomUUID()}`,
      secretHash: 'hash',
      status: 'active',
      createdAt: at,
      rotatedAt: null,
      revokedAt: null,
    };
    await p.connections.create(connection);
    connections.push(connection);
  }
  const skus = Array.from({ length: counts.items }, (_, i) => ({ sku: `SKU-${i}` }));
  await p.items.createMany(
    tenantId,
    skus.map((ref, i) => ({ identifiers: [ref], name: `Item ${i}` })),
    at,
  );
  const items = (await p.items.findMany(tenantId, skus)).map((lookup) => (lookup as { item: Item }).item);
  const locations = await p.locations.ensureMany(
    tenantId,
    Array.from({ length: counts.locations }, (_, i) => `LOC-${i}`),
    'warehouse',
    at,
  );
  return { tenantId, connections, items, locations };
}

/** A write context of a direct (API) write, or of a connection's report. */
export function contextOf(connectionId: string | null = null, recordedAt = new Date().toISOString()): WriteContext {
  return { connectionId, actor: connectionId ? `connection:${connectionId}` : 'api-key:test', reference: null, recordedAt };
}

/** The application's write path: load, reconcile in the domain, save; in one transaction. */
export async function applyLines(
  p: Persistence,
  tenantId: string,
  lines: StockLine[],
  context: WriteContext = contextOf(),
  inside?: (tx: InventoryWriteTransaction) => Promise<void>,
): Promise<BatchOutcome> {
  return p.store.inWriteTransaction(tenantId, async (tx) => {
    const state = await tx.loadBatchState(lines);
    const outcome = reconcileBatch(state, lines, context, randomUUID);
    await tx.saveOutcome(outcome, context);
    if (inside) await inside(tx);
    return outcome;
  });
}

/** A line setting on hand. */
export const setLine = (lineNo: number, itemId: string, locationId: string, onHand: number, sourceTimestamp: string | null = null): StockLine => ({
  lineNo,
  itemId,
  locationId,
  write: { kind: 'set', patch: { onHand } },
  sourceTimestamp,
});

/** A line adding `delta` to on hand. */
export const adjustLine = (lineNo: number, itemId: string, locationId: string, delta: number): StockLine => ({
  lineNo,
  itemId,
  locationId,
  write: { kind: 'adjust', delta, figure: 'on_hand', allowNegative: false },
  sourceTimestamp: null,
});

/** An active webhook channel of the tenant, identifying items by SKU, created at `createdAt`. */
export const webhookChannel = (tenantId: string, name: string, createdAt: string): Channel => ({
  id: randomUUID(),
  tenantId,
  name,
  dialect: 'webhook',
  status: 'active',
  baseUrl: 'http://127.0.0.1:9/hook',
  locationIds: null,
  rules: NO_CHANNEL_RULES,
  identifier: { kind: 'sku', connectionId: null },
  settings: {},
  events: [],
  sealedCredentials: 'sealed',
  createdAt,
  updatedAt: createdAt,
});
