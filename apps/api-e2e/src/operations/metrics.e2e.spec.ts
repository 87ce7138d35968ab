import { Client as PgClient } from 'pg';
import { client } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';
import { CREATE, freshTenant } from '../support/tenant.fixtures';
import { CRUX, cruxFixture } from '../vendors/crux.fixtures';
import { kiboClient, waitForJob } from '../vendors/kibo.e2e-helpers';
import { freePort, getOnce, parseExposition, sampleOf } from './prometheus-text.e2e-helper';

const METRICS_KEY = 'metrics-key-0123456789abcdefghijklmnop';

describe.each([['sqlite'], ['postgres']] as const)('Metrics and readiness on %s', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('serves Prometheus text behind the metrics key and on the metrics port, and its figures move with traffic', async () => {
    const metricsPort = await freePort();
    const server = await fleet.server(await fleet.database(kind), { METRICS_KEY, METRICS_PORT: String(metricsPort) });
    const target = fleet.target(server, kind);
    const anonymous = client(server.baseUrl, null);
    expect((await anonymous('GET', '/metrics')).status).toBe(401);
    expect((await client(server.baseUrl, 'metrics-key-but-not-the-right-one-000000')('GET', '/metrics')).status).toBe(401);
    const scrape = async () => {
      const answer = await client(server.baseUrl, METRICS_KEY)('GET', '/metrics');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return parseExposition(String(answer.body));
    };
    const before = await scrape();

    // A canonical write, a Crux push (its write thread) and a Kibo refresh (a job).
    const { admin } = await freshTenant(target);
    expect(
      (await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku: 'MET-1' }, location: { code: 'WH-M' }, onHand: 4, ...CREATE } })).status,
    ).toBe(200);
    const crux = await cruxFixture(target);
    await crux.seed({ sku: 'MET-C' });
    expect((await crux.crux(CRUX.update, { json: { sku_id: 'MET-C', quantity_in_stock: 9 } })).status).toBe(200);
    const kibo = await kiboClient(target.baseUrl, admin);
    const refresh = await kibo.call('POST', '/kibo/api/v5/inventory/refresh', {
      json: {
        locationName: 'K-M',
        items: [
          { sku: 'MET-K1', quantity: 3 },
          { sku: 'MET-K2', quantity: 5 },
        ],
      },
    });
    expect((await waitForJob(kibo.call, refresh.body.jobID)).status).toBe('SUCCESS');
    await admin('POST', '/api/v1/channels', {
      json: {
        name: 'nowhere',
        dialect: 'webhook',
        baseUrl: 'http://127.0.0.1:9/hook',
        credentials: { secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` },
      },
    });

    const after = await scrape();
    const lines = (dialect: string) =>
      sampleOf(after, 'tally_stock_lines_total', { dialect, outcome: 'applied' }) -
      sampleOf(before, 'tally_stock_lines_total', { dialect, outcome: 'applied' });
    expect(lines('canonical')).toBeGreaterThanOrEqual(2); // the write and Crux's seed
    expect(lines('crux')).toBe(1);
    expect(lines('kibo')).toBe(2);
    expect(sampleOf(after, 'tally_http_requests_total', { method: 'POST', route: '/api/v1/stock-levels/set', status: '200' })).toBeGreaterThanOrEqual(2);
    expect(sampleOf(after, 'tally_http_requests_total', { method: 'GET', route: '/metrics', status: '401' })).toBe(2);
    expect(after.get('tally_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(sampleOf(after, 'tally_database_up')).toBe(1);
    expect(sampleOf(after, 'tally_jobs', { state: 'PENDING' })).toBe(0);
    expect(sampleOf(after, 'tally_db_pool_connections', { kind: 'size' })).toBeGreaterThan(0);
    expect(after.has('tally_nodejs_eventloop_lag_seconds')).toBe(true);
    expect(after.get('tally_sqlite_wal_bytes')?.metrics.length ?? 0).toBe(kind === 'sqlite' ? 1 : 0);
    const channel = after.get('tally_channel_items')?.metrics.filter((m) => m.labels?.['dialect'] === 'webhook') ?? [];
    expect(channel.map((m) => m.labels?.['state']).sort()).toEqual(['dead', 'failing', 'pending']);

    // The metrics port answers without a key, and nothing else.
    const portAnswer = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(portAnswer.status).toBe(200);
    expect(sampleOf(parseExposition(await portAnswer.text()), 'tally_stock_lines_total', { dialect: 'kibo', outcome: 'applied' })).toBe(
      sampleOf(after, 'tally_stock_lines_total', { dialect: 'kibo', outcome: 'applied' }),
    );
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/v1/items`)).status).toBe(404);
  });

  it('answers not found on the main port when no metrics key is set', async () => {
    const server = await fleet.server(await fleet.database(kind));
    expect((await client(server.baseUrl, METRICS_KEY)('GET', '/metrics')).status).toBe(404);
  });

  it('is ready while the database answers; /health stays a liveness probe', async () => {
    const database = await fleet.database(kind);
    const server = await fleet.server(database);
    const ready = await client(server.baseUrl, null)('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, jobs: { status: 'up' } } });
    if (kind !== 'postgres') return;
    // The database goes away under the running process: readiness says so.
    const admin = new PgClient({ connectionString: database.url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    try {
      const name = new URL(database.url).pathname.slice(1);
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      // On a new connection: the one the first request kept alive may close as the database goes.
      const down = await getOnce(`${server.baseUrl}/health/ready`);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    } finally {
      await admin.end();
    }
  });
});
