import { targets } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant } from './support/tenant.fixtures';

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
    expect(byId.get(silent)).toEqual({ connectionId: silent, lastEntryAt: null, entriesLastDay: 0, entriesInWindow: 0 });

    const other = await freshTenant(target);
    expect((await other.admin('GET', '/api/v1/stats/connections')).body.connections).toEqual([]);
  });
});
