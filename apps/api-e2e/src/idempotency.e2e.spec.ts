import { targets } from './support/e2e-targets.state';
import { CREATE, freshTenant, levelOf, setStock, unique } from './support/tenant.fixtures';
import type { Client } from '@tally/test-support';

describe.each(targets())('idempotency on %s', (_kind, target) => {
  let admin: Client;
  beforeAll(async () => {
    admin = (await freshTenant(target)).admin;
  });
  const post = (path: string, json: unknown, key: string) => admin('POST', path, { json, headers: { 'Idempotency-Key': key } });

  it('replays the original status and body, applies once, and refuses the key with another body', async () => {
    const sku = unique('SKU');
    const placed = await setStock(admin, sku, 'WH-I', { onHand: 10 });
    const key = unique('key');
    const body = { item: { sku }, location: { code: 'WH-I' }, delta: 5, reference: 'order-1' };
    const first = await post('/api/v1/stock-levels/adjust', body, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    const reordered = { reference: 'order-1', delta: 5, location: { code: 'WH-I' }, item: { sku } };
    const replay = await post('/api/v1/stock-levels/adjust', reordered, key);
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    const reused = await post('/api/v1/stock-levels/adjust', { ...body, delta: 6 }, key);
    expect(reused.status).toBe(422);
    expect(reused.contentType).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', errors: [{ field: 'Idempotency-Key' }] });
    expect((await levelOf(admin, placed.itemId, placed.locationId)).figures.onHand).toBe(15);
    expect((await admin('GET', `/api/v1/ledger?itemId=${placed.itemId}&cause=adjust`)).body.items).toHaveLength(1);
  });

  it('replays a 409 answer as it was, even once the value has changed', async () => {
    const sku = unique('SKU');
    const placed = await setStock(admin, sku, 'WH-I', { onHand: 5 });
    const key = unique('key');
    const body = { item: { sku }, location: { code: 'WH-I' }, expected: 1, value: 2 };
    const first = await post('/api/v1/stock-levels/compare-and-set', body, key);
    expect(first.body).toMatchObject({ status: 409, current: 5 });
    await setStock(admin, sku, 'WH-I', { onHand: 1 });
    const replay = await post('/api/v1/stock-levels/compare-and-set', body, key);
    expect(replay.status).toBe(409);
    expect(replay.contentType).toMatch(/^application\/problem\+json/);
    expect(replay.body).toEqual(first.body);
    expect((await levelOf(admin, placed.itemId, placed.locationId)).figures.onHand).toBe(1);
  });

  it('makes batches idempotent too, per route and per tenant', async () => {
    const sku = unique('SKU');
    const key = unique('key');
    const batch = { ...CREATE, lines: [{ op: 'adjust', item: { sku }, location: { code: 'WH-I' }, delta: 2, allowNegative: true }] };
    const first = await post('/api/v1/stock-levels/batch', batch, key);
    const replay = await post('/api/v1/stock-levels/batch', batch, key);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    const otherRoute = await post('/api/v1/stock-levels/set', { item: { sku }, location: { code: 'WH-I' }, onHand: 0 }, key);
    expect(otherRoute.status).toBe(200);
    const other = await freshTenant(target);
    const elsewhere = await other.admin('POST', '/api/v1/stock-levels/batch', {
      json: { ...batch, lines: [{ ...batch.lines[0], delta: 9 }] },
      headers: { 'Idempotency-Key': key },
    });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get('idempotency-replayed')).toBeNull();
    expect(elsewhere.body.lines[0].itemId).not.toBe(first.body.lines[0].itemId);
  });

  it('applies concurrent retries of one request exactly once', async () => {
    const sku = unique('SKU');
    const placed = await setStock(admin, sku, 'WH-I', { onHand: 0 });
    const key = unique('key');
    const body = { item: { sku }, location: { code: 'WH-I' }, delta: 1 };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/api/v1/stock-levels/adjust', body, key)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(answers[0].body);
    }
    expect((await levelOf(admin, placed.itemId, placed.locationId)).figures.onHand).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const body = { item: { sku: 'x' }, location: { code: 'y' }, onHand: 1 };
    for (const key of ['k'.repeat(256), 'with space', '']) {
      const answer = await admin('POST', '/api/v1/stock-levels/set', { json: body, headers: { 'Idempotency-Key': key } });
      expect(answer.body).toMatchObject({ status: 422, errors: [{ field: 'Idempotency-Key' }] });
    }
  });
});
