/**
 * Benchmark of Kibo refresh jobs (`npm run bench:refresh`): on SQLite and on PostgreSQL, the
 * built API receives 20 refresh jobs of 12,000 items over HTTP (10 locations, two jobs each),
 * and the clock runs from the first submission to the last job's SUCCESS. In the same run the
 * same writes (per item its level, the connection's observation and one ledger row; one
 * transaction per 3,000 items) are done with hand-written SQL on the raw driver. Prints items/s of both and their ratio.
 * BENCH_DATABASES=sqlite runs one database; BENCH_LOCATIONS (default 10) shortens a run while
 * iterating (the published figures use the default).
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { client, expectStatus, kiboToken, newAdminKey } from '@tally/test-support';
import { createBenchDatabase, settle, type BenchDatabase, type BenchDatabaseKind } from './bench-database';
import { startApi } from './push-servers';
import { rawPgWriter, rawSqliteWriter } from './raw-path.bench';
import type { Workload } from './workload';

const ITEMS = 12_000;
const LOCATIONS = Number(process.env['BENCH_LOCATIONS'] ?? '10');
const JOBS_PER_LOCATION = 2;
const CHUNK = 3000;
const skuOf = (n: number) => `KB-${String(n).padStart(6, '0')}`;

// The answers of the set-up calls are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<any> {
  return expectStatus(await client(url, null)(method, path, { headers, raw: body }), path);
}

const refreshBody = (location: string, round: number) =>
  JSON.stringify({ locationName: location, items: Array.from({ length: ITEMS }, (_, n) => ({ sku: skuOf(n), quantity: ((n + round) % 97) + 1 })) });

async function waitAll(url: string, auth: Record<string, string>, ids: number[]): Promise<void> {
  for (const id of ids) {
    for (;;) {
      const job = await call(url, 'GET', `/kibo/inv/api/v1/queue/${id}`, auth);
      if (job.status === 'FAILED') throw new Error(`job ${id} failed: ${JSON.stringify(job.messages)}`);
      if (job.status === 'SUCCESS') break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Ids of the tenant's items and of the raw path's locations, read from the database. */
async function placesOf(db: BenchDatabase, tenantId: string): Promise<{ items: string[]; locations: Map<string, string> }> {
  const itemsSql = "SELECT item_id AS id, value AS sku FROM item_identifiers WHERE tenant_id = $1 AND kind = 'sku' ORDER BY value";
  const locationsSql = 'SELECT id, code FROM locations WHERE tenant_id = $1';
  let items: { id: string }[];
  let locations: { id: string; code: string }[];
  if (db.kind === 'sqlite') {
    const sqlite = new Database(db.file, { readonly: true });
    items = sqlite.prepare(itemsSql.replace('$1', '?')).all(tenantId) as { id: string }[];
    locations = sqlite.prepare(locationsSql.replace('$1', '?')).all(tenantId) as { id: string; code: string }[];
    sqlite.close();
  } else {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    items = (await client.query(itemsSql, [tenantId])).rows;
    locations = (await client.query(locationsSql, [tenantId])).rows;
    await client.end();
  }
  return { items: items.map((i) => i.id), locations: new Map(locations.map((l) => [l.code, l.id])) };
}

async function measure(kind: BenchDatabaseKind): Promise<{ app: number; raw: number }> {
  const db = await createBenchDatabase(kind);
  const adminKey = newAdminKey('tly_bench');
  const server = await startApi({ DATABASE_URL: db.url, TALLY_ADMIN_KEY: adminKey, BODY_LIMIT: '5mb' });
  try {
    const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const created = await call(
      server.baseUrl,
      'POST',
      '/api/v1/connections',
      admin,
      JSON.stringify({ dialect: 'kibo', name: 'bench', settings: { unknownItemPolicy: 'create' } }),
    );
    const token = await kiboToken(server.baseUrl, created.connection.credentialId, created.credentials.secret);
    const kibo = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Not measured: creates the items, and the raw path's locations.
    const seeds: number[] = [];
    for (let l = 0; l < LOCATIONS; l++)
      seeds.push(
        (
          await call(
            server.baseUrl,
            'POST',
            '/kibo/api/v5/inventory/refresh',
            kibo,
            JSON.stringify({ locationName: `RAW-${l}`, items: [{ sku: skuOf(0), quantity: 1 }] }),
          )
        ).jobID,
      );
    seeds.push((await call(server.baseUrl, 'POST', '/kibo/api/v5/inventory/refresh', kibo, refreshBody('SEED', 0))).jobID);
    await waitAll(server.baseUrl, kibo, seeds);
    await settle(db);

    const bodies = Array.from({ length: LOCATIONS * JOBS_PER_LOCATION }, (_, j) => refreshBody(`LOC-${j % LOCATIONS}`, 1 + Math.floor(j / LOCATIONS)));
    const started = process.hrtime.bigint();
    const ids: number[] = [];
    for (const body of bodies) ids.push((await call(server.baseUrl, 'POST', '/kibo/api/v5/inventory/refresh', kibo, body)).jobID);
    await waitAll(server.baseUrl, kibo, ids);
    const app = Number(process.hrtime.bigint() - started) / 1e9;

    const { items, locations } = await placesOf(db, created.connection.tenantId);
    const batchesOf = (): Workload['batches'] => {
      const batches: Workload['batches'] = [];
      for (let l = 0; l < LOCATIONS; l++) {
        const locationId = locations.get(`RAW-${l}`) as string;
        for (let from = 0; from < ITEMS; from += CHUNK) batches.push(items.slice(from, from + CHUNK).map((itemId) => ({ itemId, locationId })));
      }
      return batches;
    };
    const workload: Workload = { tenantId: created.connection.tenantId, batches: batchesOf(), lines: LOCATIONS * ITEMS, connectionId: created.connection.id };
    await settle(db);
    const writer = kind === 'sqlite' ? rawSqliteWriter(db.file) : await rawPgWriter(db.url);
    const raw = (await writer.run(workload, 'insert')) + (await writer.run(workload, 'update'));
    await writer.close();
    return { app, raw };
  } finally {
    await server.stop();
    await db.drop();
  }
}

async function main(): Promise<void> {
  const kinds = (process.env['BENCH_DATABASES'] ?? 'sqlite,postgresql').split(',') as BenchDatabaseKind[];
  const total = ITEMS * LOCATIONS * JOBS_PER_LOCATION;
  const rows: string[][] = [];
  for (const kind of kinds) {
    const { app, raw } = await measure(kind);
    rows.push([kind, Math.round(total / app).toLocaleString('en-US'), Math.round(total / raw).toLocaleString('en-US'), (raw / app).toFixed(2)]);
  }
  const header = ['database', 'HTTP jobs items/s (submit → SUCCESS)', 'raw SQL items/s', 'ratio jobs/raw'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(
    `\n${total.toLocaleString('en-US')} items: ${LOCATIONS * JOBS_PER_LOCATION} refresh jobs of ${ITEMS.toLocaleString('en-US')} items at ${LOCATIONS} locations\n`,
  );
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
