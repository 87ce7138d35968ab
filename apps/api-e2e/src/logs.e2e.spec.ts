import { client, type RunningServer } from '@tally/test-support';
import { Fleet } from './support/server-fleet';
import { freshTenant } from './support/tenant.fixtures';
import { cruxFixture, CRUX } from './vendors/crux.fixtures';
import { kiboClient, waitForJob } from './vendors/kibo.e2e-helpers';
import { comestriTenant, INVENTORIES } from './vendors/comestri.e2e-helper';
import { marketplacerClient, multiStoreTenant } from './vendors/marketplacer.e2e-helper';
import { PUSH_V1, retailopsTenant, sdkPush } from './vendors/retailops.e2e-helper';

/** A line the API wrote through its logger. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LogLine = Record<string, any>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The stdout lines that are JSON, parsed. Every other line belongs to the start banner: one block
 * of plain text, written at once, that starts with "Tally API listening on".
 */
function logLines(server: RunningServer): LogLine[] {
  const lines = server.output().split('\n');
  if (lines.at(-1) === '') lines.pop();
  const text = lines.flatMap((line, index) => (line.startsWith('{') ? [] : [index]));
  expect(lines[text[0]]).toMatch(/^Tally API listening on /);
  expect(text).toEqual(text.map((_, n) => text[0] + n));
  return lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
}

/** Waits until the server logged a line that `match` accepts (request lines follow their answer). */
async function loggedLine(server: RunningServer, match: (line: LogLine) => boolean): Promise<LogLine> {
  for (let waited = 0; waited < 20_000; waited += 20) {
    const found = logLines(server).find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no such log line in:\n${server.output()}`);
}

describe.each(['sqlite', 'postgres'] as const)('logs on %s', (kind) => {
  const fleet = new Fleet();
  afterAll(() => fleet.release());

  it('writes JSON lines, one per request with its id, route, status, duration, dialect, tenant and connection, and no secret', async () => {
    const server = await fleet.server(await fleet.database(kind), { LOG_LEVEL: 'info' });
    const admin = client(server.baseUrl, fleet.adminKey);

    const named = await admin('GET', '/api/v1/items?limit=5', { headers: { 'x-request-id': 'abc-123' } });
    expect(named.status).toBe(200);
    expect(named.headers.get('x-request-id')).toBe('abc-123');
    const line = await loggedLine(server, (l) => l.reqId === 'abc-123');
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', route: '/api/v1/items', status: 200, dialect: 'canonical' });
    expect(line.ms).toEqual(expect.any(Number));
    expect(line.tenant).toMatch(UUID);
    expect(Date.parse(line.time)).not.toBeNaN();

    const unnamed = await client(server.baseUrl, null)('GET', '/health');
    const generated = unnamed.headers.get('x-request-id') ?? '';
    expect(generated).toMatch(UUID);
    expect(await loggedLine(server, (l) => l.reqId === generated)).toMatchObject({ route: '/health', status: 200 });

    const tooLong = 'x'.repeat(201);
    const replaced = await client(server.baseUrl, null)('GET', '/health', { headers: { 'x-request-id': tooLong } });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);

    // A refused key and a vendor's token and password: none may reach a line.
    const wrongKey = `tly_${'w'.repeat(12)}_${'s'.repeat(43)}`;
    expect((await client(server.baseUrl, wrongKey)('GET', '/api/v1/items', { headers: { cookie: 'tally_session=cookie-secret-1234' } })).status).toBe(401);
    const crux = await cruxFixture(fleet.target(server, kind));
    await crux.seed({ sku: 'LOG-1' });
    const push = await crux.crux(CRUX.update, { json: { sku_id: 'LOG-1', quantity_in_stock: 3 }, headers: { 'x-request-id': 'crux-push-1' } });
    expect(push.status).toBe(200);
    expect(await loggedLine(server, (l) => l.reqId === 'crux-push-1')).toMatchObject({
      dialect: 'crux',
      connection: crux.connectionId,
      tenant: expect.stringMatching(UUID),
      route: CRUX.update,
    });

    // A job's run, told by the worker (a job thread on SQLite, pg-boss on PostgreSQL) with its tenant's number.
    const kiboTenant = await freshTenant(fleet.target(server, kind));
    const kibo = await kiboClient(server.baseUrl, kiboTenant.admin);
    const queued = await kibo.call('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: 'LOG-LOC', items: [{ sku: 'LOG-2', quantity: 4 }] } });
    expect(queued.status).toBe(200);
    await waitForJob(kibo.call, queued.body.jobID);
    expect(await loggedLine(server, (l) => l.msg === 'job succeeded' && l.tenantId === kiboTenant.tenantId)).toMatchObject({
      context: 'JobWorker',
      jobNumber: queued.body.jobID,
      kind: 'REFRESH',
      items: 1,
      processed: 1,
    });
    expect(await loggedLine(server, (l) => l.route === '/kibo/api/v5/inventory/refresh')).toMatchObject({ dialect: 'kibo', tenant: kiboTenant.tenantId });

    expect(await server.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    // The pipe may hand over the last lines after the exit.
    await loggedLine(server, (l) => l.msg === 'stopped');
    const lines = logLines(server);
    expect(lines.find((l) => l.msg === 'listening')).toMatchObject({ level: 'info', database: kind });
    const shuttingDown = lines.findIndex((l) => l.msg === 'shutting down');
    expect(shuttingDown).toBeGreaterThan(0);
    expect(lines.findIndex((l) => l.msg === 'job worker stopped')).toBeGreaterThan(shuttingDown);
    expect(lines.at(-1)).toMatchObject({ context: 'Lifecycle', msg: 'stopped', signal: 'SIGTERM' });
    expect(lines.filter((l) => l.context === 'RouterExplorer' || l.context === 'RoutesResolver')).toEqual([]);
    const output = server.output();
    for (const secret of [fleet.adminKey, wrongKey, crux.token, crux.password, kibo.token, kibo.secret, 'cookie-secret-1234']) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toContain('\u001b['); // no colour codes when piped
  });

  it('names the tenant and connection of dialects whose handlers check the credential (RetailOPS, Comestri, Marketplacer)', async () => {
    const server = await fleet.server(await fleet.database(kind), { LOG_LEVEL: 'info' });
    const target = fleet.target(server, kind);

    const retailops = await retailopsTenant(target);
    const pushed = await retailops.push(PUSH_V1, sdkPush(retailops.token, [{ sku: 'LOG-RO', quantity_available: 2 }]), { headers: { 'x-request-id': 'ro-1' } });
    expect(pushed.status).toBe(200);
    expect(await loggedLine(server, (l) => l.reqId === 'ro-1')).toMatchObject({
      dialect: 'retailops',
      tenant: retailops.tenantId,
      connection: retailops.connectionId,
    });

    const comestri = await comestriTenant(target);
    expect((await comestri.comestri('GET', INVENTORIES, { headers: { 'x-request-id': 'co-1' } })).status).toBe(200);
    expect(await loggedLine(server, (l) => l.reqId === 'co-1')).toMatchObject({
      dialect: 'comestri',
      tenant: comestri.tenantId,
      connection: comestri.connectionId,
    });

    const store = await multiStoreTenant(target);
    const memberships = await marketplacerClient(server.baseUrl, store.ownerKey)('GET', '/marketplacer/api/v2/client/multi_store_memberships', {
      headers: { 'x-request-id': 'mp-1' },
    });
    expect(memberships.status).toBe(200);
    expect(await loggedLine(server, (l) => l.reqId === 'mp-1')).toMatchObject({
      dialect: 'marketplacer',
      tenant: store.tenantId,
      connection: store.ownerConnectionId,
    });

    // A refused credential names no connection.
    const refused = await retailops.push(PUSH_V1, sdkPush(`${retailops.credentialId}.wrong`, [{ sku: 'LOG-RO', quantity_available: 2 }]), {
      headers: { 'x-request-id': 'ro-2' },
    });
    expect(refused.status).toBe(401);
    const line = await loggedLine(server, (l) => l.reqId === 'ro-2');
    expect(line.connection).toBeUndefined();
    expect(line.tenant).toBeUndefined();
  });
});

describe('route mapping', () => {
  const fleet = new Fleet();
  afterAll(() => fleet.release());

  it('is logged at debug level only', async () => {
    const server = await fleet.server(await fleet.database('sqlite'), { LOG_LEVEL: 'debug' });
    await server.stop();
    await loggedLine(server, (l) => l.msg === 'stopped');
    expect(logLines(server).filter((l) => l.context === 'RouterExplorer' && l.level === 'debug').length).toBeGreaterThan(20);
  });
});
