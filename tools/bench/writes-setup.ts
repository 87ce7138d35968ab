/**
 * Set-up of `npm run bench:writes`, through the canonical API as any client would: the vendor
 * connections and their credentials, the items, the levels the update streams need, and the
 * raw baseline's places. Also the database reads of the run: ledger counts and the raw places' ids.
 */
import Database from 'better-sqlite3';
import { Client as PgClient } from 'pg';
import { client, cruxToken, expectStatus, type RunningServer } from '@tally/test-support';
import type { BenchDatabase } from './bench-database';
import { startApi, UNLIMITED_TENANT_RATE } from './push-servers';
import type { RawPlaces } from './writes-raw.bench';
import { LOCATIONS, skuOf, variantOf, type SeedPlan, type WriteRoute, type WritesFixture } from './writes-routes';

/** Lines per seeding batch (the servers run with BATCH_MAX_LINES at least this). */
const SEED_CHUNK = 5000;
const RAW_FRESH_LOCATIONS = 10;

/** Starts `count` API processes on one database, the first alone (it migrates). */
export async function startTallies(db: BenchDatabase, adminKey: string, count: number): Promise<RunningServer[]> {
  const env = { DATABASE_URL: db.url, TALLY_ADMIN_KEY: adminKey, BATCH_MAX_LINES: String(SEED_CHUNK), BODY_LIMIT: '4mb', ...UNLIMITED_TENANT_RATE };
  const servers = [await startApi(env)];
  const others = await Promise.allSettled(Array.from({ length: count - 1 }, () => startApi(env)));
  for (const started of others) if (started.status === 'fulfilled') servers.push(started.value);
  const failed = others.find((o) => o.status === 'rejected');
  if (failed) {
    for (const server of servers) await server.stop('SIGKILL');
    throw (failed as PromiseRejectedResult).reason;
  }
  return servers;
}

// The answers of the set-up calls are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(url: string, key: string, path: string, json: unknown): Promise<any> {
  return expectStatus(await client(url, key)('POST', path, { json }), path);
}

/** Seeds a plan's places with on hand 0 through `/stock-levels/batch`; answers the ledger entries it made. */
export async function seed(url: string, fixture: WritesFixture, plan: SeedPlan): Promise<number> {
  let applied = 0;
  const ownerId = plan.connection === 'marketplacer-owner' ? fixture.marketplacerOwnerId : undefined;
  for (let from = 0; from < plan.places.length; from += SEED_CHUNK) {
    const lines = plan.places.slice(from, from + SEED_CHUNK).map((p) => ({
      op: 'set',
      item: ownerId ? { ...p.item, connectionId: ownerId } : p.item,
      location: { code: p.code },
      onHand: 0,
    }));
    const report = await post(url, fixture.adminKey, '/api/v1/stock-levels/batch', {
      createLocationsAs: plan.kind,
      ...(ownerId ? { connectionId: ownerId } : {}),
      lines,
    });
    if (report.counts.rejected || report.counts.conflict)
      throw new Error(
        `seeding refused lines: ${JSON.stringify(report.lines.find((l: { status: string }) => l.status === 'rejected' || l.status === 'conflict'))}`,
      );
    applied += report.counts.applied;
  }
  return applied;
}

/**
 * Creates the connections (Crux, Comestri, RetailOPS, and a Marketplacer multi-store of an
 * owner and `members` members), the items (by SKU, with the owner's variant ids), the levels
 * of the routes' update streams and, with `raw`, the baseline's places.
 */
export async function setUp(
  url: string,
  adminKey: string,
  routes: readonly WriteRoute[],
  sizes: { items: number; members: number; raw: boolean },
): Promise<WritesFixture> {
  const connection = async (dialect: string, settings: Record<string, unknown>) => {
    const created = await post(url, adminKey, '/api/v1/connections', {
      dialect,
      name: `bench ${dialect}`,
      settings: { unknownItemPolicy: 'reject', ...settings },
    });
    return { id: created.connection.id as string, ...(created.credentials as { credentialId: string; secret: string; token: string }) };
  };
  const crux = await connection('crux', { defaultLocationCode: LOCATIONS.crux });
  const comestri = await connection('comestri', {});
  const retailops = await connection('retailops', { defaultLocationCode: LOCATIONS.retailops });
  const owner = await connection('marketplacer', { options: { sellerId: 1 } });
  const members: { token: string }[] = [];
  for (let k = 0; k < sizes.members; k++) members.push(await connection('marketplacer', { options: { sellerId: k + 2, parentConnectionId: owner.id } }));
  const fixture: WritesFixture = {
    adminKey,
    cruxToken: await cruxToken(url, crux.credentialId, crux.secret),
    comestriToken: comestri.token,
    retailopsToken: retailops.token,
    marketplacerKeys: members.map((m) => m.token),
    marketplacerSellers: members.map((_, k) => k + 2),
    marketplacerOwnerId: owner.id,
    comestriId: comestri.id,
  };
  const items = Array.from({ length: sizes.items }, (_, n) => n);
  for (let from = 0; from < items.length; from += SEED_CHUNK) {
    const lines = items.slice(from, from + SEED_CHUNK).map((n) => ({
      op: 'set',
      item: { sku: skuOf(n), externalId: String(variantOf(n)), connectionId: owner.id },
      location: { code: 'SEED' },
      onHand: 0,
    }));
    await post(url, adminKey, '/api/v1/stock-levels/batch', { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines });
  }
  for (const route of routes) if (route.setupPlaces) await seed(url, fixture, route.setupPlaces);
  if (sizes.raw) {
    const all = (code: string): SeedPlan => ({ places: items.map((n) => ({ item: { sku: skuOf(n) }, code })), kind: 'warehouse', connection: 'none' });
    await seed(url, fixture, all('RAW-UPD'));
    await seed(url, fixture, all('RAW-RM'));
    const fresh = Array.from({ length: RAW_FRESH_LOCATIONS }, (_, k) => ({ item: { sku: skuOf(0) }, code: `RAW-NEW-${k}` }));
    await seed(url, fixture, { places: fresh, kind: 'warehouse', connection: 'none' });
  }
  return fixture;
}

/** Runs one query on the benchmark database (read-only on SQLite, beside the running API). */
async function query<T>(db: BenchDatabase, sql: string, params: unknown[]): Promise<T[]> {
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.file, { readonly: true });
    try {
      // The statements name each parameter once, in order: $n becomes ?.
      return sqlite.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as T[];
    } finally {
      sqlite.close();
    }
  }
  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

/** Ledger entries of the database, all tenants. */
export async function countLedger(db: BenchDatabase): Promise<number> {
  const [row] = await query<{ n: number | string }>(db, 'SELECT count(*) AS n FROM ledger_entries', []);
  return Number(row.n);
}

/**
 * The ledger count once it stops moving for `quietMs` (at most `limitMs`): the last requests of a
 * load may still be committing when the load stops (up to one per client), and they belong to
 * the load before, not the next. On a starved machine a commit can come seconds late: wait longer.
 */
export async function settledLedger(db: BenchDatabase, quietMs = 250, limitMs = 5000): Promise<number> {
  const deadline = Date.now() + limitMs;
  let count = await countLedger(db);
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const again = await countLedger(db);
    if (again !== count) [count, since] = [again, Date.now()];
    else if (Date.now() - since >= quietMs) return count;
  }
  return count;
}

/** The ids of the raw baseline's places, read from the database after {@link setUp}. */
export async function rawPlaces(db: BenchDatabase, fixture: WritesFixture, items: number): Promise<RawPlaces> {
  const [connection] = await query<{ tenant_id: string }>(db, 'SELECT tenant_id FROM connections WHERE id = $1', [fixture.comestriId]);
  const tenantId = connection.tenant_id;
  const skus = await query<{ id: string; sku: string }>(
    db,
    "SELECT item_id AS id, value AS sku FROM item_identifiers WHERE tenant_id = $1 AND kind = 'sku' AND value LIKE 'W-%' ORDER BY value",
    [tenantId],
  );
  const locations = new Map(
    (await query<{ id: string; code: string }>(db, 'SELECT id, code FROM locations WHERE tenant_id = $1', [tenantId])).map((l) => [l.code, l.id]),
  );
  const location = (code: string) => {
    const id = locations.get(code);
    if (!id) throw new Error(`no location ${code}`);
    return id;
  };
  if (skus.length !== items) throw new Error(`expected ${items} items, found ${skus.length}`);
  return {
    tenantId,
    connectionId: fixture.comestriId,
    items: skus.map((s) => s.id),
    updateLocation: location('RAW-UPD'),
    removeLocation: location('RAW-RM'),
    freshLocations: Array.from({ length: RAW_FRESH_LOCATIONS }, (_, k) => location(`RAW-NEW-${k}`)),
  };
}
