import { parseSkus } from './retailops-sku.parser';
import { documentedExample, sdkExample } from './testing/retailops-examples.fixture';

const sdkWith = (updates: unknown): Record<string, unknown> => ({ ...sdkExample(), inventory_updates: updates });

describe('parseSkus', () => {
  it('reads the document example: one vendor row, sellable 5 against 24 available', () => {
    const result = parseSkus(documentedExample(), 'documented');
    expect(result).toMatchObject({ ok: true, value: { problems: [] } });
    if (!result.ok) return;
    expect(result.value.updates).toEqual([
      {
        index: 0,
        sku: '53',
        available: 24,
        breakdownSum: 5,
        attributes: { 'retailops.skuId': '21' },
        rows: [
          {
            place: { kind: 'vendor', name: '002_Acme Corp' },
            available: 5,
            total: null,
            inflight: null,
            attributes: { 'retailops.unclaimed': '0', 'retailops.reservingOrders': '0', 'retailops.estShip': '2016-04-22T18:02:47.000Z' },
          },
        ],
      },
    ]);
  });

  it('reads the SDK example, keeping its non-date "string" as text', () => {
    const result = parseSkus(sdkExample(), 'sdk');
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.updates[0]).toMatchObject({ sku: 'S12345', available: 24, breakdownSum: 0 });
    expect(result.value.updates[0].rows[0]).toMatchObject({
      place: { kind: 'facility', name: 'string' },
      available: 0,
      total: 0,
      attributes: { 'retailops.estimatedAvailabilityDate': 'string' },
    });
  });

  it('turns inflight rows into incoming units at the PO destination, counted in the breakdown sum as the schema says', () => {
    const result = parseSkus(
      sdkWith([
        {
          sku: 'A',
          quantity_available: 3,
          quantity_detail: [
            { quantity_type: 'external', vendor_name: 'Acme', available_quantity: 3 },
            { quantity_type: 'inflight', po: 'PO-1', po_destination: 'DC1', available_quantity: 10, estimated_availability_date: '2026-12-01' },
          ],
        },
      ]),
      'sdk',
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.updates[0].breakdownSum).toBe(13);
    expect(result.value.updates[0].rows[1]).toMatchObject({
      place: { kind: 'facility', name: 'DC1' },
      inflight: { quantity: 10, po: 'PO-1', expectedAt: '2026-12-01T00:00:00.000Z' },
    });
  });

  it('reports a bad SKU by its field and keeps the good ones', () => {
    const result = parseSkus(
      sdkWith([
        { sku: 'GOOD', quantity_available: 1 },
        { sku: 'BAD', quantity_available: '7' },
        { quantity_available: 1 },
        { sku: 'ROW', quantity_available: 1, quantity_detail: [{ quantity_type: 'elsewhere' }] },
        { sku: 'NEG', quantity_available: -1 },
        { sku: 'NEGROW', quantity_available: 1, quantity_detail: [{ quantity_type: 'internal', facility_name: 'F', available_quantity: -1 }] },
        { sku: 'NOFAC', quantity_available: 1, quantity_detail: [{ quantity_type: 'internal', available_quantity: 1 }] },
      ]),
      'sdk',
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.updates.map((u) => [u.sku, u.available])).toEqual([
      ['GOOD', 1],
      ['NEG', -1],
    ]);
    expect(result.value.problems).toEqual([
      { index: 1, sku: 'BAD', field: 'inventory_updates[1].quantity_available', message: 'must be an integer, not a string' },
      { index: 2, sku: null, field: 'inventory_updates[2].sku', message: 'is required' },
      {
        index: 3,
        sku: 'ROW',
        field: 'inventory_updates[3].quantity_detail[0].quantity_type',
        message: 'must be one of internal, external, inflight, not "elsewhere"',
      },
      { index: 5, sku: 'NEGROW', field: 'inventory_updates[5].quantity_detail[0].available_quantity', message: 'must be between 0 and 1000000000, not -1' },
      { index: 6, sku: 'NOFAC', field: 'inventory_updates[6].quantity_detail[0].facility_name', message: 'is required for an internal quantity' },
    ]);
  });

  it('refuses the request when the list itself is broken or too long', () => {
    expect(parseSkus(sdkWith({}), 'sdk')).toEqual({ ok: false, error: { field: 'inventory_updates', message: 'must be an array, not an object' } });
    const many = parseSkus(sdkWith(Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, quantity_available: i }))), 'sdk');
    expect(many).toMatchObject({ ok: true, value: { problems: [] } });
    const huge = parseSkus(sdkWith(Array.from({ length: 100_001 }, () => ({}))), 'sdk');
    expect(huge).toEqual({ ok: false, error: { field: 'inventory_updates', message: 'must have at most 100000 elements, not 100001' } });
    const documented = documentedExample();
    (documented['data'] as Record<string, unknown>)['inventory'] = { data: [] };
    expect(parseSkus(documented, 'documented')).toMatchObject({ ok: false, error: { field: 'data.inventory.data' } });
  });

  it('counts only stock rows when there are no stock rows to compare: a SKU with only inflight rows has no breakdown sum', () => {
    const result = parseSkus(
      sdkWith([{ sku: 'A', quantity_available: 2, quantity_detail: [{ quantity_type: 'inflight', po_destination: 'DC1', available_quantity: 4 }] }]),
      'sdk',
    );
    expect(result.ok && result.value.updates[0].breakdownSum).toBeNull();
  });

  it('accepts a negative qty_available in the documented shape (oversold)', () => {
    const body = documentedExample();
    (body['data'] as { inventory: { data: Record<string, unknown> } }).inventory.data['qty_available'] = -4;
    const result = parseSkus(body, 'documented');
    expect(result.ok && result.value.updates[0].available).toBe(-4);
  });

  it('is strict about the document fields and lenient only about null order ids', () => {
    const body = documentedExample();
    const sku = (body['data'] as { inventory: { data: Record<string, unknown> } }).inventory.data;
    sku['concept'] = 'product';
    expect(parseSkus(body, 'documented')).toMatchObject({ ok: true, value: { problems: [{ field: 'data.inventory.data.concept' }] } });
    sku['concept'] = 'sku';
    sku['qty_breakdown'] = [{ est_ship: 'x', reserving_orders: [null, 17, 'R-9'], sellable: 1, unclaimed: 0, vendor: 'V' }];
    const ok = parseSkus(body, 'documented');
    expect(ok.ok && ok.value.updates[0].rows[0].attributes['retailops.reservingOrders']).toBe('2');
    sku['qty_breakdown'] = [{ est_ship: 'x', reserving_orders: [{}], sellable: 1, unclaimed: 0, vendor: 'V' }];
    expect(parseSkus(body, 'documented')).toMatchObject({ value: { problems: [{ field: 'data.inventory.data.qty_breakdown[0].reserving_orders[0]' }] } });
  });
});

describe('parseSkus and text Tally never accepts', () => {
  it('refuses only the SKU holding a NUL or a lone surrogate, read or not, and never echoes its sku', () => {
    const result = parseSkus(
      sdkWith([
        { sku: 'GOOD', quantity_available: 1 },
        { sku: 'B\u0000D', quantity_available: 2 },
        { sku: 'ROW', quantity_available: 3, quantity_detail: [{ quantity_type: 'internal', facility_name: 'F', po: 'P\uD800' }] },
        { sku: 'ORDER', quantity_available: 4, unread: ['\uDC00'] },
      ]),
      'sdk',
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.updates.map((u) => u.sku)).toEqual(['GOOD']);
    expect(result.value.problems).toEqual([
      { index: 1, sku: null, field: 'inventory_updates[1].sku', message: 'must not contain a NUL character (U+0000)' },
      { index: 2, sku: 'ROW', field: 'inventory_updates[2].quantity_detail[0].po', message: 'must not contain an unpaired surrogate (U+D800)' },
      { index: 3, sku: 'ORDER', field: 'inventory_updates[3].unread[0]', message: 'must not contain an unpaired surrogate (U+DC00)' },
    ]);
  });
});
