import { targets } from '../support/e2e-targets.state';
import type { RequestOptions } from '@tally/test-support';
import { comestriTenant, INVENTORIES, stockSnapshot, type ComestriFixture } from './comestri.e2e-helper';

const valid = { inventory_source: 'MOTUL', product_id: 1, qty: 5 };
const inv = (fields: Record<string, unknown>) => ({ json: { inventory: { ...valid, ...fields } } });
const raw = (text: string, type = 'application/json'): RequestOptions => ({ raw: text, headers: { 'content-type': type } });

/** One case per validation rule of the document: [rule, inventory fields, field named]. */
const RULES: [string, Record<string, unknown>, string][] = [
  ['inventory_source is required', { inventory_source: undefined }, 'inventory[inventory_source]'],
  ['inventory_source must be a String', { inventory_source: 12 }, 'inventory[inventory_source]'],
  ['product_code must be a String', { product_id: undefined, product_code: 12 }, 'inventory[product_code]'],
  ['product_id must be an Integer', { product_id: 1.5 }, 'inventory[product_id]'],
  ['sku must be a String', { sku: ['a'] }, 'inventory[sku]'],
  ['qty is required', { qty: undefined }, 'inventory[qty]'],
  ['qty must be an Integer', { qty: 'five' }, 'inventory[qty]'],
  ['available_qty must be an Integer', { available_qty: 2.5 }, 'inventory[available_qty]'],
  ['stock_availability must be one of out_of_stock, in_stock', { stock_availability: 'available' }, 'inventory[stock_availability]'],
  ['out_of_stock_threshold must be an Integer', { out_of_stock_threshold: '1.5' }, 'inventory[out_of_stock_threshold]'],
  ['dispatch_time must be an Integer', { dispatch_time: {} }, 'inventory[dispatch_time]'],
  ['dispatch_time_unit must be one of day, hour', { dispatch_time_unit: 'week' }, 'inventory[dispatch_time_unit]'],
  ['lead_time must be an Integer', { lead_time: true }, 'inventory[lead_time]'],
  ['lead_time_unit must be one of months, weeks, days, hours', { lead_time_unit: 'years' }, 'inventory[lead_time_unit]'],
  ['stock_arrival_date must be a String', { stock_arrival_date: 20160530 }, 'inventory[stock_arrival_date]'],
  ['stock_arrival_date must be ISO 8601', { stock_arrival_date: 'May 30 2016' }, 'inventory[stock_arrival_date]'],
  ['back_order_handling must be one of pre_orderable, back_orderable', { back_order_handling: 'yes' }, 'inventory[back_order_handling]'],
  ['back_order_allocation must be an Integer', { back_order_allocation: 'all' }, 'inventory[back_order_allocation]'],
  ['source_system_stock_timestamp must be a String', { source_system_stock_timestamp: 1464585206 }, 'inventory[source_system_stock_timestamp]'],
  ['source_system_stock_timestamp must be ISO 8601', { source_system_stock_timestamp: '2016-05-30 05:13' }, 'inventory[source_system_stock_timestamp]'],
  ['unit_cost must be a Numeric', { unit_cost: 'ten' }, 'inventory[unit_cost]'],
  ['style must be one of dynamic, static, perpetual', { style: 'fixed' }, 'inventory[style]'],
];

/** 50 malformed or invalid requests: [name, request, expected status]. */
const MALFORMED: [string, RequestOptions, number][] = [
  ['truncated JSON', raw('{"inventory": {"qty": '), 400],
  ['empty body with a JSON type', raw(''), 400],
  ['trailing comma', raw('{"inventory": {"inventory_source": "M", "product_id": 1, "qty": 5,}}'), 400],
  ['missing comma (as in the document)', raw('{"inventory": {"inventory_source": "M" "product_id": 1, "qty": 5}}'), 400],
  ['leading zero', raw('{"inventory": {"inventory_source": "M", "product_id": 01, "qty": 5}}'), 400],
  ['single quotes', raw("{'inventory': {}}"), 400],
  ['__proto__ key', raw('{"inventory": {"inventory_source": "M", "product_id": 1, "qty": 5}, "__proto__": {"x": 1}}'), 400],
  ['constructor.prototype key', raw('{"constructor": {"prototype": {"qty": 5}}}'), 400],
  ['NaN', raw('{"inventory": {"inventory_source": "M", "product_id": 1, "qty": NaN}}'), 400],
  ['bare word', raw('inventory'), 400],
  ['form encoded', raw('inventory[qty]=5', 'application/x-www-form-urlencoded'), 415],
  ['plain text', raw('qty=5', 'text/plain'), 415],
  ['XML', raw('<inventory><qty>5</qty></inventory>', 'application/xml'), 415],
  ['no content type', { raw: '{"inventory": {}}', headers: { 'content-type': '' } }, 415],
  ['null body', raw('null'), 422],
  ['array body', raw('[{"inventory": {}}]'), 422],
  ['string body', raw('"inventory"'), 422],
  ['number body', raw('42'), 422],
  ['true body', raw('true'), 422],
  ['empty object', { json: {} }, 422],
  ['inventory null', { json: { inventory: null } }, 422],
  ['inventory a string', { json: { inventory: 'MOTUL' } }, 422],
  ['inventory an array', { json: { inventory: [valid] } }, 422],
  ['inventory a number', { json: { inventory: 5 } }, 422],
  ['inventory empty', { json: { inventory: {} } }, 422],
  ['unwrapped record', { json: valid }, 422],
  ['extra top-level key', { json: { inventory: valid, inventories: [] } }, 422],
  ['unknown inventory key', inv({ quantity: 5 }), 422],
  ['qty null', inv({ qty: null }), 422],
  ['qty fractional', inv({ qty: 1.5 }), 422],
  ['qty beyond safe integers', raw('{"inventory": {"inventory_source": "M", "product_id": 1, "qty": 9007199254740993}}'), 422],
  ['qty beyond float range', raw('{"inventory": {"inventory_source": "M", "product_id": 1, "qty": 1e400}}'), 422],
  ['qty an object', inv({ qty: { value: 5 } }), 422],
  ['qty a numeric string with spaces', inv({ qty: ' 5' }), 422],
  ['qty in exponent form string', inv({ qty: '5e2' }), 422],
  ['product_id zero', inv({ product_id: 0 }), 422],
  ['product_id negative', inv({ product_id: -3 }), 422],
  ['product_id an array', inv({ product_id: [1] }), 422],
  ['product_code empty', inv({ product_id: undefined, product_code: '' }), 422],
  ['inventory_source empty', inv({ inventory_source: '' }), 422],
  ['inventory_source too long', inv({ inventory_source: 'M'.repeat(201) }), 422],
  ['inventory_source null', inv({ inventory_source: null }), 422],
  ['negative threshold', inv({ out_of_stock_threshold: -1 }), 422],
  ['negative back_order_allocation', inv({ back_order_allocation: -2 }), 422],
  ['negative lead_time', inv({ lead_time: -1 }), 422],
  ['impossible arrival date', inv({ stock_arrival_date: '2016-02-30' }), 422],
  ['timestamp without zone', inv({ source_system_stock_timestamp: '2016-05-30T05:13:26' }), 422],
  ['timestamp hour 25', inv({ source_system_stock_timestamp: '2016-05-30T25:13:26Z' }), 422],
  ['unit_cost infinite string', inv({ unit_cost: 'Infinity' }), 422],
  ['deeply nested inventory', { json: { inventory: JSON.parse('['.repeat(200) + ']'.repeat(200)) } }, 422],
];

describe.each(targets())('comestri validation on %s', (_kind, target) => {
  let fixture: ComestriFixture;
  let before: unknown;

  beforeAll(async () => {
    fixture = await comestriTenant(target);
    expect((await fixture.post({ inventory_source: 'MOTUL', product_id: 1, qty: 3 })).status).toBe(201);
    before = await stockSnapshot(fixture.admin);
  });

  it.each(RULES)('422 when %s, naming the field and changing nothing', async (_rule, fields, field) => {
    const answer = await fixture.comestri('POST', INVENTORIES, inv(fields));
    expect(answer.status).toBe(422);
    expect(answer.contentType).toContain('application/json');
    expect(answer.body).toMatchObject({ status: 422, code: 'REQUEST.INVALID' });
    expect(answer.body.errors).toEqual([{ field, message: expect.any(String) }]);
    expect(await stockSnapshot(fixture.admin)).toEqual(before);
  });

  it('answers 50 malformed bodies with a 4xx in the Comestri shape and changes nothing', async () => {
    expect(MALFORMED).toHaveLength(50);
    for (const [name, request, status] of MALFORMED) {
      const answer = await fixture.comestri('POST', INVENTORIES, request);
      expect({ name, status: answer.status }).toEqual({ name, status });
      expect(answer.body).toMatchObject({ status, code: expect.any(String), message: expect.any(String), errors: expect.any(Array) });
      if (status === 422) expect(answer.body.errors.length).toBeGreaterThan(0);
    }
    expect(await stockSnapshot(fixture.admin)).toEqual(before);
  });

  it('answers a body over the limit with 413 in the Comestri shape', async () => {
    const answer = await fixture.comestri('POST', INVENTORIES, inv({ sku: 'x'.repeat(2_000_000) }));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
    expect(await stockSnapshot(fixture.admin)).toEqual(before);
  });
});
