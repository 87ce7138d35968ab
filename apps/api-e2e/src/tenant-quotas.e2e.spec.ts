import { client, type Answer, type Client } from '@tally/test-support';
import { Fleet } from './support/server-fleet';
import { freshTenant } from './support/tenant.fixtures';
import { comestriTenant, INVENTORIES } from './vendors/comestri.e2e-helper';
import { CRUX, cruxFixture } from './vendors/crux.fixtures';
import { items, kiboClient } from './vendors/kibo.e2e-helpers';
import { multiStoreTenant } from './vendors/marketplacer.e2e-helper';
import { retailopsTenant, sdkPush } from './vendors/retailops.e2e-helper';

jest.setTimeout(180_000);

const REFRESH = '/kibo/api/v5/inventory/refresh';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

/** Whether an error body has the shape of the dialect of `path` (the canonical problem elsewhere). */
function inDialectShape(path: string, answer: Answer): boolean {
  const b = (answer.body ?? {}) as Body;
  if (path.startsWith('/kibo/')) return b.status === answer.status && b.error === 'Too Many Requests';
  if (path.startsWith('/crux/')) return b.status_code === answer.status && Array.isArray(b.errors);
  if (path.startsWith('/comestri/')) return b.status === answer.status && b.code === 'TENANT.RATE_LIMITED';
  if (path.startsWith('/marketplacer/')) return b.errors?.[0]?.status === String(answer.status);
  if (path.startsWith('/retailops/')) return Array.isArray(b.events) && [b.events[0]?.event_type, b.events[0]?.status].includes('error');
  return answer.contentType.startsWith('application/problem+json') && b.status === answer.status && b.code === 'TENANT.RATE_LIMITED';
}

/** Sends `call` one after the other until it is answered 429 (at most `max` times); answers every answer. */
async function untilRefused(call: () => Promise<Answer>, max = 40): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < max && answers.at(-1)?.status !== 429) answers.push(await call());
  return answers;
}

describe.each(['sqlite', 'postgres'] as const)('tenant quotas on %s (ADR 0044)', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it("caps each tenant's unfinished jobs and their bytes with a 429 in Kibo's shape that stores nothing, and numbers each tenant's jobs apart", async () => {
    const database = await fleet.database(kind);
    // No worker: accepted jobs stay queued.
    const server = await fleet.server(database, { JOBS_WORKER: 'off', TENANT_MAX_QUEUED_JOBS: '2', TENANT_MAX_QUEUED_BYTES: '64kb' });
    const target = fleet.target(server, kind);
    const a = await freshTenant(target);
    const kiboA = await kiboClient(server.baseUrl, a.admin);
    const accepted = [];
    for (const location of ['A1', 'A2']) accepted.push(await kiboA.call('POST', REFRESH, { json: { locationName: location, items: items(location, 3) } }));
    expect(accepted.map((r) => [r.status, r.body.jobID])).toEqual([
      [200, 1],
      [200, 2],
    ]);
    const refused = await kiboA.call('POST', REFRESH, { json: { locationName: 'A3', items: items('A3', 3) } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ status: 429, error: 'Too Many Requests', message: expect.stringContaining('cap is 2') });
    expect((await a.admin('GET', '/api/v1/jobs')).body.items.map((j: Body) => j.id)).toEqual([2, 1]);

    // Another tenant has its own cap and its own numbers; neither sees the other's job 1.
    const b = await freshTenant(target);
    const kiboB = await kiboClient(server.baseUrl, b.admin);
    const bFirst = await kiboB.call('POST', REFRESH, { json: { locationName: 'B1', items: items('B1', 1) } });
    expect([bFirst.status, bFirst.body.jobID]).toEqual([200, 1]);
    expect((await b.admin('GET', '/api/v1/jobs/1')).body).toMatchObject({ id: 1, locationCode: 'B1' });
    expect((await a.admin('GET', '/api/v1/jobs/1')).body).toMatchObject({ id: 1, locationCode: 'A1' });
    expect((await kiboB.call('GET', '/kibo/inv/api/v1/queue/2')).status).toBe(404);

    // A refresh whose payload alone passes the byte cap is refused the same way, and not stored.
    const big = await kiboB.call('POST', REFRESH, { json: { locationName: 'B2', items: items('B2-LONGER-SKU-NAME', 1200) } });
    expect(big.status).toBe(429);
    expect(big.body.message).toMatch(/bytes/);
    expect((await b.admin('GET', '/api/v1/jobs')).body.items).toHaveLength(1);
  });

  it("answers a tenant over its request rate 429 with Retry-After in each dialect's own shape, and leaves other tenants alone", async () => {
    const database = await fleet.database(kind);
    const server = await fleet.server(database, { TENANT_REQUEST_RATE: '1', TENANT_REQUEST_BURST: '25' });
    const target = fleet.target(server, kind);
    const calls: [string, () => Promise<Answer>][] = [];

    const canonical = await freshTenant(target);
    calls.push(['/api/v1/items', () => canonical.admin('GET', '/api/v1/items')]);
    const kibo = await kiboClient(server.baseUrl, (await freshTenant(target)).admin);
    calls.push(['/kibo/inv/api/v1/queue/1', () => kibo.call('GET', '/kibo/inv/api/v1/queue/1')]);
    const comestri = await comestriTenant(target);
    calls.push([INVENTORIES, () => comestri.comestri('GET', INVENTORIES)]);
    const crux = await cruxFixture(target);
    calls.push([CRUX.update, () => crux.crux(CRUX.update, { json: { sku_id: 'NOT-THERE', quantity_in_stock: 1 } })]);
    const marketplacer = await multiStoreTenant(target);
    const memberships = '/marketplacer/api/v2/client/multi_store_memberships';
    calls.push([memberships, () => marketplacer.members[1]('GET', memberships)]);
    const retailops = await retailopsTenant(target);
    calls.push(['/retailops/', () => retailops.push(retailops.endpoint, sdkPush(retailops.token, []))]);

    for (const [path, call] of calls) {
      const answers = await untilRefused(call);
      const last = answers.at(-1) as Answer;
      expect({ path, status: last.status }).toEqual({ path, status: 429 });
      expect({ path, shaped: inDialectShape(path, last) }).toEqual({ path, shaped: true });
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answers.filter((r) => r.status >= 500).map((r) => `${path} ${r.status}`)).toEqual([]);
    }
    // A tenant that sent little is not held back by the others.
    const quiet: Client = client(server.baseUrl, (await freshTenant(target)).adminKey);
    expect((await quiet('GET', '/api/v1/items')).status).toBe(200);
  });
});
