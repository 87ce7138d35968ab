import { caller } from '../testing/inject.helpers';
import { createSqliteApi, type SqliteTestApi } from '../testing/sqlite-api.factory';
import { INSTALLED_DIALECTS } from './installed-dialects.list';

describe('GET /api/v1/dialects and the rules derived from the descriptors (SQLite)', () => {
  let api: SqliteTestApi;
  let admin: ReturnType<typeof caller>;

  beforeAll(async () => {
    // Dialect settings are read from the process's environment, like the vendor modules' own.
    process.env['KIBO_REFRESH_BODY_LIMIT'] = '2mb';
    api = await createSqliteApi();
    admin = caller(api.app, api.adminKey);
  });
  afterAll(async () => {
    delete process.env['KIBO_REFRESH_BODY_LIMIT'];
    await api.close();
  });

  it('lists every installed dialect, its routes with URLs on this server and the body limits in force', async () => {
    const answer = await admin('GET', '/api/v1/dialects', undefined, { host: 'tally.test:8080' });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((d: { name: string }) => d.name)).toEqual(INSTALLED_DIALECTS.map((d) => d.descriptor.name));
    const kibo = answer.body.items.find((d: { name: string }) => d.name === 'kibo');
    const refresh = kibo.routes.find((r: { path: string }) => r.path === '/kibo/api/v5/inventory/refresh');
    expect(refresh).toMatchObject({
      url: 'http://tally.test:8080/kibo/api/v5/inventory/refresh',
      bodyLimitBytes: 2 * 1024 * 1024,
      bodyLimitSetting: 'KIBO_REFRESH_BODY_LIMIT',
    });
    const adjust = kibo.routes.find((r: { path: string }) => r.path === '/kibo/api/v5/inventory/adjust');
    expect(adjust).toMatchObject({ bodyLimitBytes: 1024 * 1024, bodyLimitSetting: null, contentTypes: ['application/json'] });
    expect(kibo).toMatchObject({ errorShape: 'vendor', pathPrefix: '/kibo/', credential: { scheme: 'oauth2-client-credentials' } });
    const canonical = answer.body.items.find((d: { name: string }) => d.name === 'canonical');
    expect(canonical).toMatchObject({ errorShape: 'problem', pathPrefix: null });
  });

  it('never shows an address with an empty path segment', async () => {
    const answer = await admin('GET', '/api/v1/dialects');
    const urls: string[] = answer.body.items.flatMap((d: { routes: { url: string }[]; connect: { endpoints: { url: string }[] } }) => [
      ...d.routes.map((r) => r.url),
      ...d.connect.endpoints.map((e) => e.url),
    ]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect(new URL(url).pathname).not.toMatch(/\/\/[^/]|^\/\//);
  });

  it('describes one dialect, and answers 404 naming an unknown one', async () => {
    expect((await admin('GET', '/api/v1/dialects/crux')).body).toMatchObject({ name: 'crux', title: 'Crux TIMP' });
    expect(await admin('GET', '/api/v1/dialects/acme')).toMatchObject({ status: 404, body: { code: 'RESOURCE.NOT_FOUND' } });
  });

  it('refuses a connection of an unknown dialect or with an option its dialect does not know, storing nothing', async () => {
    const before = (await admin('GET', '/api/v1/connections')).body.items.length;
    const unknown = await admin('POST', '/api/v1/connections', { dialect: 'acme', name: 'x' });
    expect(unknown).toMatchObject({ status: 422, body: { errors: [{ field: 'dialect' }] } });
    expect(unknown.body.detail).toContain('kibo');
    const misspelt = await admin('POST', '/api/v1/connections', { dialect: 'marketplacer', name: 'x', settings: { options: { sellerID: 5 } } });
    expect(misspelt).toMatchObject({ status: 422, body: { errors: [{ field: 'settings.options.sellerID' }] } });
    expect(misspelt.body.detail).toContain('known options: sellerId');
    const wrongType = await admin('POST', '/api/v1/connections', { dialect: 'retailops', name: 'x', settings: { options: { testMode: 'yes' } } });
    expect(wrongType).toMatchObject({ status: 422, body: { errors: [{ field: 'settings.options.testMode', message: 'testMode must be true or false' }] } });
    expect((await admin('GET', '/api/v1/connections')).body.items).toHaveLength(before);
  });

  it('checks options on update too, and serves a connection its connect guide without its secret', async () => {
    const created = await admin('POST', '/api/v1/connections', { dialect: 'retailops', name: 'ro', settings: { options: { clientId: 497 } } });
    expect(created.status).toBe(201);
    const bad = await admin('PATCH', `/api/v1/connections/${created.body.connection.id}`, { options: { clientId: 'abc' } });
    expect(bad).toMatchObject({ status: 422, body: { errors: [{ field: 'settings.options.clientId' }] } });
    const guide = await admin('GET', `/api/v1/connections/${created.body.connection.id}/connect-guide`, undefined, { host: 'tally.test' });
    expect(guide.status).toBe(200);
    expect(guide.body.endpoints[0].url).toBe(`http://tally.test/retailops/inventory_push_v1?connection=${created.body.credentials.credentialId}`);
    expect(JSON.stringify(guide.body)).not.toContain(created.body.credentials.secret);
  });

  it("takes a form body only where a dialect declares it, and answers errors in the path's dialect", async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const token = await api.app.inject({ method: 'POST', url: '/kibo/oauthserver/oauth2/token', headers: form, payload: 'grant_type=client_credentials' });
    expect(token.statusCode).toBe(401);
    expect(JSON.parse(token.body)).toMatchObject({ error: 'invalid_client' });
    const text = await api.app.inject({ method: 'POST', url: '/kibo/oauthserver/oauth2/token', headers: { 'content-type': 'text/plain' }, payload: 'a' });
    expect(JSON.parse(text.body)).toMatchObject({
      error: 'invalid_request',
      error_description: 'send the body as application/x-www-form-urlencoded or application/json, not text/plain',
    });
    const refresh = await api.app.inject({ method: 'POST', url: '/kibo/api/v5/inventory/refresh', headers: form, payload: 'a=b' });
    expect(refresh.statusCode).toBe(415);
    expect(JSON.parse(refresh.body)).toMatchObject({ status: 415, error: 'Unsupported Media Type' });
    const canonical = await api.app.inject({
      method: 'POST',
      url: '/api/v1/stock-levels/set',
      headers: { ...form, authorization: `Bearer ${api.adminKey}` },
      payload: 'a=b',
    });
    expect(canonical.statusCode).toBe(415);
    expect(canonical.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
