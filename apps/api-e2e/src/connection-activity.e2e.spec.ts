import type { Client } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant } from './support/tenant.fixtures';
import { CRUX, cruxFixture } from './vendors/crux.fixtures';
import { kiboClient, waitForJob } from './vendors/kibo.e2e-helpers';
import { inventoriesPath, multiStoreTenant } from './vendors/marketplacer.e2e-helper';

/** One connection's row of `GET /api/v1/stats/connections`. */
async function activityOf(admin: Client, connectionId: string): Promise<Record<string, any>> {
  const answer = await admin('GET', '/api/v1/stats/connections');
  expect(answer.status).toBe(200);
  return answer.body.connections.find((c: { connectionId: string }) => c.connectionId === connectionId);
}

describe.each(targets())('connection activity on %s', (_kind, target) => {
  it("lists every connection with its last change and volume, a silent one included, and no other tenant's", async () => {
    const { admin } = await freshTenant(target);
    const busy = (await createConnection(admin, 'canonical')).connection.id;
    const silent = (await createConnection(admin, 'canonical')).connection.id;
    const lines = [1, 2, 3].map((n) => ({ op: 'set', item: { sku: `ACT-${n}` }, location: { code: 'WH-A' }, onHand: n }));
    expect((await admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, connectionId: busy, lines } })).status).toBe(200);
    expect(
      (await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku: 'ACT-9' }, location: { code: 'WH-A' }, onHand: 9, ...CREATE } })).status,
    ).toBe(200);

    const answer = await admin('GET', '/api/v1/stats/connections');
    expect(answer.status).toBe(200);
    const byId = new Map(answer.body.connections.map((c: { connectionId: string }) => [c.connectionId, c]));
    expect(byId.size).toBe(2);
    expect(byId.get(busy)).toMatchObject({ entriesLastDay: 3, entriesInWindow: 3, lastEntryAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(byId.get(silent)).toEqual({
      connectionId: silent,
      lastEntryAt: null,
      entriesLastDay: 0,
      entriesInWindow: 0,
      lastSeenAt: null,
      lastError: null,
      errorsLastDay: 0,
    });

    const other = await freshTenant(target);
    expect((await other.admin('GET', '/api/v1/stats/connections')).body.connections).toEqual([]);
  });

  it("a Crux connection's accepted call sets its last seen time; an unknown SKU sets its last error, never its secret, seen by no other tenant", async () => {
    const fx = await cruxFixture(target);
    const before = await activityOf(fx.admin, fx.connectionId);
    expect(before.lastError).toBeNull();
    await fx.seed({ sku: 'SEEN-1' });
    const started = new Date().toISOString();
    expect((await fx.crux(CRUX.update, { json: { sku_id: 'SEEN-1', quantity_in_stock: 4 } })).status).toBe(200);
    const seen = await activityOf(fx.admin, fx.connectionId);
    expect(seen.lastSeenAt >= started.slice(0, 19)).toBe(true);
    expect(seen).toMatchObject({ lastError: null, errorsLastDay: 0 });

    expect((await fx.crux(CRUX.update, { json: { sku_id: 'NO-SUCH-SKU', quantity_in_stock: 1 } })).status).toBe(404);
    const refused = await activityOf(fx.admin, fx.connectionId);
    expect(refused.lastError).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      status: 404,
      code: expect.stringMatching(/^[A-Z_.]+$/),
      message: expect.stringContaining('NO-SUCH-SKU'),
      source: 'request',
    });
    expect(refused.errorsLastDay).toBe(1);
    const text = JSON.stringify(await fx.admin('GET', '/api/v1/stats/connections').then((a) => a.body));
    expect(text).not.toContain(fx.password);
    expect(text).not.toContain(fx.token);

    const other = await freshTenant(target);
    expect((await other.admin('GET', '/api/v1/stats/connections')).body.connections).toEqual([]);
  });

  it("a Marketplacer 4xx is its connection's last error, and only that connection's", async () => {
    const fx = await multiStoreTenant(target);
    const answer = await fx.members[1]('PUT', inventoriesPath(987654), { json: { data: [{ attributes: { count_on_hand: -5 } }] } });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    const connections = (await fx.admin('GET', '/api/v1/stats/connections')).body.connections as { lastError: { status: number } | null }[];
    const refused = connections.filter((c) => c.lastError !== null);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ lastSeenAt: expect.any(String), errorsLastDay: 1, lastError: { status: answer.status, source: 'request' } });
    expect(JSON.stringify(refused)).not.toContain(fx.memberKeys[1]);
  });

  it("a Kibo job's refused item is its connection's last error, with the line's code", async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin, 'reject');
    const answer = await kibo.call('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: 'L1', items: [{ sku: 'NOT-KNOWN', quantity: 3 }] } });
    expect(answer.status).toBe(200);
    await waitForJob(kibo.call, answer.body.jobID);
    const connections = (await admin('GET', '/api/v1/stats/connections')).body.connections;
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({
      lastSeenAt: expect.any(String),
      errorsLastDay: 1,
      lastError: { status: 422, code: 'INVENTORY.UNKNOWN_ITEM', source: 'line', message: expect.stringContaining('line') },
    });
  });
});
