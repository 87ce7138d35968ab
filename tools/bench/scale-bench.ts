/**
 * Benchmark of horizontal scaling (`npm run bench:scale`; docs/scaling.md): on a fresh PostgreSQL
 * database, for 1, 2 and 4 API processes (BENCH_PROCESSES) behind a round-robin balancer
 * (scale-cluster.server.ts) plus BENCH_WORKERS job worker processes (default 1; the API
 * processes run with JOBS_WORKER=off), the mixed load of scale-load.ts for BENCH_SECONDS
 * (default 15) after BENCH_WARMUP_SECONDS (2) of unmeasured load on the new processes.
 * The clients are fixed for every step: BENCH_CLIENTS=set,crux,reads (default 16,16,16) and
 * BENCH_KIBO_SUBMITTERS (2) Kibo jobs in flight of BENCH_JOB_ITEMS items (3,000).
 * Tenants: BENCH_TENANTS (2) with BENCH_ITEMS items each (5,000).
 *
 * Prints per step requests/s and p50/p99 per kind, the total and the scaling efficiency
 * (total(N) / (N × total(1))), Kibo items/s of the jobs finished within the step, the busy
 * cores of every party and the database's sessions' states, and names the bound. After each
 * step's load the API processes are killed with SIGKILL, the jobs still running are finished by
 * the worker, and the ledger must hold every acknowledged write.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { newAdminKey, type RunningServer } from '@tally/test-support';
import { createBenchDatabase, settle, type BenchDatabase } from './bench-database';
import { startApi, startTsServer, UNLIMITED_TENANT_RATE } from './push-servers';
import { driveMixed, HTTP_KINDS, KiboSlots, waitForJobs, type KindClients, type MixedLoad, type ScaleTenant } from './scale-load';
import { printScaleReport, type Step, type StepCores } from './scale-report';
import { setUpTenants } from './scale-setup';
import { backendPids, cpuBetween, cpuOfPids, machineTicks, serverProcessPids } from './writes-cpu';
import { PgActivitySampler } from './writes-pg-activity';
import { settledLedger, startTallies } from './writes-setup';

const numbers = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '15');
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? '2');
const PROCESSES = numbers('BENCH_PROCESSES', '1,2,4');
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? '1');
const [SET_CLIENTS, CRUX_CLIENTS, READ_CLIENTS] = numbers('BENCH_CLIENTS', '16,16,16');
const CLIENTS: KindClients = { 'canonical set': SET_CLIENTS, 'Crux push': CRUX_CLIENTS, 'console read': READ_CLIENTS };
const SUBMITTERS = Number(process.env['BENCH_KIBO_SUBMITTERS'] ?? '2');
const JOB_ITEMS = Number(process.env['BENCH_JOB_ITEMS'] ?? '3000');
const TENANTS = Number(process.env['BENCH_TENANTS'] ?? '2');
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? '5000');

/** The ledger is counted once it has not moved for this long: on a busy shared machine a straggling commit can take seconds. */
const QUIET_MS = 2000;
const SETTLE_LIMIT_MS = 30_000;

/** The line scale-cluster.server.ts prints once every API process listens. */
const BALANCER_READY = /balancer of \d+ processes listening on (http:\/\/\S+)/;

/** The environment of every Tally process of the run: writes-setup's, with the tenant rate out of reach. */
const tallyEnv = (db: BenchDatabase, adminKey: string): Record<string, string> => ({
  DATABASE_URL: db.url,
  TALLY_ADMIN_KEY: adminKey,
  LOG_LEVEL: 'info',
  BODY_LIMIT: '4mb',
  ...UNLIMITED_TENANT_RATE,
});

/** N API processes behind the balancer and the job workers; answers them and every Tally pid. */
async function startFleet(
  db: BenchDatabase,
  adminKey: string,
  processes: number,
): Promise<{ balancer: RunningServer; workers: RunningServer[]; apiPids: number[] }> {
  const env = tallyEnv(db, adminKey);
  const workers: RunningServer[] = [];
  for (let w = 0; w < WORKERS; w++) workers.push(await startApi({ ...env, JOBS_WORKER: 'on' }));
  try {
    const balancer = await startTsServer('scale-cluster.server.ts', {
      env: { SCALE_PROCESSES: String(processes), SCALE_API_ENV: JSON.stringify({ ...env, JOBS_WORKER: 'off' }) },
      ready: BALANCER_READY,
    });
    const listed = /api worker pids: ([\d,]+)/.exec(balancer.output());
    if (!listed) throw new Error('the balancer did not list its workers');
    return { balancer, workers, apiPids: [balancer.pid, ...listed[1].split(',').map(Number)] };
  } catch (error) {
    for (const worker of workers) await worker.stop('SIGKILL');
    throw error;
  }
}

/** Runs `load` and reads what every party's CPU and the database's sessions did meanwhile. */
async function measured(db: BenchDatabase, apiPids: readonly number[], workerPids: readonly number[], load: () => Promise<MixedLoad>) {
  const [backends, server] = [await backendPids(db.url), await serverProcessPids(db.url)];
  const before = { api: cpuOfPids(apiPids), workers: cpuOfPids(workerPids), pg: cpuOfPids(backends), server: cpuOfPids(server) };
  const [self, machine] = [process.cpuUsage(), machineTicks()];
  const sampler = await PgActivitySampler.start(db.url);
  const result = await load();
  const pg = await sampler.stop();
  const sessions = await backendPids(db.url);
  const selfUsage = process.cpuUsage(self);
  const machineAfter = machineTicks();
  const perSecond = (seconds: number) => seconds / result.seconds;
  const cores: StepCores = {
    api: perSecond(cpuBetween(before.api, cpuOfPids(apiPids))),
    workers: perSecond(cpuBetween(before.workers, cpuOfPids(workerPids))),
    pgBackends: perSecond(cpuBetween(before.pg, cpuOfPids(sessions))),
    pgServer: perSecond(cpuBetween(before.server, cpuOfPids(server))),
    driver: perSecond((selfUsage.user + selfUsage.system) / 1e6),
    machineBusy: machine && machineAfter ? (machineAfter.busy - machine.busy) / (machineAfter.total - machine.total) : null,
    machine: cpus().length,
  };
  return { load: result, cores, pg, pgSessions: sessions.length };
}

/** One step: the fleet, warm-up, the measured load, SIGKILL of the API processes, the ledger count. */
async function step(db: BenchDatabase, adminKey: string, tenants: readonly ScaleTenant[], slots: KiboSlots, processes: number): Promise<Step> {
  const { balancer, workers, apiPids } = await startFleet(db, adminKey, processes);
  try {
    if (WARMUP_SECONDS > 0) await driveMixed(balancer.baseUrl, tenants, CLIENTS, WARMUP_SECONDS, null);
    const before = await settledLedger(db, QUIET_MS, SETTLE_LIMIT_MS);
    const m = await measured(
      db,
      apiPids,
      workers.map((w) => w.pid),
      () => driveMixed(balancer.baseUrl, tenants, CLIENTS, SECONDS, slots),
    );
    for (const pid of apiPids.slice(1)) process.kill(pid, 'SIGKILL');
    await balancer.stop('SIGKILL');
    // Acknowledged jobs are stored: the worker finishes them with the API processes gone.
    await waitForJobs(workers[0].baseUrl, m.load.kibo.unfinished);
    const after = await settledLedger(db, QUIET_MS, SETTLE_LIMIT_MS);
    const writes = m.load.kinds['canonical set'].ok + m.load.kinds['Crux push'].ok;
    const kibo = m.load.kibo.acknowledged.reduce((n, j) => n + j.items, 0);
    const inFlight = CLIENTS['canonical set'] + CLIENTS['Crux push'];
    const [low, high] = [before + writes + kibo, before + writes + kibo + inFlight];
    const durable =
      after >= low && after <= high
        ? `yes (after SIGKILL): ${after - before} entries for ${writes} acknowledged writes and ${m.load.kibo.acknowledged.length} jobs of ${kibo} items`
        : `NO: ${after - before} entries for ${writes} acknowledged writes and ${m.load.kibo.acknowledged.length} jobs of ${kibo} items`;
    console.log(
      `${processes} API process(es): ${HTTP_KINDS.map((k) => `${k} ${Math.round(m.load.kinds[k].requestsPerSecond)}/s`).join(', ')}; durable ${durable}`,
    );
    return { processes, workers: WORKERS, ...m, durable };
  } finally {
    for (const pid of apiPids.slice(1)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await balancer.stop('SIGKILL');
    for (const worker of workers) await worker.stop();
  }
}

function check(): void {
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  const problems = [
    ...(SECONDS > 0 && WARMUP_SECONDS >= 0 ? [] : ['BENCH_SECONDS must be positive and BENCH_WARMUP_SECONDS at least 0']),
    ...(PROCESSES.length && PROCESSES.every((p) => whole(p, 1)) ? [] : ['BENCH_PROCESSES must list whole numbers from 1']),
    ...(whole(WORKERS, 1) ? [] : ['BENCH_WORKERS must be a whole number from 1']),
    ...([SET_CLIENTS, CRUX_CLIENTS, READ_CLIENTS].every((c) => whole(c, 0)) ? [] : ['BENCH_CLIENTS must be three whole numbers (set,crux,reads)']),
    ...(whole(SUBMITTERS, 0) ? [] : ['BENCH_KIBO_SUBMITTERS must be a whole number']),
    ...(whole(TENANTS, 1) ? [] : ['BENCH_TENANTS must be a whole number from 1']),
    ...(whole(ITEMS, 100) ? [] : ['BENCH_ITEMS must be a whole number from 100']),
    ...(whole(JOB_ITEMS, 1) && JOB_ITEMS <= Math.min(ITEMS, 12_000) ? [] : ['BENCH_JOB_ITEMS must be from 1 to BENCH_ITEMS and at most 12000']),
  ];
  if (problems.length) throw new Error(problems.join('; '));
}

async function main(): Promise<void> {
  check();
  const clients = `${SET_CLIENTS}+${CRUX_CLIENTS}+${READ_CLIENTS}`;
  console.log(
    `scale benchmark: ${PROCESSES.join('/')} API processes + ${WORKERS} job worker(s), ${clients} clients (set+crux+reads) and ${SUBMITTERS} Kibo submitters, ${SECONDS} s per step, ${cpus().length} cores`,
  );
  const db = await createBenchDatabase('postgresql');
  const adminKey = newAdminKey(`tly_bench_${randomBytes(2).toString('hex')}`);
  const slots = new KiboSlots(SUBMITTERS, JOB_ITEMS);
  const steps: Step[] = [];
  try {
    const started = Date.now();
    const [setup] = await startTallies(db, adminKey, 1);
    let tenants: ScaleTenant[];
    try {
      tenants = await setUpTenants(db, setup.baseUrl, adminKey, TENANTS, ITEMS, slots);
    } finally {
      await setup.stop();
    }
    await settle(db);
    console.log(`set up ${TENANTS} tenants of ${ITEMS} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const processes of PROCESSES) steps.push(await step(db, adminKey, tenants, slots, processes));
  } finally {
    await db.drop();
  }
  printScaleReport(steps, { seconds: SECONDS, clients, tenants: TENANTS, jobItems: JOB_ITEMS });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
