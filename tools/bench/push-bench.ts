/**
 * Benchmark of the Crux push path (`npm run bench:push`): autocannon drives
 * `POST /crux/timp/products/skus/inventory/` with 50 connections for 20 s (BENCH_SECONDS) on
 * three servers in turn, with the same request stream (distinct SKUs in flight, a new quantity
 * on each visit): Tally on SQLite; the same framework alone (NestJS on Fastify, the same
 * validation, no authentication, no database); a bare node:http server that parses the JSON.
 * Tally is then killed with SIGKILL and its database counted: every acknowledged update must
 * be in the ledger. Prints requests/s, p50/p99 latency, the CPU time each server spent per
 * request (all its threads, from /proc on Linux) and the ratios.
 *
 * The machines are shared and their speed drifts by tens of percent within minutes, so the three
 * servers are measured in BENCH_ROUNDS rounds (default 5), one after the other in each round
 * (Tally and the framework alone swap places every other round);
 * every round's table is printed, and the target is judged on the median of the rounds' ratios
 * (the worst p99, every round durable).
 */
import Database from 'better-sqlite3';
import { client, createSqliteDatabase, expectStatus, newAdminKey, type RunningServer } from '@tally/test-support';
import { drive, skuOf, type LoadResult } from './push-load';
import { startApi, startTsServer, UNLIMITED_TENANT_RATE } from './push-servers';

const PATH = '/crux/timp/products/skus/inventory/';
const CONNECTIONS = 50;
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '20');
const SKUS = Number(process.env['BENCH_SKUS'] ?? '20000');
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '5');
const LOCATION = 'CRUX-BENCH';

/** A server's load result and the CPU it spent per answered request (all its threads), when known. */
type Measured = LoadResult & { readonly cpuMicros: number | null };

/** Drives one server and counts the CPU time it used meanwhile. */
async function driveMeasured(server: RunningServer, headers: Record<string, string>): Promise<Measured> {
  const before = server.cpuSeconds();
  const result = await drive(server.baseUrl, PATH, headers, { seconds: SECONDS, connections: CONNECTIONS, skus: SKUS });
  const after = server.cpuSeconds();
  const answered = result.ok + result.notOk;
  const cpuMicros = before === null || after === null || answered === 0 ? null : ((after - before) * 1e6) / answered;
  return { ...result, cpuMicros };
}

// The answers of the set-up calls are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(url: string, path: string, key: string | null, body: unknown): Promise<any> {
  return expectStatus(await client(url, key)('POST', path, { json: body }), path);
}

/** Tally on a fresh SQLite file: a Crux connection, its token and SKUS items at its location. */
async function measureTally(): Promise<Measured & { durable: string }> {
  const database = createSqliteDatabase({ prefix: 'tally_push_bench' });
  const adminKey = newAdminKey('tly_bench');
  const server = await startApi({ DATABASE_URL: database.url, TALLY_ADMIN_KEY: adminKey, ...UNLIMITED_TENANT_RATE });
  try {
    const created = await call(server.baseUrl, '/api/v1/connections', adminKey, {
      dialect: 'crux',
      name: 'bench',
      settings: { defaultLocationCode: LOCATION },
    });
    for (let from = 0; from < SKUS; from += 1000) {
      const lines = Array.from({ length: Math.min(1000, SKUS - from) }, (_, i) => ({
        op: 'set',
        item: { sku: skuOf(from + i) },
        location: { code: LOCATION },
        onHand: 0,
      }));
      await call(server.baseUrl, '/api/v1/stock-levels/batch', adminKey, { unknownItemPolicy: 'create', createLocationsAs: 'supplier', lines });
    }
    const login = await call(server.baseUrl, '/crux/timp/organizations/user-login/', null, {
      username: created.connection.credentialId,
      password: created.credentials.secret,
    });
    const result = await driveMeasured(server, { authorization: `Token ${login.auth_token}` });
    // Under BENCH_PROFILE_DIR the server must exit to write its profile: SIGTERM, a weaker proof.
    await server.stop(process.env['BENCH_PROFILE_DIR'] ? 'SIGTERM' : 'SIGKILL');
    const db = new Database(database.file, { readonly: false });
    const [{ n }] = db.prepare('SELECT count(*) AS n FROM ledger_entries WHERE connection_id = ?').all(created.connection.id) as { n: number }[];
    db.close();
    // Each acknowledged call changed its SKU (a new quantity on each visit), so it left one ledger
    // entry; calls still in flight when the load stopped may have committed without being counted.
    const durable =
      n >= result.ok && n <= result.ok + CONNECTIONS
        ? `yes: ${n} ledger entries after SIGKILL for ${result.ok} acknowledged (+ up to ${CONNECTIONS} in flight)`
        : `NO: ${n} ledger entries for ${result.ok} acknowledged`;
    return { ...result, durable };
  } finally {
    await server.stop('SIGKILL');
    await database.drop();
  }
}

async function measureTs(file: string): Promise<Measured> {
  const server = await startTsServer(file);
  try {
    return await driveMeasured(server, {});
  } finally {
    await server.stop();
  }
}

function printTable(rows: [string, Measured][], framework: Measured, bare: Measured): void {
  const header = ['server', 'requests/s', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors', 'CPU µs/request', 'vs framework', 'vs bare'];
  const body = rows.map(([name, r]) => [
    name,
    Math.round(r.requestsPerSecond).toLocaleString('en-US'),
    String(r.p50),
    String(r.p99),
    String(r.ok),
    String(r.notOk),
    String(r.errors),
    r.cpuMicros === null ? 'n/a' : Math.round(r.cpuMicros).toLocaleString('en-US'),
    `${((100 * r.requestsPerSecond) / framework.requestsPerSecond).toFixed(0)}%`,
    `${((100 * r.requestsPerSecond) / bare.requestsPerSecond).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

/**
 * One round: the three servers, one after the other, on the same request stream. Tally and the
 * framework alone swap places every other round, so a machine that drifts faster or slower over
 * a run does not favour the same one of them in every round.
 */
async function measureRound(round: number): Promise<{ tally: Measured & { durable: string }; framework: Measured; bare: Measured }> {
  const measureFramework = async () => {
    const result = await measureTs('push-framework.server.ts');
    console.log('framework alone: done');
    return result;
  };
  const frameworkFirst = round % 2 === 0 ? await measureFramework() : null;
  const tally = await measureTally();
  console.log(`tally (sqlite): done; durable: ${tally.durable}`);
  const framework = frameworkFirst ?? (await measureFramework());
  const bare = await measureTs('push-bare.server.ts');
  console.log('bare node:http: done');
  printTable(
    [
      ['Tally (SQLite)', tally],
      ['framework alone (NestJS + Fastify)', framework],
      ['bare node:http', bare],
    ],
    framework,
    bare,
  );
  return { tally, framework, bare };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  if (!(SECONDS > 0) || !(SKUS >= CONNECTIONS) || !(Number.isInteger(ROUNDS) && ROUNDS >= 1)) {
    throw new Error('BENCH_SECONDS must be positive, BENCH_SKUS at least 50 and BENCH_ROUNDS a whole number from 1');
  }
  console.log(
    `push benchmark: POST ${PATH}, ${CONNECTIONS} connections, ${SECONDS} s per server, ${SKUS} distinct SKUs, ${ROUNDS} round(s); Tally with the tenant request rate lifted`,
  );
  const rounds: Awaited<ReturnType<typeof measureRound>>[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round} of ${ROUNDS}`);
    rounds.push(await measureRound(round));
  }
  const ratios = rounds.map((r) => r.tally.requestsPerSecond / r.framework.requestsPerSecond);
  const ratio = median(ratios);
  const p99 = Math.max(...rounds.map((r) => r.tally.p99));
  const durable = rounds.every((r) => r.tally.durable.startsWith('yes') && r.tally.notOk === 0);
  const met = ratio >= 0.6 && p99 < 50 && durable;
  console.log(`Tally / framework alone per round: ${ratios.map((r) => `${(100 * r).toFixed(0)}%`).join(', ')}`);
  const cpuRatios = rounds.flatMap((r) => (r.tally.cpuMicros && r.framework.cpuMicros ? [r.tally.cpuMicros / r.framework.cpuMicros] : []));
  if (cpuRatios.length) {
    // Steadier than the rates on a shared machine; not a target, it says where a change of the rate comes from.
    console.log(
      `server CPU per request, Tally / framework alone per round: ${cpuRatios.map((r) => r.toFixed(2)).join(', ')}; median ${median(cpuRatios).toFixed(2)}`,
    );
  }
  console.log(
    `Tally / framework alone, median of ${ROUNDS}: ${(100 * ratio).toFixed(0)}% (target ≥ 60%); Tally p99, worst round: ${p99} ms (target < 50 ms); ` +
      `every acknowledged update durable in every round: ${durable ? 'yes' : 'NO'}`,
  );
  console.log(`target ${met ? 'met' : 'NOT met'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
