import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { caller } from '../testing/inject.helpers';
import { createSqliteApi, type SqliteTestApi } from '../testing/sqlite-api.factory';

describe('canonical API: access and errors (SQLite)', () => {
  let api: SqliteTestApi;
  let app: NestFastifyApplication;
  let admin: ReturnType<typeof caller>;
  let setHealthy: (ok: boolean) => void;

  beforeAll(async () => {
    api = await createSqliteApi();
    app = api.app;
    admin = caller(app, api.adminKey);
    setHealthy = (ok) => (api.persistence.healthy = ok);
  });
  afterAll(() => api.close());

  it('answers 401 without a key or with a wrong one, as problem+json', async () => {
    for (const key of [null, 'tly_wrong_key_that_is_long_enough_to_check']) {
      const answer = await caller(app, key)('GET', '/api/v1/items');
      expect(answer.status).toBe(401);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(answer.body.code).toBe('AUTH.UNAUTHENTICATED');
    }
  });

  it('lets a read-only key read but not write', async () => {
    const created = await admin('POST', '/api/v1/api-keys', { name: 'viewer', role: 'read_only' });
    expect(created.status).toBe(201);
    const viewer = caller(app, created.body.secret);
    expect((await viewer('GET', '/api/v1/items')).status).toBe(200);
    const write = await viewer('POST', '/api/v1/connections', { dialect: 'crux', name: 'x' });
    expect(write).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
    expect((await viewer('GET', '/api/v1/api-keys')).status).toBe(403);
  });

  it('opens tenants with the operator key only: a tenant admin gets 403 AUTH.OPERATOR_REQUIRED and changes nothing', async () => {
    const other = await admin('POST', '/api/v1/tenants', { name: 'Opened by the operator' });
    expect(other.status).toBe(201);
    expect(other.body.adminKey.key.role).toBe('admin');
    const tenantAdmin = caller(app, other.body.adminKey.secret);
    const refused = await tenantAdmin('POST', '/api/v1/tenants', { name: 'Opened by a tenant admin' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'AUTH.OPERATOR_REQUIRED' } });
    // Nor may a tenant admin make itself an operator key; the operator may make another.
    const promoted = await tenantAdmin('POST', '/api/v1/api-keys', { name: 'sneaky', role: 'operator' });
    expect(promoted).toMatchObject({ status: 403, body: { code: 'AUTH.OPERATOR_REQUIRED', errors: [{ field: 'role' }] } });
    expect((await tenantAdmin('GET', '/api/v1/api-keys')).body.items.map((k: { name: string }) => k.name)).toEqual(['initial admin']);
    const second = await admin('POST', '/api/v1/api-keys', { name: 'second operator', role: 'operator' });
    expect(second.status).toBe(201);
    expect((await caller(app, second.body.secret)('POST', '/api/v1/tenants', { name: 'Opened by the second operator' })).status).toBe(201);
  });

  it('lists a supplied bootstrap key by a public id that is no part of it, and authenticates it', async () => {
    const supplied = 'tly_operator_chose_this_key_0123456789';
    const own = await createSqliteApi({ TALLY_ADMIN_KEY: supplied });
    try {
      const operator = caller(own.app, supplied);
      const listed = (await operator('GET', '/api/v1/api-keys')).body.items;
      expect(listed).toEqual([
        expect.objectContaining({ name: 'bootstrap admin', role: 'operator', prefix: expect.stringMatching(/^tly_[A-Za-z0-9_-]{12}$/) }),
      ]);
      expect(supplied).not.toContain(listed[0].prefix);
      expect(JSON.stringify(listed)).not.toContain(supplied.slice(0, 16));
      expect((await caller(own.app, `${listed[0].prefix}_${'x'.repeat(32)}`)('GET', '/api/v1/items')).status).toBe(401);
    } finally {
      await own.close();
    }
  });

  it('hides another tenant’s objects behind 404', async () => {
    const other = await admin('POST', '/api/v1/tenants', { name: 'Other' });
    expect(other.status).toBe(201);
    const otherAdmin = caller(app, other.body.adminKey.secret);
    const connection = await admin('POST', '/api/v1/connections', { dialect: 'kibo', name: 'k' });
    const answer = await otherAdmin('GET', `/api/v1/connections/${connection.body.connection.id}`);
    expect(answer).toMatchObject({ status: 404, body: { code: 'RESOURCE.NOT_FOUND' } });
  });

  it('refuses unknown fields, wrong types and non-JSON bodies without a 5xx', async () => {
    const unknown = await admin('POST', '/api/v1/api-keys', { name: 'x', role: 'admin', extra: true });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'REQUEST.INVALID', errors: [{ field: 'extra' }] } });
    const wrongType = await admin('POST', '/api/v1/api-keys', { name: 5, role: 'admin' });
    expect(wrongType.body.errors[0].field).toBe('name');
    const text = await admin('POST', '/api/v1/api-keys', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(text).toMatchObject({ status: 415, body: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' } });
    const broken = await admin('POST', '/api/v1/api-keys', '{"name":', { 'content-type': 'application/json' });
    expect(broken).toMatchObject({ status: 400, body: { code: 'REQUEST.MALFORMED' } });
  });

  it('reports the database in /health: 200 when it answers, 503 when not', async () => {
    expect(await caller(app, null)('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', database: { status: 'up' } } });
    setHealthy(false);
    expect(await caller(app, null)('GET', '/health')).toMatchObject({ status: 503, body: { status: 'error', database: { status: 'down' } } });
    setHealthy(true);
  });

  it('documents every route with bearer auth in /docs-json', async () => {
    const { body } = await caller(app, null)('GET', '/docs-json');
    expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(expect.arrayContaining(['POST /api/v1/stock-levels/compare-and-set', 'POST /api/v1/verify', 'GET /health']));
    expect(routes.length).toBeGreaterThanOrEqual(29);
  });
});
