import { parseInventoryRequest } from './comestri-inventory.parser';

const valid = { inventory_source: 'MOTUL', product_id: 1, qty: 5 };
const fieldsOf = (body: unknown) => {
  const parsed = parseInventoryRequest(body);
  return parsed.ok ? [] : parsed.error.map((p) => p.field);
};

describe('parseInventoryRequest', () => {
  it('parses the document example, leaving unsent fields undefined', () => {
    const parsed = parseInventoryRequest({ inventory: valid });
    expect(parsed).toEqual({ ok: true, value: expect.objectContaining({ inventorySource: 'MOTUL', productId: 1, productCode: null, qty: 5 }) });
    if (parsed.ok) expect(parsed.value.availableQty).toBeUndefined();
  });

  it('parses every parameter of the document', () => {
    const parsed = parseInventoryRequest({
      inventory: {
        ...valid,
        sku: 'S',
        available_qty: 3,
        stock_availability: 'in_stock',
        out_of_stock_threshold: 1,
        dispatch_time: 2,
        dispatch_time_unit: 'hour',
        lead_time: 48,
        lead_time_unit: 'hours',
        stock_arrival_date: '2016-05-30T05:13:26Z',
        back_order_handling: 'pre_orderable',
        back_order_allocation: 4,
        source_system_stock_timestamp: '2016-05-30T05:13:26+10:00',
        unit_cost: 12.5,
        style: 'perpetual',
      },
    });
    expect(parsed.ok && parsed.value).toMatchObject({ unitCost: '12.5', style: 'perpetual', leadTime: 48, dispatchTimeUnit: 'hour' });
  });

  it('keeps null apart from absent', () => {
    const parsed = parseInventoryRequest({ inventory: { ...valid, available_qty: null, style: null } });
    expect(parsed.ok && parsed.value).toMatchObject({ availableQty: null, style: null });
  });

  it('accepts digit strings for integers and numerics (documented leniency)', () => {
    const parsed = parseInventoryRequest({ inventory: { ...valid, qty: '7', product_id: '12', unit_cost: '3.10' } });
    expect(parsed.ok && parsed.value).toMatchObject({ qty: 7, productId: 12, unitCost: '3.10' });
  });

  it.each([
    [{ inventory: { ...valid, product_code: 'P' } }, ['inventory[product_id]', 'inventory[product_code]']],
    [{ inventory: { inventory_source: 'MOTUL', qty: 5 } }, ['inventory[product_id]']],
    [{ inventory: { inventory_source: 'MOTUL', qty: 5, product_id: null, product_code: null } }, ['inventory[product_id]']],
    [{ inventory: { ...valid, qty: 1.5 } }, ['inventory[qty]']],
    [{ inventory: { ...valid, qty: null } }, ['inventory[qty]']],
    [{ inventory: { inventory_source: 'M', product_id: 1 } }, ['inventory[qty]']],
    [{ inventory: { ...valid, inventory_source: 5 } }, ['inventory[inventory_source]']],
    [{ inventory: { ...valid, inventory_source: ' ' } }, ['inventory[inventory_source]']],
    [{ inventory: { ...valid, product_id: 'one' } }, ['inventory[product_id]']],
    [{ inventory: { ...valid, sku: 3 } }, ['inventory[sku]']],
    [{ inventory: { ...valid, available_qty: true } }, ['inventory[available_qty]']],
    [{ inventory: { ...valid, stock_availability: 'maybe' } }, ['inventory[stock_availability]']],
    [{ inventory: { ...valid, out_of_stock_threshold: -1 } }, ['inventory[out_of_stock_threshold]']],
    [{ inventory: { ...valid, dispatch_time: '2d' } }, ['inventory[dispatch_time]']],
    [{ inventory: { ...valid, dispatch_time_unit: 'days' } }, ['inventory[dispatch_time_unit]']],
    [{ inventory: { ...valid, lead_time: [] } }, ['inventory[lead_time]']],
    [{ inventory: { ...valid, lead_time_unit: 'day' } }, ['inventory[lead_time_unit]']],
    [{ inventory: { ...valid, stock_arrival_date: '30/05/2016' } }, ['inventory[stock_arrival_date]']],
    [{ inventory: { ...valid, stock_arrival_date: '2016-02-30' } }, ['inventory[stock_arrival_date]']],
    [{ inventory: { ...valid, back_order_handling: 'backorder' } }, ['inventory[back_order_handling]']],
    [{ inventory: { ...valid, back_order_allocation: 'x' } }, ['inventory[back_order_allocation]']],
    [{ inventory: { ...valid, source_system_stock_timestamp: '2016-05-30' } }, ['inventory[source_system_stock_timestamp]']],
    [{ inventory: { ...valid, source_system_stock_timestamp: 1464585206 } }, ['inventory[source_system_stock_timestamp]']],
    [{ inventory: { ...valid, unit_cost: 'cheap' } }, ['inventory[unit_cost]']],
    [{ inventory: { ...valid, style: 'Dynamic' } }, ['inventory[style]']],
    [{ inventory: { ...valid, colour: 'red' } }, ['inventory[colour]']],
    [{ inventory: valid, extra: 1 }, ['extra']],
    [{ inventory: [valid] }, ['inventory']],
    [{}, ['inventory']],
    [[valid], ['body']],
    ['text', ['body']],
  ])('names the field of %j', (body, fields) => {
    expect(fieldsOf(body)).toEqual(fields);
  });
});

describe('parseInventoryRequest and text Tally never accepts', () => {
  it('refuses a NUL or a lone surrogate anywhere in the body, naming the field the document way', () => {
    expect(parseInventoryRequest({ inventory: { ...valid, inventory_source: 'M\u0000' } })).toEqual({
      ok: false,
      error: [{ field: 'inventory[inventory_source]', message: 'must not contain a NUL character (U+0000)' }],
    });
    expect(fieldsOf({ inventory: { ...valid, sku: '\uD83D' } })).toEqual(['inventory[sku]']);
    expect(fieldsOf({ inventory: valid, ['x\u0000']: 1 })).toEqual(['body']);
  });
});
