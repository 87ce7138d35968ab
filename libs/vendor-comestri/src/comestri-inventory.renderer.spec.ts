import { absentLevel, EMPTY_DETAILS, EMPTY_FIGURES, patchStock, type StockLevel } from '@tally/inventory-domain';
import { toCanonicalLine } from './comestri-inventory.mapper';
import type { ComestriInventoryInput } from './comestri-inventory.model';
import { renderInventoryRecord } from './comestri-inventory.renderer';

const ITEM = '11111111-1111-4111-8111-111111111111';
const LOCATION = '22222222-2222-4222-8222-222222222222';
const context = { recordId: 2, location: { id: LOCATION, code: 'MOTUL' }, productId: '1', productCode: null };

function levelAfter(input: Partial<ComestriInventoryInput>, sourceTimestamp: string | null = null): StockLevel {
  const line = toCanonicalLine({ inventorySource: 'MOTUL', productId: 1, productCode: null, qty: 5, ...input }, 'c');
  if (line.write.kind !== 'set') throw new Error('expected a set');
  const { figures, details } = patchStock(EMPTY_FIGURES, EMPTY_DETAILS, line.write.patch);
  return { ...absentLevel({ itemId: ITEM, locationId: LOCATION }), present: true, figures, details, sourceTimestamp, version: 1 };
}

describe('renderInventoryRecord', () => {
  it('renders every field of the document’s response example', () => {
    const record = renderInventoryRecord(levelAfter({}), context);
    expect(record).toEqual({
      id: 2,
      qty: 5,
      available_qty: null,
      stock_availability: null,
      out_of_stock_threshold: null,
      dispatch_time: null,
      dispatch_time_unit: 'day',
      unit_cost: null,
      style: 'dynamic',
      sku: null,
      lead_time: null,
      lead_time_unit: 'hours',
      stock_arrival_date: null,
      back_order_handling: null,
      back_order_allocation: null,
      source_system_stock_timestamp: null,
      support_shipping: true,
      inventory_source: { id: LOCATION, name: 'MOTUL' },
      product_id: 1,
      product_code: null,
    });
  });

  it('renders back what was sent', () => {
    const input: Partial<ComestriInventoryInput> = {
      availableQty: 3,
      sku: 'S',
      stockAvailability: 'in_stock',
      outOfStockThreshold: 0,
      dispatchTime: 36,
      dispatchTimeUnit: 'hour',
      leadTime: 2,
      leadTimeUnit: 'weeks',
      stockArrivalDate: '2024-02-01',
      backOrderHandling: 'pre_orderable',
      backOrderAllocation: 4,
      sourceSystemStockTimestamp: '2024-01-01T10:00:00+10:00',
      unitCost: '12.50',
      style: 'perpetual',
    };
    expect(renderInventoryRecord(levelAfter(input, '2024-01-01T00:00:00.000Z'), context)).toMatchObject({
      available_qty: 3,
      sku: 'S',
      stock_availability: 'in_stock',
      out_of_stock_threshold: 0,
      dispatch_time: 36,
      dispatch_time_unit: 'hour',
      lead_time: 2,
      lead_time_unit: 'weeks',
      stock_arrival_date: '2024-02-01',
      back_order_handling: 'pre_orderable',
      back_order_allocation: 4,
      source_system_stock_timestamp: '2024-01-01T10:00:00+10:00',
      unit_cost: 12.5,
      style: 'perpetual',
    });
  });

  it('shows the time Tally holds when a newer one came from elsewhere', () => {
    const level = levelAfter({ sourceSystemStockTimestamp: '2024-01-01T00:00:00Z' }, '2024-03-01T00:00:00.000Z');
    expect(renderInventoryRecord(level, context).source_system_stock_timestamp).toBe('2024-03-01T00:00:00.000Z');
  });
});
