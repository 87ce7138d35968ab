/** The report of `npm run bench:scale`: throughput per process count, what the machine did, and the bound. */
import { HTTP_KINDS, type MixedLoad } from './scale-load';
import type { PgActivity } from './writes-pg-activity';
import { table } from './writes-report';

/** Average busy cores of each party during a step (null where /proc could not tell). */
export interface StepCores {
  readonly api: number | null;
  readonly workers: number | null;
  /** The database's PostgreSQL backends. */
  readonly pgBackends: number | null;
  /** The PostgreSQL server's own processes (WAL writer, checkpointer...). */
  readonly pgServer: number | null;
  /** This process: the load driver. */
  readonly driver: number;
  /** Share of the machine's cores busy (0–1), anything included. */
  readonly machineBusy: number | null;
  /** The machine's cores. */
  readonly machine: number;
}

/** One measured step: N API processes behind the balancer, M job worker processes. */
export interface Step {
  readonly processes: number;
  readonly workers: number;
  readonly load: MixedLoad;
  readonly cores: StepCores;
  /** Sessions of the database at the end of the load: Tally's connections (the benchmark's own closed by then). */
  readonly pgSessions: number;
  readonly pg: PgActivity;
  readonly durable: string;
}

/** Machine busy above this share: the CPU, not Tally or PostgreSQL waits, caps the step. */
const SATURATED = 0.9;
/** Sessions waiting on the WAL, locks or I/O on average, from which PostgreSQL waits bound a step that is not CPU-bound. */
const WAITING = 0.5;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
const cores = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));
const pct = (n: number) => `${(100 * n).toFixed(0)}%`;

/** HTTP requests/s of a step, every kind. */
export const totalRate = (step: Step): number => HTTP_KINDS.reduce((sum, kind) => sum + step.load.kinds[kind].requestsPerSecond, 0);

type SessionClass = 'running' | 'WAL' | 'Lock' | 'IO' | 'other wait' | 'in transaction' | 'idle';
const CLASSES: readonly SessionClass[] = ['running', 'WAL', 'Lock', 'IO', 'other wait', 'in transaction', 'idle'];

/** The class of a sampled session state (`state: type/event` or `state: running`, writes-pg-activity.ts). */
function classOf(key: string): SessionClass {
  const [state, what] = key.split(': ');
  if (state === 'idle') return 'idle';
  if (state.startsWith('idle in transaction')) return 'in transaction';
  if (what === 'running') return 'running';
  const [type, event = ''] = what.split('/');
  if (/WAL/i.test(event)) return 'WAL';
  if (type === 'Lock' || type === 'LWLock') return 'Lock';
  if (type === 'IO') return 'IO';
  return 'other wait';
}

/** Sessions in each class on average: the share of the samples times the sessions per sampling round. */
export function sessionClasses(pg: PgActivity): Record<SessionClass, number> {
  const sessions = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<SessionClass, number>;
  for (const [key, share] of pg.states) sessions[classOf(key)] += share * pg.sessions;
  return sessions;
}

/** CPU µs per HTTP request of a party's busy cores (the Kibo jobs' work included when they ran). */
function perRequest(step: Step, busyCores: number | null): string {
  const rate = totalRate(step);
  return busyCores === null || rate === 0 ? 'n/a' : int((busyCores * 1e6) / rate);
}

/** CPU of the machine not spent by Tally, PostgreSQL or the driver: other work on a shared machine. */
const otherCores = (c: StepCores): number | null =>
  c.machineBusy === null
    ? null
    : Math.max(0, c.machineBusy * c.machine - [c.api, c.workers, c.pgBackends, c.pgServer, c.driver].reduce<number>((s, n) => s + (n ?? 0), 0));

/** What capped a step, in one sentence from its figures. */
export function boundOf(step: Step): string {
  const c = step.cores;
  const pg = (c.pgBackends ?? 0) + (c.pgServer ?? 0);
  const parties: [string, number][] = [
    ['PostgreSQL', pg],
    ['the API processes', c.api ?? 0],
    ['the job worker', c.workers ?? 0],
    ['the load driver', c.driver],
    ['other work on the machine', otherCores(c) ?? 0],
  ];
  parties.sort((a, b) => b[1] - a[1]);
  const split = parties.map(([name, n]) => `${name} ${n.toFixed(2)}`).join(', ');
  const sessions = sessionClasses(step.pg);
  const waits = sessions.WAL + sessions.Lock + sessions.IO;
  const waitText = `sessions on average: running ${sessions.running.toFixed(2)}, waiting on WAL ${sessions.WAL.toFixed(2)}, locks ${sessions.Lock.toFixed(2)}, I/O ${sessions.IO.toFixed(2)}, idle in a transaction ${sessions['in transaction'].toFixed(2)}`;
  if (c.machineBusy !== null && c.machineBusy >= SATURATED) {
    return `CPU: the machine ${pct(c.machineBusy)} busy (cores: ${split}); ${parties[0][0]} the largest share; ${waitText}`;
  }
  if (waits >= WAITING) return `PostgreSQL waits (${waitText}); machine ${c.machineBusy === null ? 'n/a' : pct(c.machineBusy)} busy (cores: ${split})`;
  return `neither the CPU (machine ${c.machineBusy === null ? 'n/a' : pct(c.machineBusy)} busy; cores: ${split}) nor PostgreSQL waits (${waitText}): round trips`;
}

/** Prints the tables and one line per step. */
export function printScaleReport(steps: readonly Step[], options: { seconds: number; clients: string; tenants: number; jobItems: number }): void {
  const one = steps.find((s) => s.processes === 1);
  console.log(
    `\n## bench:scale: ${options.clients} clients, ${options.tenants} tenants, Kibo jobs of ${int(options.jobItems)} items, ${options.seconds} s per step\n`,
  );
  table(
    ['API processes', ...HTTP_KINDS.flatMap((k) => [`${k} req/s`, 'p50/p99 ms']), 'total req/s', 'efficiency', 'Kibo items/s (jobs)', 'non-2xx/err', 'durable'],
    steps.map((s) => {
      const kinds = HTTP_KINDS.map((k) => s.load.kinds[k]);
      const efficiency = one && totalRate(one) > 0 ? totalRate(s) / (s.processes * totalRate(one)) : null;
      return [
        `${s.processes} + ${s.workers} worker`,
        ...kinds.flatMap((l) => [int(l.requestsPerSecond), `${ms(l.p50)} / ${ms(l.p99)}`]),
        int(totalRate(s)),
        efficiency === null ? 'n/a' : efficiency.toFixed(2),
        `${int(s.load.kibo.itemsFinished / s.load.seconds)} (${s.load.kibo.jobsFinished})`,
        `${kinds.reduce((n, l) => n + l.notOk, 0)}/${kinds.reduce((n, l) => n + l.errors, 0)}`,
        s.durable.split(':')[0],
      ];
    }),
  );
  console.log(
    '### What the machine did (average busy cores; PostgreSQL: sessions at the end of the load, then sessions in each state on average, sampled every 10 ms)\n',
  );
  table(
    [
      'API processes',
      'machine idle',
      'API',
      'job worker',
      'PG backends',
      'PG server',
      'driver',
      'other',
      'API µs/req',
      'PG µs/req',
      'worker µs/Kibo item',
      'PG sessions',
      ...CLASSES,
    ],
    steps.map((s) => {
      const c = s.cores;
      const sessions = sessionClasses(s.pg);
      return [
        String(s.processes),
        c.machineBusy === null ? 'n/a' : pct(1 - c.machineBusy),
        cores(c.api),
        cores(c.workers),
        cores(c.pgBackends),
        cores(c.pgServer),
        cores(c.driver),
        cores(otherCores(c)),
        perRequest(s, c.api),
        perRequest(s, c.pgBackends),
        s.load.kibo.itemsFinished === 0 || c.workers === null ? 'n/a' : int((c.workers * 1e6 * s.load.seconds) / s.load.kibo.itemsFinished),
        String(s.pgSessions),
        ...CLASSES.map((k) => sessions[k].toFixed(2)),
      ];
    }),
  );
  for (const s of steps) {
    const answered = HTTP_KINDS.reduce((n, k) => n + s.load.kinds[k].ok + s.load.kinds[k].notOk, 0);
    // With no HTTP kind in the mix (Kibo alone), per Kibo item of the jobs finished in the step.
    const [per, unit] = answered > 0 ? [answered, "HTTP request (Kibo's included)"] : [Math.max(1, s.load.kibo.itemsFinished), 'Kibo item'];
    console.log(
      `- ${s.processes} API process(es): bound: ${boundOf(s)}. WAL ${int(s.pg.walBytes / per)} bytes and ${(s.pg.writeTransactions / per).toFixed(2)} transaction ids per ${unit}; durable: ${s.durable}`,
    );
  }
}
