/**
 * Latency of the console's overview routes (`npm run bench:overview`, ADR 0059): on SQLite and on
 * PostgreSQL, the built API gets 5,000 items at 9 locations (45,000 levels) written by 8
 * connections and one direct batch, then each read route is called 20 times in turn; prints the
 * median, p95 and worst per route. BENCH_DATABASES=sqlite runs one database; BENCH_ITEMS changes
 * the item count. Figures only: nothing is asserted.
 */
import { client, expectStatus, newAdminKey, type Client } from '@tally/test-support';
import { createBenchDatabase, settle, type BenchDatabaseKind } from './bench-database';
import { startApi } from './push-servers';

const ITEMS = Number(process.env['BENCH_ITEMS'] ?? '5000');
const LOCATIONS = 9;
const CONNECTIONS = 8;
const ROUNDS = 20;
/** The most lines a canonical batch holds. */
const BATCH = 1000;
const KINDS = (process.env['BENCH_DATABASES'] ?? 'sqlite,postgresql').split(',') as BenchDatabaseKind[];

/** Figures that give every status the overview shows, spread over the items and locations. */
function figuresOf(n: number, location: number): Record<string, unknown> {
  const k = (n + location) % 20;
  if (k === 0) return { onHand: 0 };
  if (k === 1) return { onHand: 2, lowStockThreshold: 5 };
  if (k === 2) return { onHand: -3 };
  if (k === 3 && location === 0) return { infinite: true };
  return { onHand: (n % 40) + k, reserved: n % 3 };
}

async function seed(admin: Client): Promise<{ locationId: string }> {
  const connections: string[] = [];
  for (let c = 0; c < CONNECTIONS; c++) {
    connections.push(
      expectStatus(await admin('POST', '/api/v1/connections', { json: { dialect: 'canonical', name: `bench ${c}` } }), 'connection', 201).connection.id,
    );
  }
  let locationId = '';
  for (let location = 0; location < LOCATIONS; location++) {
    const lines = Array.from({ length: ITEMS }, (_, n) => ({
      op: 'set',
      item: { sku: `OVB-${String(n).padStart(5, '0')}`, name: `Widget ${n} ${['Navy', 'Red', 'Green'][n % 3]} ${['S', 'M', 'L'][n % 3]}` },
      location: { code: `WH-${location}` },
      ...figuresOf(n, location),
    }));
    const connectionId = location < CONNECTIONS ? { connectionId: connections[location] } : {};
    for (let from = 0; from < lines.length; from += BATCH) {
      const json = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', ...connectionId, lines: lines.slice(from, from + BATCH) };
      locationId = expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json }), 'seed batch').lines[0].locationId;
    }
  }
  return { locationId };
}

async function timed(admin: Client, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    expectStatus(await admin('GET', path), path, 200);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  for (const kind of KINDS) {
    const db = await createBenchDatabase(kind);
    const adminKey = newAdminKey('tly_bench');
    const server = await startApi({ DATABASE_URL: db.url, TALLY_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn' });
    try {
      const admin = client(server.baseUrl, adminKey);
      const { locationId } = await seed(admin);
      await settle(db);
      const routes = [
        '/api/v1/items/overview?limit=50',
        '/api/v1/items/overview?limit=200&sort=sellable&direction=desc',
        '/api/v1/items/overview?limit=50&status=out_of_stock',
        `/api/v1/items/overview?limit=50&locationId=${locationId}&status=low_stock`,
        '/api/v1/items/overview?limit=50&q=navy%20widget%2012',
        '/api/v1/stats/overview',
        '/api/v1/stats/activity?days=14',
      ];
      console.log(`\n${kind}: ${ITEMS} items × ${LOCATIONS} locations, ${CONNECTIONS} connections; ${ROUNDS} calls per route (ms)`);
      for (const path of routes) {
        const times = await timed(admin, path);
        const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)].toFixed(1);
        console.log(`  ${path.padEnd(72)} p50 ${at(0.5).padStart(7)}  p95 ${at(0.95).padStart(7)}  max ${times[times.length - 1].toFixed(1).padStart(7)}`);
      }
    } finally {
      await server.stop();
      await db.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
