import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { caller } from '../testing/inject.helpers';
import { createSqliteApi, type SqliteTestApi } from '../testing/sqlite-api.factory';

const place = { item: { sku: 'A' }, location: { code: 'W' }, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' };

describe('canonical API: shapes that must not reach the use cases (SQLite)', () => {
  let api: SqliteTestApi;
  let app: NestFastifyApplication;
  let admin: ReturnType<typeof caller>;
  beforeAll(async () => {
    api = await createSqliteApi();
    app = api.app;
    admin = caller(app, api.adminKey);
  });
  afterAll(() => api.close());

  it.each([
    ['/api/v1/stock-levels/set', {}],
    ['/api/v1/stock-levels/set', { ...place, item: [] }],
    ['/api/v1/stock-levels/set', { ...place, location: [{ code: 'W' }] }],
    ['/api/v1/stock-levels/set', { ...place, onHand: 1, incoming: [[]] }],
    ['/api/v1/stock-levels/batch', { lines: [[]] }],
    ['/api/v1/stock-levels/batch', { lines: [null] }],
    ['/api/v1/stock-levels/batch', { lines: [{ op: 'set' }] }],
    ['/api/v1/stock-levels/batch', { lines: [{ op: 'constructor', ...place }] }],
    ['/api/v1/connections', { dialect: 'crux', name: 'x', settings: [{ priority: 1 }] }],
    ['/api/v1/connections', { dialect: 'crux', name: 'x', settings: { options: [] } }],
  ])('%s refuses %j with 422', async (url, body) => {
    const answer = await admin('POST', url, body);
    expect(answer).toMatchObject({ status: 422, body: { code: 'REQUEST.INVALID' } });
  });
});
