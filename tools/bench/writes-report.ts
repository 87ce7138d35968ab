/** The tables and target lines `npm run bench:writes` prints for one engine. */
import type { PgActivity } from './writes-pg-activity';
import type { WritesLoad } from './writes-load';

/** One measured cell: a route (or, for the raw baseline, a shape) on one target at one client count. */
export interface Cell {
  readonly route: string;
  readonly target: 'tally' | 'framework' | 'raw';
  readonly clients: number;
  /** API processes (Tally); 1 otherwise. */
  readonly processes: number;
  readonly load: WritesLoad;
  /** CPU per answered request: the API processes', the framework server's, or this process's for the raw baseline. */
  readonly cpuMicros: number | null;
  /** CPU per answered request of the database's PostgreSQL backends (PostgreSQL only). */
  readonly pgCpuMicros: number | null;
  /** Cores busy on average during the cell: servers, PostgreSQL backends, this process (the load driver), the whole machine (0–1). */
  readonly cores: { servers: number | null; postgres: number | null; driver: number; machineBusy: number | null };
  /** Tally on PostgreSQL: what the server saw (writes-pg-activity.ts). */
  readonly pg?: PgActivity;
  /** Tally only: whether the ledger holds every acknowledged write. */
  readonly durable?: string;
}

/** Machine busy above this share means the machine's CPU, not Tally, capped the cell. */
const SATURATED = 0.9;

const int = (n: number | null | undefined) => (n === null || n === undefined ? 'n/a' : Math.round(n).toLocaleString('en-US'));
const ms = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);
const cores = (n: number | null) => (n === null ? 'n/a' : n.toFixed(2));

/** Prints a Markdown table, the first `leftColumns` columns left-aligned and the others right-aligned. */
export function table(header: string[], rows: string[][], leftColumns = 1): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i < leftColumns ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

/** Prints an engine's tables and its targets. */
export function printReport(
  kind: string,
  cells: readonly Cell[],
  options: { routes: readonly string[]; rawOf: ReadonlyMap<string, string>; clients: readonly number[]; seconds: number },
): void {
  const pg = kind !== 'sqlite';
  const find = (target: Cell['target'], route: string, clients: number, processes = 1) =>
    cells.find((c) => c.target === target && c.route === route && c.clients === clients && c.processes === processes);
  console.log(`\n## ${kind}: Tally (1 API process) against the framework alone and the raw driver, ${options.seconds} s per cell\n`);
  const rows: string[][] = [];
  for (const route of options.routes) {
    for (const clients of options.clients) {
      const t = find('tally', route, clients);
      if (!t) continue;
      const f = find('framework', route, clients);
      const raw = find('raw', options.rawOf.get(route) ?? '', clients);
      rows.push([
        route,
        String(clients),
        int(t.load.requestsPerSecond),
        ms(t.load.p50),
        ms(t.load.p99),
        `${t.load.notOk}/${t.load.errors}`,
        int(t.cpuMicros),
        ...(pg ? [int(t.pgCpuMicros)] : []),
        int(f?.load.requestsPerSecond),
        ratio(t.load.requestsPerSecond, f?.load.requestsPerSecond),
        int(raw?.load.requestsPerSecond),
        ratio(t.load.requestsPerSecond, raw?.load.requestsPerSecond),
        t.durable?.split(':')[0] ?? 'n/a',
      ]);
    }
  }
  table(
    [
      'route',
      'clients',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx/err',
      'API CPU µs/req',
      ...(pg ? ['PG CPU µs/req'] : []),
      'framework req/s',
      '× framework',
      'raw req/s',
      '× raw',
      'durable',
    ],
    rows,
  );

  const baselines = cells.filter((c) => c.target !== 'tally');
  if (baselines.length) {
    console.log(`### ${kind}: the baselines (raw rows are shapes, see writes-raw.bench.ts; CPU: the framework server's, or the raw driver's Node process)\n`);
    table(
      ['baseline', 'route / shape', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', ...(pg ? ['PG CPU µs/req'] : [])],
      baselines.map((c) => [
        c.target,
        c.route,
        String(c.clients),
        int(c.load.requestsPerSecond),
        ms(c.load.p50),
        ms(c.load.p99),
        int(c.cpuMicros),
        ...(pg ? [int(c.pgCpuMicros)] : []),
      ]),
      2,
    );
  }

  const withActivity = cells.filter((c) => c.target === 'tally' && c.pg);
  if (withActivity.length) {
    console.log(
      `### ${kind}: what PostgreSQL saw (whole server: transaction ids assigned, one per writing transaction or savepoint, and WAL; the database's sessions: shares of samples)\n`,
    );
    table(
      ['route', 'clients', 'processes', 'xids/req', 'WAL bytes/req', 'sessions (most sampled states)'],
      withActivity.map((c) => {
        const answered = Math.max(1, c.load.ok + c.load.notOk);
        const states = c.pg!.states.slice(0, 4).map(([state, share]) => `${state} ${(100 * share).toFixed(0)}%`);
        return [
          c.route,
          String(c.clients),
          String(c.processes),
          (c.pg!.writeTransactions / answered).toFixed(2),
          int(c.pg!.walBytes / answered),
          states.join(', '),
        ];
      }),
      1,
    );
  }

  const top = Math.max(...options.clients);
  const scaled = cells.filter((c) => c.target === 'tally' && c.clients === top);
  const processCounts = [...new Set(scaled.map((c) => c.processes))].sort((a, b) => a - b);
  if (pg && processCounts.length > 1) {
    console.log(`### ${kind}: API processes at ${top} clients (cores: average busy cores during the cell)\n`);
    table(
      ['route', 'processes', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx/err', '× 1 process', 'API cores', 'PG cores', 'driver cores', 'machine busy', 'durable'],
      options.routes.flatMap((route) =>
        processCounts.flatMap((p) => {
          const c = find('tally', route, top, p);
          if (!c) return [];
          return [
            [
              route,
              String(p),
              int(c.load.requestsPerSecond),
              ms(c.load.p50),
              ms(c.load.p99),
              `${c.load.notOk}/${c.load.errors}`,
              ratio(c.load.requestsPerSecond, find('tally', route, top, 1)?.load.requestsPerSecond),
              cores(c.cores.servers),
              cores(c.cores.postgres),
              cores(c.cores.driver),
              c.cores.machineBusy === null ? 'n/a' : `${(100 * c.cores.machineBusy).toFixed(0)}%`,
              c.durable?.split(':')[0] ?? 'n/a',
            ],
          ];
        }),
      ),
    );
  }

  console.log(`### ${kind}: targets at ${top} clients${top === 50 ? '' : ' (the targets are set at 50)'}\n`);
  for (const route of options.routes) {
    const t = find('tally', route, top);
    if (!t) continue;
    const verdicts: string[] = [];
    if (!pg) {
      const f = find('framework', route, top);
      if (f)
        verdicts.push(
          `${ratio(t.load.requestsPerSecond, f.load.requestsPerSecond)} the framework alone (≥ 0.60×): ${t.load.requestsPerSecond >= 0.6 * f.load.requestsPerSecond ? 'met' : 'NOT met'}`,
        );
    } else {
      const raw = find('raw', options.rawOf.get(route) ?? '', top);
      if (raw)
        verdicts.push(
          `${ratio(t.load.requestsPerSecond, raw.load.requestsPerSecond)} raw (≥ 0.50×): ${t.load.requestsPerSecond >= 0.5 * raw.load.requestsPerSecond ? 'met' : 'NOT met'}`,
        );
      verdicts.push(`p99 ${ms(t.load.p99)} ms (< 100): ${t.load.p99 < 100 ? 'met' : 'NOT met'}`);
      const two = find('tally', route, top, 2);
      if (two) {
        const gain = two.load.requestsPerSecond / t.load.requestsPerSecond;
        const busy = two.cores.machineBusy ?? 0;
        const why = `machine ${(100 * busy).toFixed(0)}% busy: API ${cores(two.cores.servers)}, PostgreSQL ${cores(two.cores.postgres)}, driver ${cores(two.cores.driver)} cores`;
        verdicts.push(
          `2 processes ${gain.toFixed(2)}× 1 (≥ 1.5×): ${gain >= 1.5 ? 'met' : busy >= SATURATED ? `not met, CPU saturated (${why})` : `NOT met (${why})`}`,
        );
      }
    }
    if (t.load.notOk || t.load.errors) verdicts.push(`${t.load.notOk} non-2xx and ${t.load.errors} errors`);
    console.log(`- ${route}: ${verdicts.join('; ')}`);
  }
  const tally = cells.filter((c) => c.target === 'tally');
  const lost = tally.filter((c) => !c.durable?.startsWith('yes'));
  console.log(
    `- every acknowledged write durable (ledger counted around each cell, the last of each API run after SIGKILL): ${lost.length === 0 ? 'yes' : `NO in ${lost.map((c) => `${c.route}@${c.clients}×${c.processes}: ${c.durable}`).join('; ')}`}`,
  );
}
