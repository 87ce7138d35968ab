import { targets } from './support/e2e-targets.state';
import { CREATE, freshTenant, levelOf, setStock, type TenantFixture } from './support/tenant.fixtures';
import type { RequestOptions } from '@tally/test-support';

const SKU = 'MALFORMED-1';
const base = { item: { sku: SKU }, location: { code: 'WH-M' }, ...CREATE };
const raw = (text: string): RequestOptions => ({ raw: text, headers: { 'content-type': 'application/json' } });
const json = (body: unknown): RequestOptions => ({ json: body });
const SET = '/api/v1/stock-levels/set';
const manyAttributes = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`a${i}`, 'v']));

/** [name, method, path, request, expected status] */
const CASES: [string, string, string, RequestOptions, number][] = [
  ['truncated JSON', 'POST', SET, raw('{"item": {"sku": '), 400],
  ['empty body with a JSON type', 'POST', SET, raw(''), 400],
  ['trailing comma', 'POST', SET, raw(`{"item": {"sku": "${SKU}"}, "location": {"code": "WH-M"}, "onHand": 4,}`), 400],
  ['leading zero', 'POST', SET, raw(`{"item": {"sku": "${SKU}"}, "location": {"code": "WH-M"}, "onHand": 04}`), 400],
  ['single quotes', 'POST', SET, raw("{'onHand': 4}"), 400],
  ['__proto__ key', 'POST', SET, raw(`{"item": {"sku": "${SKU}"}, "__proto__": {"onHand": 4}}`), 400],
  ['constructor.prototype key', 'POST', SET, raw('{"constructor": {"prototype": {"onHand": 4}}}'), 400],
  ['null body', 'POST', SET, raw('null'), 422],
  ['array body', 'POST', SET, raw('[{"onHand": 4}]'), 422],
  ['string body', 'POST', SET, raw('"onHand"'), 422],
  ['number body', 'POST', SET, raw('42'), 422],
  ['empty object', 'POST', SET, json({}), 422],
  ['numeric string quantity', 'POST', SET, json({ ...base, onHand: '5' }), 422],
  ['fractional quantity', 'POST', SET, json({ ...base, onHand: 1.5 }), 422],
  ['quantity beyond float range', 'POST', SET, raw(`{"item": {"sku": "${SKU}"}, "location": {"code": "WH-M"}, "onHand": 1e400}`), 422],
  ['quantity beyond safe integers', 'POST', SET, raw(`{"item": {"sku": "${SKU}"}, "location": {"code": "WH-M"}, "onHand": 9007199254740993}`), 422],
  ['huge negative quantity', 'POST', SET, json({ ...base, onHand: -1e15 }), 422],
  ['boolean quantity', 'POST', SET, json({ ...base, onHand: true }), 422],
  ['array quantity', 'POST', SET, json({ ...base, onHand: [4] }), 422],
  ['null for a non-nullable figure', 'POST', SET, json({ ...base, reserved: null }), 422],
  ['unknown top-level field', 'POST', SET, json({ ...base, onHand: 4, warehouse: 'x' }), 422],
  ['unknown nested field', 'POST', SET, json({ ...base, item: { sku: SKU, colour: 'red' }, onHand: 4 }), 422],
  ['item as a string', 'POST', SET, json({ ...base, item: SKU, onHand: 4 }), 422],
  ['item without identifier', 'POST', SET, json({ ...base, item: {}, onHand: 4 }), 422],
  ['item with an itemId and an identifier', 'POST', SET, json({ ...base, item: { itemId: '00000000-0000-4000-8000-000000000000', sku: SKU }, onHand: 4 }), 422],
  ['GTIN with a bad check digit', 'POST', SET, json({ ...base, item: { gtin: '036000291453' }, onHand: 4 }), 422],
  ['GTIN with letters', 'POST', SET, json({ ...base, item: { gtin: '03600029145A' }, onHand: 4 }), 422],
  ['location without key', 'POST', SET, json({ ...base, location: {}, onHand: 4 }), 422],
  ['empty location code', 'POST', SET, json({ ...base, location: { code: '' }, onHand: 4 }), 422],
  ['set naming no figure', 'POST', SET, json(base), 422],
  ['bad source timestamp', 'POST', SET, json({ ...base, onHand: 4, sourceTimestamp: 'yesterday' }), 422],
  ['unknown restriction', 'POST', SET, json({ ...base, onHand: 4, restriction: 'maybe' }), 422],
  ['non-string attribute', 'POST', SET, json({ ...base, onHand: 4, attributes: { size: 10 } }), 422],
  ['too many attributes', 'POST', SET, json({ ...base, onHand: 4, attributes: manyAttributes }), 422],
  ['negative incoming quantity', 'POST', SET, json({ ...base, onHand: 4, incoming: [{ quantity: -1 }] }), 422],
  ['price as a number', 'POST', SET, json({ ...base, onHand: 4, price: 19.99 }), 422],
  ['lower-case currency', 'POST', SET, json({ ...base, onHand: 4, currency: 'usd' }), 422],
  ['deeply nested item', 'POST', SET, raw(`{"item": ${'['.repeat(2000)}${']'.repeat(2000)}, "location": {"code": "WH-M"}, "onHand": 4}`), 422],
  ['plain text body', 'POST', SET, { raw: 'onHand=4', headers: { 'content-type': 'text/plain' } }, 415],
  ['form body', 'POST', SET, { raw: `item[sku]=${SKU}&onHand=4`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
  ['XML body', 'POST', SET, { raw: '<set><onHand>4</onHand></set>', headers: { 'content-type': 'application/xml' } }, 415],
  ['body over BODY_LIMIT', 'POST', SET, raw(JSON.stringify({ ...base, onHand: 4, pad: 'x'.repeat(1_100_000) })), 413],
  ['adjust without delta', 'POST', '/api/v1/stock-levels/adjust', json(base), 422],
  ['compare-and-set without expected', 'POST', '/api/v1/stock-levels/compare-and-set', json({ ...base, value: 4 }), 422],
  ['batch with lines as an object', 'POST', '/api/v1/stock-levels/batch', json({ ...CREATE, lines: { op: 'set' } }), 422],
  ['batch with no lines', 'POST', '/api/v1/stock-levels/batch', json({ ...CREATE, lines: [] }), 422],
  ['batch line without op', 'POST', '/api/v1/stock-levels/batch', json({ ...CREATE, lines: [{ ...base, onHand: 4 }] }), 422],
  ['batch line that is a number', 'POST', '/api/v1/stock-levels/batch', json({ ...CREATE, lines: [4] }), 422],
  ['batch line that is null', 'POST', '/api/v1/stock-levels/batch', json({ ...CREATE, lines: [null] }), 422],
  ['batch line that is an array', 'POST', '/api/v1/stock-levels/batch', json({ ...CREATE, lines: [[base]] }), 422],
  ['item as an array', 'POST', SET, json({ ...base, item: [{ sku: SKU }], onHand: 4 }), 422],
  ['negative page size', 'GET', '/api/v1/stock-levels?limit=-1', {}, 422],
  ['unknown query parameter', 'GET', '/api/v1/stock-levels?sku=x', {}, 422],
  ['bad boolean in the query', 'GET', '/api/v1/stock-levels?includeAbsent=maybe', {}, 422],
  ['unknown location policy', 'PUT', '/api/v1/locations/LOCATION/policy', json({ policy: 'loudest' }), 422],
  ['resolve with a string quantity', 'POST', '/api/v1/discrepancies/00000000-0000-4000-8000-000000000000/resolve', json({ quantity: '4' }), 422],
];

describe.each(targets())('malformed requests on %s', (_kind, target) => {
  let tenant: TenantFixture;
  let place: { itemId: string; locationId: string };
  beforeAll(async () => {
    tenant = await freshTenant(target);
    place = await setStock(tenant.admin, SKU, 'WH-M', { onHand: 3 });
  });

  it.each(CASES)('%s: %s %s answers a problem, never a 5xx', async (_name, method, path, request, status) => {
    const answer = await tenant.admin(method, path.replace('LOCATION', place.locationId), request);
    expect(answer.status).toBe(status);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String), code: expect.any(String) });
    expect(Array.isArray(answer.body.errors)).toBe(true);
  });

  it('left the data unchanged', async () => {
    const level = await levelOf(tenant.admin, place.itemId, place.locationId);
    expect(level).toMatchObject({ version: 1, figures: { onHand: 3, reserved: 0 } });
    expect((await tenant.admin('GET', '/api/v1/ledger')).body.items).toHaveLength(1);
    expect((await tenant.admin('GET', '/api/v1/items')).body.items).toHaveLength(1);
    expect((await tenant.admin('GET', `/api/v1/locations/${place.locationId}`)).body.policy).toBe('single-source');
  });
});
