/**
 * Benchmark of the single-write routes (`npm run bench:writes`; docs/benchmarks.md): every route
 * of writes-routes.ts, on SQLite and on PostgreSQL, at 1, 8 and 50 clients, against
 * - the framework alone (writes-framework.server.ts: the same routes and validation, no database),
 * - a raw-driver baseline (writes-raw.bench.ts: the minimum statements of the write, from Node, as many clients),
 * and on PostgreSQL also with 2 and 4 API processes on the database (at the largest client count).
 * Each cell runs BENCH_SECONDS (default 5), after BENCH_WARMUP_SECONDS (1) of unmeasured load per route and server. Prints per engine a table of requests/s, p50/p99,
 * CPU per request and the ratios, and one line per target. After each engine's runs the API is
 * killed with SIGKILL and the ledger counted: every acknowledged write must be in it.
 *
 * Subsets: BENCH_ROUTES=set,adjust (names in writes-routes.ts), BENCH_ENGINES=sqlite,postgresql,
 * BENCH_CLIENTS=1,8,50, BENCH_PROCESSES=1,2,4, BENCH_BASELINES=framework,raw. Sizes: BENCH_ITEMS
 * (default 10,000 items, the places of an update stream), BENCH_BATCH_LINES (20),
 * BENCH_MARKETPLACER_MEMBERS (64 member keys: Marketplacer allows 50 requests/s per key).
 */
import { randomBytes } from 'node:crypto';
import { newAdminKey, type RunningServer } from '@tally/test-support';
import { createBenchDatabase, type BenchDatabase, type BenchDatabaseKind } from './bench-database';
import { startTsServer } from './push-servers';
import { backendPids, cpuBetween, cpuOfPids, machineTicks } from './writes-cpu';
import { driveStream, type WritesLoad } from './writes-load';
import { driveRaw, type RawShape } from './writes-raw.bench';
import { writeRoutes, type WriteRoute, type WritesFixture } from './writes-routes';
import { countLedger, rawPlaces, seed, settledLedger, setUp, startTallies } from './writes-setup';
import { PgActivitySampler } from './writes-pg-activity';
import { printReport, type Cell } from './writes-report';

const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '5');
/** Unmeasured load before a route's first cell on a server, so its code is compiled (JIT) before it is timed. */
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? '1');
const ENGINES = list('BENCH_ENGINES', 'sqlite,postgresql') as BenchDatabaseKind[];
const CLIENTS = list('BENCH_CLIENTS', '1,8,50').map(Number);
const PROCESSES = list('BENCH_PROCESSES', '1,2,4').map(Number);
const BASELINES = list('BENCH_BASELINES', 'framework,raw');
const SIZES = {
  items: Number(process.env['BENCH_ITEMS'] ?? '10000'),
  batchLines: Number(process.env['BENCH_BATCH_LINES'] ?? '20'),
  marketplacerMembers: Number(process.env['BENCH_MARKETPLACER_MEMBERS'] ?? '64'),
};
const ROUTE_NAMES = list(
  'BENCH_ROUTES',
  writeRoutes(SIZES)
    .map((r) => r.name)
    .join(','),
);
/** Requests/s assumed for a removal cell's seeding before any cell of the run was measured. */
const FIRST_RATE_GUESS = 3000;

const selectedRoutes = (): WriteRoute[] => writeRoutes(SIZES).filter((r) => ROUTE_NAMES.includes(r.name));

/** What a load cost: CPU of the servers (or of this process), of the database's backends, of the machine. */
async function measured(
  load: () => Promise<WritesLoad>,
  cpu: { pids: readonly number[] | 'self'; db?: BenchDatabase },
): Promise<Omit<Cell, 'route' | 'target' | 'clients' | 'processes'>> {
  const pgPids = cpu.db?.kind === 'postgres' ? await backendPids(cpu.db.url) : [];
  const [pgBefore, self, machine] = [cpuOfPids(pgPids), process.cpuUsage(), machineTicks()];
  const serversBefore = cpu.pids === 'self' ? null : cpuOfPids(cpu.pids);
  const sampler = cpu.db?.kind === 'postgres' && cpu.pids !== 'self' ? await PgActivitySampler.start(cpu.db.url) : null;
  const result = await load();
  const pg = sampler ? await sampler.stop() : undefined;
  const serverSeconds = serversBefore ? cpuBetween(serversBefore, cpuOfPids(cpu.pids as number[])) : null;
  const selfUsage = process.cpuUsage(self);
  const selfSeconds = (selfUsage.user + selfUsage.system) / 1e6;
  const pgAfter = cpu.db?.kind === 'postgres' ? cpuOfPids(await backendPids(cpu.db.url)) : null;
  const machineAfter = machineTicks();
  const answered = result.ok + result.notOk;
  const perRequest = (seconds: number | null) => (seconds === null || answered === 0 ? null : (seconds * 1e6) / answered);
  return {
    load: result,
    ...(pg ? { pg } : {}),
    cpuMicros: perRequest(serverSeconds ?? selfSeconds),
    pgCpuMicros: pgAfter ? perRequest(cpuBetween(pgBefore, pgAfter)) : null,
    cores: {
      servers: serverSeconds === null ? null : serverSeconds / result.seconds,
      postgres: pgAfter ? cpuBetween(pgBefore, pgAfter) / result.seconds : null,
      driver: selfSeconds / result.seconds,
      machineBusy: machine && machineAfter ? (machineAfter.busy - machine.busy) / (machineAfter.total - machine.total) : null,
    },
  };
}

async function measureFramework(routes: readonly WriteRoute[]): Promise<Cell[]> {
  const server = await startTsServer('writes-framework.server.ts');
  const cells: Cell[] = [];
  try {
    for (const route of routes) {
      if (WARMUP_SECONDS > 0) await driveStream([server.baseUrl], Math.max(...CLIENTS), WARMUP_SECONDS, () => route.next(null));
      for (const clients of CLIENTS) {
        const m = await measured(() => driveStream([server.baseUrl], clients, SECONDS, () => route.next(null)), { pids: [server.pid] });
        cells.push({ route: route.name, target: 'framework', clients, processes: 1, ...m });
      }
    }
  } finally {
    await server.stop();
  }
  console.log('framework alone: done');
  return cells;
}

/**
 * Runs every route's cells on the running API processes. The ledger is counted before each
 * cell (after its seeding) and after it; the last cell's count is taken after SIGKILL. Each
 * count must hold the acknowledged writes' entries, plus at most those of the requests still in
 * flight when the load stopped.
 */
async function measureTally(
  db: BenchDatabase,
  servers: RunningServer[],
  fixture: WritesFixture,
  routes: readonly WriteRoute[],
  clientCounts: readonly number[],
  rates: Map<string, number>,
): Promise<Cell[]> {
  const cells: Cell[] = [];
  const urls = servers.map((s) => s.baseUrl);
  const plan = routes.flatMap((route) => clientCounts.map((clients) => ({ route, clients })));
  for (const [index, { route, clients }] of plan.entries()) {
    if (route.seedNext) {
      const rate = Math.max(...[...rates.values(), 0]) || FIRST_RATE_GUESS;
      await seed(urls[0], fixture, route.seedNext(Math.ceil(rate * (SECONDS + (clients === clientCounts[0] ? WARMUP_SECONDS : 0)) * 1.5) + 500));
    }
    if (clients === clientCounts[0] && WARMUP_SECONDS > 0) {
      await driveStream(urls, Math.max(...clientCounts), WARMUP_SECONDS, () => route.next(fixture));
    }
    const before = await settledLedger(db);
    const m = await measured(() => driveStream(urls, clients, SECONDS, () => route.next(fixture)), { pids: servers.map((s) => s.pid), db });
    const last = index === plan.length - 1;
    // Under BENCH_PROFILE_DIR the servers must exit to write their profiles: SIGTERM, a weaker proof.
    if (last) for (const server of servers) await server.stop(process.env['BENCH_PROFILE_DIR'] ? 'SIGTERM' : 'SIGKILL');
    const after = last ? await countLedger(db) : await settledLedger(db);
    const [low, high] = [before + m.load.ok * route.ledgerPerAck, before + (m.load.ok + clients) * route.ledgerPerAck];
    const durable =
      after >= low && after <= high
        ? `yes${last ? ' (after SIGKILL)' : ''}: ${after - before} entries for ${m.load.ok} acknowledged`
        : `NO: ${after - before} entries for ${m.load.ok} acknowledged × ${route.ledgerPerAck}`;
    rates.set(`${route.name}/${clients}`, m.load.requestsPerSecond);
    cells.push({ route: route.name, target: 'tally', clients, processes: servers.length, durable, ...m });
    console.log(`${db.kind} ×${servers.length} ${route.name} @${clients}: ${Math.round(m.load.requestsPerSecond)} req/s, durable ${durable}`);
  }
  return cells;
}

async function measureRaw(db: BenchDatabase, fixture: WritesFixture, routes: readonly WriteRoute[]): Promise<Cell[]> {
  const places = await rawPlaces(db, fixture, SIZES.items);
  const shapes = [...new Set(routes.map((r) => r.raw))] as RawShape[];
  const cells: Cell[] = [];
  for (const shape of shapes) {
    for (const clients of CLIENTS) {
      // No PostgreSQL CPU here: the baseline's backends end with its connections, before they could be read.
      const m = await measured(() => driveRaw(db, places, shape, { clients, seconds: SECONDS, batchLines: SIZES.batchLines }), { pids: 'self' });
      cells.push({ route: shape, target: 'raw', clients, processes: 1, ...m });
    }
  }
  console.log(`${db.kind} raw driver: done`);
  return cells;
}

async function measureEngine(kind: BenchDatabaseKind, framework: readonly Cell[]): Promise<void> {
  const db = await createBenchDatabase(kind);
  const adminKey = newAdminKey(`tly_bench_${randomBytes(2).toString('hex')}`);
  const routes = selectedRoutes();
  const cells: Cell[] = [...framework];
  const rates = new Map<string, number>();
  let servers: RunningServer[] = [];
  try {
    servers = await startTallies(db, adminKey, 1);
    const started = Date.now();
    const fixture = await setUp(servers[0].baseUrl, adminKey, routes, {
      items: SIZES.items,
      members: SIZES.marketplacerMembers,
      raw: BASELINES.includes('raw'),
    });
    console.log(`${kind}: set up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    cells.push(...(await measureTally(db, servers, fixture, routes, CLIENTS, rates)));
    if (BASELINES.includes('raw')) cells.push(...(await measureRaw(db, fixture, routes)));
    for (const count of db.kind === 'postgres' ? PROCESSES.filter((p) => p > 1) : []) {
      servers = await startTallies(db, adminKey, count);
      cells.push(...(await measureTally(db, servers, fixture, routes, [Math.max(...CLIENTS)], rates)));
    }
  } finally {
    for (const server of servers) await server.stop('SIGKILL');
    await db.drop();
  }
  printReport(kind, cells, { routes: routes.map((r) => r.name), rawOf: new Map(routes.map((r) => [r.name, r.raw])), clients: CLIENTS, seconds: SECONDS });
}

async function main(): Promise<void> {
  if (!(SECONDS > 0) || CLIENTS.some((c) => !(c >= 1)) || !(SIZES.items >= 1000) || !(SIZES.batchLines >= 1) || !(SIZES.marketplacerMembers >= 1)) {
    throw new Error('BENCH_SECONDS must be positive, BENCH_CLIENTS whole numbers from 1, BENCH_ITEMS at least 1000');
  }
  if (ENGINES.some((e) => e !== 'sqlite' && e !== 'postgresql')) throw new Error('BENCH_ENGINES takes sqlite and postgresql');
  const unknown = ROUTE_NAMES.filter((n) => !writeRoutes(SIZES).some((r) => r.name === n));
  if (unknown.length) throw new Error(`unknown BENCH_ROUTES: ${unknown.join(', ')}`);
  console.log(
    `writes benchmark: ${ROUTE_NAMES.length} route(s), ${ENGINES.join(' and ')}, ${CLIENTS.join('/')} clients, ${SECONDS} s per cell, ${SIZES.items} items`,
  );
  const framework = BASELINES.includes('framework') ? await measureFramework(selectedRoutes()) : [];
  for (const engine of ENGINES) await measureEngine(engine, framework);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
