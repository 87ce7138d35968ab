import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LineStatus } from '@tally/inventory-domain';
import type { OperationalFigures, OperationalSnapshot } from '@tally/inventory-application';

/** Request durations, in seconds: from a cached read (a millisecond) to a big refresh (tens of seconds). */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const secondsSince = (at: string | null, now: number): number => (at === null ? 0 : Math.max(0, (now - Date.parse(at)) / 1000));

/**
 * This process's metrics in the Prometheus text format (docs/operations.md, "Metrics"): requests
 * by route and status, stock lines written by dialect and outcome, the Node.js process (event-loop
 * lag, memory, garbage collection), and, read from the database at each scrape, job and channel
 * backlogs, open discrepancies, the connection pool and SQLite's write-ahead log.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'tally_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'tally_http_request_duration_seconds',
    help: 'Time from a request to its answer, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly lines = new Counter({
    name: 'tally_stock_lines_total',
    help: 'Stock lines of committed writes, by reporting dialect and outcome (applied, unchanged, observed, stale, conflict, rejected).',
    labelNames: ['dialect', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(
    figures: OperationalFigures,
    private readonly databaseKind: 'sqlite' | 'postgres',
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tally_' });
    this.addBacklogGauges(figures);
  }

  /** Counts one answered request; `route` is the route's pattern (never the raw path, which would grow without bound). */
  request(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  /** Counts the lines of a committed write. */
  committed(dialect: string, counts: Readonly<Partial<Record<LineStatus, number>>>): void {
    for (const [outcome, n] of Object.entries(counts)) if (n) this.lines.inc({ dialect, outcome }, n);
  }

  /** The exposition text and its media type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  // One database read per scrape feeds every gauge below: the first gauge collected reads, the
  // others reuse its snapshot.
  private addBacklogGauges(figures: OperationalFigures): void {
    // A database that does not answer leaves these gauges empty (and tally_database_up 0) rather than failing the scrape.
    let pending: Promise<OperationalSnapshot | null> | null = null;
    const snapshot = (): Promise<OperationalSnapshot | null> => {
      if (!pending) {
        pending = figures.read().catch(() => null);
        void pending.then(() => setImmediate(() => (pending = null)));
      }
      return pending;
    };
    const gauge = (name: string, help: string, labelNames: readonly string[], fill: (g: Gauge, s: OperationalSnapshot, now: number) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          const read = await snapshot();
          if (read) fill(this, read, Date.now());
        },
      });
    new Gauge({
      name: 'tally_database_up',
      help: 'Whether the figures below could be read from the database at this scrape (1) or not (0).',
      registers: [this.registry],
      async collect() {
        this.set((await snapshot()) ? 1 : 0);
      },
    });
    gauge('tally_jobs', 'Unfinished jobs across tenants, by state.', ['state'], (g, s) => s.jobs.forEach((j) => g.set({ state: j.state }, j.count)));
    gauge('tally_jobs_oldest_age_seconds', 'Age of the oldest unfinished job, by state (0 when none).', ['state'], (g, s, now) =>
      s.jobs.forEach((j) => g.set({ state: j.state }, secondsSince(j.oldestAddedAt, now))),
    );
    gauge('tally_open_discrepancies', 'Open stock discrepancies across tenants.', [], (g, s) => g.set(s.openDiscrepancies));
    gauge('tally_channel_items', 'Items a channel still has to send, by state (pending, failing, dead).', ['channel', 'dialect', 'state'], (g, s) =>
      s.channels.forEach((c) => {
        for (const state of ['pending', 'failing', 'dead'] as const) g.set({ channel: c.channelId, dialect: c.dialect, state }, c[state]);
      }),
    );
    gauge('tally_channel_lag_seconds', 'How long the oldest waiting item of a channel has waited (0 when none).', ['channel', 'dialect'], (g, s, now) =>
      s.channels.forEach((c) => g.set({ channel: c.channelId, dialect: c.dialect }, secondsSince(c.oldestWaitingAt, now))),
    );
    gauge(
      'tally_channel_last_success_timestamp_seconds',
      'When a channel last accepted a delivery (absent before the first).',
      ['channel', 'dialect'],
      (g, s) => s.channels.forEach((c) => c.lastSuccessAt !== null && g.set({ channel: c.channelId, dialect: c.dialect }, Date.parse(c.lastSuccessAt) / 1000)),
    );
    gauge('tally_db_pool_connections', 'Database connections of this process: the pool size, those lent, and callers waiting.', ['kind'], (g, s) => {
      if (!s.pool) return;
      g.set({ kind: 'size' }, s.pool.size);
      g.set({ kind: 'used' }, s.pool.used);
      g.set({ kind: 'waiting' }, s.pool.waiting);
    });
    if (this.databaseKind === 'sqlite')
      gauge('tally_sqlite_wal_bytes', "Size of SQLite's write-ahead log file.", [], (g, s) => s.sqliteWalBytes !== null && g.set(s.sqliteWalBytes));
  }
}
