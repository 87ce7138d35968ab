import { targets } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant, setStock, unique } from './support/tenant.fixtures';
import { client } from '@tally/test-support';

describe.each(targets())('authentication and tenancy on %s', (_kind, target) => {
  it('answers 401 problem+json without a key, with a wrong key and with another scheme', async () => {
    const attempts = [
      client(target.baseUrl, null)('GET', '/api/v1/items'),
      client(target.baseUrl, `tly_${'x'.repeat(40)}`)('GET', '/api/v1/items'),
      client(target.baseUrl, null)('GET', '/api/v1/items', { headers: { authorization: `Basic ${target.adminKey}` } }),
      client(target.baseUrl, null)('POST', '/api/v1/stock-levels/set', { json: {} }),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(401);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(answer.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    }
  });

  it('lets a read-only key read and answers 403 to each of its writes', async () => {
    const { admin } = await freshTenant(target);
    const placed = await setStock(admin, unique('SKU'), unique('WH'), { onHand: 3 });
    const created = await admin('POST', '/api/v1/api-keys', { json: { name: 'viewer', role: 'read_only' } });
    const viewer = client(target.baseUrl, created.body.secret);
    expect((await viewer('GET', '/api/v1/stock-levels')).body.items).toHaveLength(1);
    expect((await viewer('GET', `/api/v1/items/${placed.itemId}/availability`)).status).toBe(200);
    const writes = await Promise.all([
      viewer('POST', '/api/v1/stock-levels/set', { json: { item: { itemId: placed.itemId }, location: { locationId: placed.locationId }, onHand: 9 } }),
      viewer('POST', '/api/v1/connections', { json: { dialect: 'crux', name: 'c' } }),
      viewer('POST', '/api/v1/api-keys', { json: { name: 'escalate', role: 'admin' } }),
      viewer('POST', '/api/v1/verify?repair=true'),
      viewer('PUT', `/api/v1/locations/${placed.locationId}/policy`, { json: { policy: 'latest' } }),
      viewer('GET', '/api/v1/api-keys'),
    ]);
    for (const answer of writes) expect(answer.body).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    expect((await admin('GET', '/api/v1/stock-levels')).body.items[0].figures.onHand).toBe(3);
  });

  it('stops accepting a revoked key, and a key cannot revoke itself', async () => {
    const { admin } = await freshTenant(target);
    const created = await admin('POST', '/api/v1/api-keys', { json: { name: 'temp', role: 'admin' } });
    const temp = client(target.baseUrl, created.body.secret);
    expect((await temp('GET', '/api/v1/items')).status).toBe(200);
    expect((await temp('DELETE', `/api/v1/api-keys/${created.body.key.id}`)).body.code).toBe('RESOURCE.CONFLICT');
    expect((await admin('DELETE', `/api/v1/api-keys/${created.body.key.id}`)).status).toBe(204);
    expect((await temp('GET', '/api/v1/items')).status).toBe(401);
    const listed = await admin('GET', '/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect(listed.body.items.find((k: { id: string }) => k.id === created.body.key.id).revokedAt).not.toBeNull();
  });

  it('answers 404 for every object of another tenant, and never shows them in lists', async () => {
    const owner = await freshTenant(target);
    const intruder = await freshTenant(target);
    const placed = await setStock(owner.admin, unique('SKU'), unique('WH'), { onHand: 2 });
    const { connection } = await createConnection(owner.admin, 'crux');
    const key = await owner.admin('POST', '/api/v1/api-keys', { json: { name: 'k', role: 'read_only' } });
    const attempts = await Promise.all([
      intruder.admin('GET', `/api/v1/items/${placed.itemId}`),
      intruder.admin('GET', `/api/v1/items/${placed.itemId}/availability`),
      intruder.admin('GET', `/api/v1/locations/${placed.locationId}`),
      intruder.admin('PUT', `/api/v1/locations/${placed.locationId}/policy`, { json: { policy: 'latest' } }),
      intruder.admin('GET', `/api/v1/connections/${connection.id}`),
      intruder.admin('POST', `/api/v1/connections/${connection.id}/rotate`),
      intruder.admin('POST', `/api/v1/connections/${connection.id}/revoke`),
      intruder.admin('DELETE', `/api/v1/api-keys/${key.body.key.id}`),
    ]);
    for (const answer of attempts) expect(answer.body).toMatchObject({ status: 404, code: 'RESOURCE.NOT_FOUND' });
    const write = await intruder.admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { itemId: placed.itemId }, location: { code: 'X' }, onHand: 1, ...CREATE },
    });
    expect(write.body.code).toBe('INVENTORY.UNKNOWN_ITEM');
    expect((await intruder.admin('GET', '/api/v1/stock-levels')).body.items).toEqual([]);
    expect((await intruder.admin('GET', '/api/v1/items')).body.items).toEqual([]);
    expect((await intruder.admin('GET', `/api/v1/ledger?itemId=${placed.itemId}`)).body.items).toEqual([]);
    expect((await owner.admin('GET', `/api/v1/connections/${connection.id}`)).body.status).toBe('active');
  });
});
