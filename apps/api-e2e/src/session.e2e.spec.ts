import { targets } from './support/e2e-targets.state';
import { client } from '@tally/test-support';
import { freshTenant } from './support/tenant.fixtures';

/** The console's session: an API key traded for an HttpOnly cookie that authenticates like the key. */
describe.each(targets())('console session on %s', (_kind, target) => {
  const signIn = async (apiKey: string) =>
    fetch(`${target.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiKey }) });
  const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0];
  const call = (cookie: string, method: string, path: string, json?: unknown) =>
    client(target.baseUrl, null)(method, path, { headers: { cookie }, ...(json === undefined ? {} : { json }) });

  it('sets an HttpOnly, SameSite=Strict cookie that is not the key, and authenticates with it', async () => {
    const { adminKey, tenantId } = await freshTenant(target);
    const response = await signIn(adminKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ tenantId, role: 'admin' });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^tally_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(header).not.toContain(adminKey);
    const cookie = cookieOf(response);
    expect((await call(cookie, 'GET', '/api/v1/session')).body).toMatchObject({ signedIn: true, session: { tenantId, role: 'admin' } });
    const write = await call(cookie, 'POST', '/api/v1/stock-levels/set', {
      item: { sku: 'S-1' },
      location: { code: 'L1' },
      onHand: 3,
      unknownItemPolicy: 'create',
      createLocationsAs: 'store',
    });
    expect(write.status).toBe(200);
  });

  it('refuses a wrong key with 401 naming the field, and sets no cookie', async () => {
    const response = await signIn('tly_not_a_key_of_anyone_at_all_0123456789');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', errors: [{ field: 'apiKey' }] });
    const empty = await fetch(`${target.baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(empty.status).toBe(422);
  });

  it('keeps a read-only key read-only through the cookie', async () => {
    const { admin } = await freshTenant(target);
    const created = await admin('POST', '/api/v1/api-keys', { json: { name: 'viewer', role: 'read_only' } });
    const cookie = cookieOf(await signIn(created.body.secret));
    expect((await call(cookie, 'GET', '/api/v1/items')).status).toBe(200);
    const write = await call(cookie, 'POST', '/api/v1/stock-levels/set', {
      item: { sku: 'S-2' },
      location: { code: 'L1' },
      onHand: 3,
      unknownItemPolicy: 'create',
      createLocationsAs: 'store',
    });
    expect(write.status).toBe(403);
    expect((await admin('GET', '/api/v1/items?q=S-2')).body.items).toEqual([]);
  });

  it('ends with sign-out, and when its key is revoked', async () => {
    const { admin } = await freshTenant(target);
    const created = await admin('POST', '/api/v1/api-keys', { json: { name: 'temp', role: 'admin' } });
    const first = cookieOf(await signIn(created.body.secret));
    const second = cookieOf(await signIn(created.body.secret));
    const out = await call(first, 'DELETE', '/api/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^tally_session=; .*Max-Age=0/);
    expect((await call(first, 'GET', '/api/v1/items')).status).toBe(401);
    expect((await call(first, 'GET', '/api/v1/session')).body).toEqual({ signedIn: false, session: null });
    expect((await call(second, 'GET', '/api/v1/items')).status).toBe(200);
    expect((await admin('DELETE', `/api/v1/api-keys/${created.body.key.id}`)).status).toBe(204);
    expect((await call(second, 'GET', '/api/v1/items')).status).toBe(401);
  });

  it('answers an unknown or malformed cookie as not signed in', async () => {
    expect((await call('tally_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'GET', '/api/v1/items')).status).toBe(401);
    expect((await call('tally_session=<script>', 'GET', '/api/v1/items')).status).toBe(401);
    expect((await call('tally_session=<script>', 'GET', '/api/v1/session')).body).toEqual({ signedIn: false, session: null });
  });
});
