import { absentLevel, EMPTY_DETAILS, EMPTY_FIGURES, levelAvailability, patchStock, type StockPatch } from '@tally/inventory-domain';
import { toCanonicalLine, toDays } from './comestri-inventory.mapper';
import type { ComestriInventoryInput } from './comestri-inventory.model';

const base: ComestriInventoryInput = { inventorySource: 'MOTUL', productId: 1, productCode: null, qty: 5 };
const patchOf = (input: Partial<ComestriInventoryInput>): StockPatch => {
  const write = toCanonicalLine({ ...base, ...input }, 'con-1').write;
  if (write.kind !== 'set') throw new Error('expected a set');
  return write.patch;
};
const availabilityOf = (input: Partial<ComestriInventoryInput>) => {
  const { figures } = patchStock(EMPTY_FIGURES, EMPTY_DETAILS, patchOf(input));
  return levelAvailability({ ...absentLevel({ itemId: 'i', locationId: 'l' }), present: true, figures });
};

describe('toCanonicalLine', () => {
  it('maps product_id to the connection’s external id and the source to a location code', () => {
    const line = toCanonicalLine(base, 'con-1');
    expect(line).toMatchObject({ item: { external: { connectionId: 'con-1', externalId: '1' } }, location: { code: 'MOTUL' }, sourceTimestamp: null });
    expect(line.write).toEqual({ kind: 'set', patch: { onHand: 5 } });
  });

  it('maps product_code to the sku, also for an item it creates', () => {
    const line = toCanonicalLine({ ...base, productId: null, productCode: 'P-1' }, 'con-1');
    expect(line).toMatchObject({ item: { sku: 'P-1' }, itemIdentifiers: { sku: 'P-1' } });
  });

  it('keeps qty (on hand) and available_qty (available) apart', () => {
    expect(patchOf({ availableQty: 3 })).toMatchObject({ onHand: 5, availableReported: 3 });
    expect(availabilityOf({ availableQty: 3 }).sellable).toBe(3);
  });

  it('makes perpetual never sell out and static an ordinary level', () => {
    expect(availabilityOf({ qty: 0, style: 'perpetual' })).toMatchObject({ unlimited: true, status: 'in_stock' });
    expect(availabilityOf({ qty: 0, style: 'static' })).toMatchObject({ unlimited: false, status: 'out_of_stock' });
    expect(patchOf({ style: 'static' }).attributes).toEqual({ 'comestri.style': 'static' });
  });

  it('applies the out-of-stock threshold and back-order handling', () => {
    expect(availabilityOf({ qty: 3, outOfStockThreshold: 3 })).toMatchObject({ sellable: 0, status: 'out_of_stock' });
    expect(availabilityOf({ qty: 4, outOfStockThreshold: 3 })).toMatchObject({ sellable: 4, status: 'in_stock' });
    expect(availabilityOf({ qty: 0, backOrderHandling: 'back_orderable' }).status).toBe('backorderable');
    expect(availabilityOf({ qty: 0, backOrderHandling: 'pre_orderable' }).status).toBe('preorderable');
    expect(availabilityOf({ qty: 9, stockAvailability: 'out_of_stock' })).toMatchObject({ sellable: 0, status: 'unavailable' });
  });

  it('converts lead and dispatch times to whole days, keeping the units as sent', () => {
    const patch = patchOf({ leadTime: 36, leadTimeUnit: 'hours', dispatchTime: 2, dispatchTimeUnit: 'day' });
    expect(patch).toMatchObject({ leadTimeDays: 2, dispatchTimeDays: 2 });
    expect(patch.attributes).toMatchObject({ 'comestri.lead_time': '36', 'comestri.lead_time_unit': 'hours' });
    expect([toDays(2, 'weeks'), toDays(1, 'months'), toDays(25, 'hour')]).toEqual([14, 30, 2]);
  });

  it('clears with null and leaves unsent fields alone', () => {
    const patch = patchOf({ availableQty: null, outOfStockThreshold: null, stockArrivalDate: null, backOrderHandling: null });
    expect(patch).toMatchObject({ availableReported: null, outOfStockThreshold: 0, incoming: [], backorderPolicy: 'none' });
    expect(patch.attributes).toMatchObject({ 'comestri.stock_arrival_date': '' });
    expect(patchOf({})).toEqual({ onHand: 5 });
  });

  it('puts the arrival date on the level as incoming stock and orders by the source timestamp', () => {
    const line = toCanonicalLine({ ...base, stockArrivalDate: '2024-02-01', sourceSystemStockTimestamp: '2024-01-01T00:00:00Z' }, 'c');
    expect(line.sourceTimestamp).toBe('2024-01-01T00:00:00Z');
    expect(line.write.kind === 'set' && line.write.patch.incoming).toEqual([
      { quantity: 0, expectedAt: '2024-02-01', reference: 'comestri:stock_arrival_date' },
    ]);
  });
});
