import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { caller } from '../testing/inject.helpers';
import { createSqliteApi, type SqliteTestApi } from '../testing/sqlite-api.factory';

const place = { item: { sku: 'TENT-1' }, location: { code: 'WH-1' } };
const create = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' };

describe('canonical API: stock writes (SQLite)', () => {
  let api: SqliteTestApi;
  let app: NestFastifyApplication;
  let admin: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await createSqliteApi({ BATCH_MAX_LINES: '3' });
    app = api.app;
    admin = caller(app, api.adminKey);
  });
  afterAll(() => api.close());

  it('sets, then refuses a compare-and-set on the wrong value with 409 and the current value', async () => {
    expect(await admin('POST', '/api/v1/stock-levels/set', { ...place, ...create, onHand: 10 })).toMatchObject({
      status: 200,
      body: { status: 'applied', itemCreated: true },
    });
    const conflict = await admin('POST', '/api/v1/stock-levels/compare-and-set', { ...place, expected: 9, value: 1 });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'INVENTORY.EXPECTED_MISMATCH', current: 10 } });
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('replays an idempotent write with the original answer and refuses the key with another body', async () => {
    const headers = { 'idempotency-key': 'adjust-1' };
    const first = await admin('POST', '/api/v1/stock-levels/adjust', { ...place, delta: 5 }, headers);
    const again = await admin('POST', '/api/v1/stock-levels/adjust', { delta: 5, ...place }, headers);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotency-replayed']).toBe('true');
    const reused = await admin('POST', '/api/v1/stock-levels/adjust', { ...place, delta: 6 }, headers);
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    const levels = await admin('GET', '/api/v1/stock-levels');
    expect(levels.body.items[0].figures.onHand).toBe(15);
  });

  it('keeps the good lines of a batch whose other lines are refused', async () => {
    const answer = await admin('POST', '/api/v1/stock-levels/batch', {
      lines: [
        { op: 'adjust', ...place, delta: 1 },
        { op: 'set', item: { gtin: '036000291453' }, location: { code: 'WH-1' }, onHand: 1 },
        { op: 'remove', item: { sku: 'NOPE' }, location: { code: 'WH-1' } },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.lines.map((l: { status: string }) => l.status)).toEqual(['applied', 'rejected', 'rejected']);
    expect(answer.body.lines[1].error).toMatchObject({ code: 'IDENTIFIER.BAD_CHECK_DIGIT', field: 'lines[1].item.gtin' });
    expect(answer.body.lines[2].error).toMatchObject({ code: 'INVENTORY.UNKNOWN_ITEM' });
  });

  it('reports each line of a batch once when every line is refused for its identifiers', async () => {
    const lines = [1, 2].map((n) => ({ op: 'set', item: { sku: `BAD-${n}`, gtin: '1234567890123' }, location: { code: 'WH-1' }, onHand: n }));
    const answer = await admin('POST', '/api/v1/stock-levels/batch', { ...create, lines });
    expect(answer.status).toBe(200);
    expect(answer.body.lines.map((l: { lineNo: number }) => l.lineNo)).toEqual([1, 2]);
    expect(answer.body.counts).toMatchObject({ applied: 0, rejected: 2 });
  });

  it('refuses a batch longer than BATCH_MAX_LINES', async () => {
    const lines = Array.from({ length: 4 }, () => ({ op: 'adjust', ...place, delta: 1 }));
    expect(await admin('POST', '/api/v1/stock-levels/batch', { lines })).toMatchObject({ status: 422, body: { errors: [{ field: 'lines' }] } });
  });
});
