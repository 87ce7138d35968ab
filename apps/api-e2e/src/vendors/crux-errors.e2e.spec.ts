import { targets } from '../support/e2e-targets.state';
import { client, type Answer } from '@tally/test-support';
import { createConnection } from '../support/tenant.fixtures';
import { CRUX, cruxFixture, cruxLogin, type CruxFixture } from './crux.fixtures';

/** 50 bodies a Crux client must never get a 5xx for, nor change anything with: raw text, then JSON values. */
const MALFORMED: { raw?: string; json?: unknown }[] = [
  { raw: '' },
  { raw: '{' },
  { raw: '{"sku_id": "A", "quantity_in_stock": 3' },
  { raw: '{"sku_id": "A", "quantity_in_stock": 3,}' },
  { raw: "{'sku_id': 'A'}" },
  { raw: '{"sku_id": "A", "quantity_in_stock": 00003}' },
  { raw: '{"sku_id": "A", "quantity_in_stock": NaN}' },
  { raw: 'quantity_in_stock:=3 sku_id="A"' },
  { raw: '{"__proto__": {"quantity_in_stock": 1}, "sku_id": "A"}' },
  { raw: '{"constructor": {"prototype": {}}, "sku_id": "A", "quantity_in_stock": 1}' },
  { raw: '\u0000' },
  { raw: '[' },
  { raw: '"just a string' },
  { raw: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { json: null },
  { json: 3 },
  { json: 'sku_id=A' },
  { json: true },
  { json: [] },
  { json: [{ sku_id: 'A', quantity_in_stock: 3 }] },
  { json: {} },
  { json: { sku_id: 'A' } },
  { json: { quantity_in_stock: 3 } },
  { json: { sku_id: null, quantity_in_stock: 3 } },
  { json: { sku_id: '', quantity_in_stock: 3 } },
  { json: { sku_id: 42, quantity_in_stock: 3 } },
  { json: { sku_id: ['A'], quantity_in_stock: 3 } },
  { json: { sku_id: { id: 'A' }, quantity_in_stock: 3 } },
  { json: { sku_id: 'A'.repeat(201), quantity_in_stock: 3 } },
  { json: { sku_id: 'A', quantity_in_stock: '3' } },
  { json: { sku_id: 'A', quantity_in_stock: -1 } },
  { json: { sku_id: 'A', quantity_in_stock: 2.5 } },
  { json: { sku_id: 'A', quantity_in_stock: 1e21 } },
  { json: { sku_id: 'A', quantity_in_stock: null } },
  { json: { sku_id: 'A', quantity_in_stock: [3] } },
  { json: { sku_id: 'A', quantity_on_backorder: -5 } },
  { json: { sku_id: 'A', quantity_on_backorder: '2' } },
  { json: { sku_id: 'A', restrictions: 'discontinued' } },
  { json: { sku_id: 'A', restrictions: ['discontd'] } },
  { json: { sku_id: 'A', restrictions: 'discontd,tmpunavail' } },
  { json: { sku_id: 'A', restrictions: 1 } },
  { json: { sku_id: 'A', quantity_in_stock: 3, price: '9.99' } },
  { json: { sku_id: 'A', quantity_in_stock: 3, title: 'x' } },
  { json: { sku_id: 'A', quantity_in_stock: 3, location: 'W' } },
  { json: { upca: '036000291453', quantity_in_stock: 3 } },
  { json: { upca: 36000291452, quantity_in_stock: 3 } },
  { json: { ean13: '12345', quantity_in_stock: 3 } },
  { json: { gtin14: 'ABCDEFGHIJKLMN', quantity_in_stock: 3 } },
  { json: { isbn: '0-306-40615-3', quantity_in_stock: 3 } },
  { json: { upca: '036000291452', ean13: '4006381333931', quantity_in_stock: 3 } },
];

describe.each(targets())('Crux TIMP errors on %s', (_kind, target) => {
  let fx: CruxFixture;
  let sku: string;
  beforeAll(async () => {
    fx = await cruxFixture(target);
    sku = 'A';
    await fx.seed({ sku }, { onHand: 5 });
    await fx.seed({ gtin: '036000291452' }, { onHand: 5 });
  });

  const expectCruxError = (answer: Answer, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({ status_code: status, message: expect.any(String), code: expect.stringMatching(/^[A-Z]+\.[A-Z_]+$/) });
    expect(answer.body.errors.length).toBeGreaterThan(0);
  };

  it('answers 50 malformed bodies with a 4xx in Crux shape naming the field, and changes nothing', async () => {
    expect(MALFORMED).toHaveLength(50);
    const before = await fx.snapshot();
    for (const body of MALFORMED) {
      const answer = await fx.crux(
        CRUX.update,
        body.raw !== undefined ? { raw: body.raw, headers: { 'content-type': 'application/json' } } : { json: body.json },
      );
      expect({ body, status: answer.status }).toEqual({ body, status: expect.any(Number) });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expectCruxError(answer, answer.status);
      expect(answer.body.errors[0].field).toEqual(expect.any(String));
    }
    expect(await fx.snapshot()).toBe(before);
  });

  it('400: malformed JSON, a missing identifier or field, a bulk body that is not an array', async () => {
    const malformed = await fx.crux(CRUX.update, { raw: '{"sku_id": ', headers: { 'content-type': 'application/json' } });
    expectCruxError(malformed, 400);
    const noId = await fx.crux(CRUX.update, { json: { quantity_in_stock: 3 } });
    expectCruxError(noId, 400);
    expect(noId.body.errors[0]).toMatchObject({ field: 'sku_id', message: expect.stringContaining('sku_id, upca, ean13, gtin14, isbn') });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku } })).body.errors[0].field).toBe('quantity_in_stock');
    expectCruxError(await fx.crux(CRUX.bulk, { json: { sku_id: sku, quantity_in_stock: 1 } }), 400);
    expectCruxError(await fx.crux(CRUX.bulk, { json: [] }), 400);
  });

  it('401: no token, another scheme, an unknown token, a revoked connection, wrong login credentials', async () => {
    const anonymous = client(target.baseUrl, null);
    const body = { json: { sku_id: sku, quantity_in_stock: 1 } };
    const none = await anonymous('POST', CRUX.update, body);
    expectCruxError(none, 401);
    expect(none.headers.get('www-authenticate')).toBe('Token');
    expectCruxError(await fx.crux(CRUX.update, { ...body, headers: { authorization: `Bearer ${fx.token}` } }), 401);
    expectCruxError(await fx.crux(CRUX.update, { ...body, headers: { authorization: `Token ${fx.token}x` } }), 401);
    expectCruxError(await fx.crux(CRUX.bulk, { json: [body.json], headers: { authorization: 'Token 0123456789abcdef0123' } }), 401);
    expectCruxError(await anonymous('POST', CRUX.login, { json: { username: fx.username, password: `${fx.password}x` } }), 401);
    const kibo = await createConnection(fx.admin, 'kibo');
    expectCruxError(await anonymous('POST', CRUX.login, { json: { username: kibo.connection.credentialId, password: kibo.credentials.secret } }), 401);
    expectCruxError(await anonymous('POST', CRUX.login, { json: { username: fx.username } }), 400);

    const other = await createConnection(fx.admin, 'crux');
    const token = await cruxLogin(target.baseUrl, other.connection.credentialId, other.credentials.secret);
    const withToken = { ...body, headers: { authorization: `Token ${token}` } };
    expect((await fx.crux(CRUX.update, withToken)).status).toBe(200);
    await fx.admin('POST', `/api/v1/connections/${other.connection.id}/revoke`);
    expectCruxError(await fx.crux(CRUX.update, withToken), 401);
    expectCruxError(await anonymous('POST', CRUX.login, { json: { username: other.connection.credentialId, password: other.credentials.secret } }), 401);
  });

  it('403 for a field other than an inventory field, 404 for an unknown sku, 405 for another method', async () => {
    const before = await fx.snapshot();
    const forbidden = await fx.crux(CRUX.update, { json: { sku_id: sku, quantity_in_stock: 1, price: '1.00' } });
    expectCruxError(forbidden, 403);
    expect(forbidden.body.errors[0]).toMatchObject({ field: 'price', message: expect.stringContaining('only inventory fields') });
    const missing = await fx.crux(CRUX.update, { json: { sku_id: 'NO-SUCH-SKU', quantity_in_stock: 1 } });
    expectCruxError(missing, 404);
    expect(missing.body.message).toBe('No sku found with sku identifier sku_id NO-SUCH-SKU; valid identifiers are sku_id, upca, ean13, gtin14, isbn');
    const byBarcode = await fx.crux(CRUX.update, { json: { gtin14: '10036000291459', quantity_in_stock: 1 } });
    expectCruxError(byBarcode, 404);
    expect(byBarcode.body.message).toContain('gtin14 10036000291459');
    for (const [method, path] of [
      ['GET', CRUX.update],
      ['PUT', CRUX.update],
      ['PATCH', CRUX.bulk],
      ['DELETE', CRUX.bulk],
    ]) {
      const other = await client(target.baseUrl, null)(method, path);
      expectCruxError(other, 405);
      expect(other.headers.get('allow')).toBe('POST');
    }
    expect(await fx.snapshot()).toBe(before);
  });

  it('413 for a body over the limit, 415 for a body that is not JSON, 422 for an impossible identifier', async () => {
    const before = await fx.snapshot();
    const huge = JSON.stringify({ sku_id: sku, quantity_in_stock: 1, pad: 'x'.repeat(2 * 1024 * 1024) });
    expectCruxError(await fx.crux(CRUX.update, { raw: huge, headers: { 'content-type': 'application/json' } }), 413);
    expectCruxError(await fx.crux(CRUX.update, { raw: 'sku_id=A&quantity_in_stock=3', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
    expectCruxError(await fx.crux(CRUX.bulk, { raw: '[]', headers: { 'content-type': 'text/plain' } }), 415);
    const check = await fx.crux(CRUX.update, { json: { upca: '036000291450', quantity_in_stock: 1 } });
    expectCruxError(check, 422);
    expect(check.body.errors[0]).toMatchObject({ field: 'upca', message: expect.stringContaining('expected 2, got 0') });
    expectCruxError(await fx.crux(CRUX.update, { json: { ean13: '00360002914', quantity_in_stock: 1 } }), 422);
    expect(await fx.snapshot()).toBe(before);
    const unknownRoute = await fx.crux('/crux/timp/products/skus/nothing/', { json: {} });
    expectCruxError(unknownRoute, 404);
  });
});
