import { EMPTY_FIGURES, type StockFigures } from '@tally/inventory-domain';
import type { ItemOverviewFacts, OverviewLevel } from '../model/item-overview.model';
import { lowStockPlaces } from './low-stock.rules';

const level = (locationId: string, figures: Partial<StockFigures>, present = true): OverviewLevel => ({
  locationId,
  present,
  figures: { ...EMPTY_FIGURES, ...figures },
  updatedAt: '2026-12-01T00:00:00.000Z',
});

const item = (itemId: string, levels: OverviewLevel[]): ItemOverviewFacts => ({
  itemId,
  name: `Item ${itemId}`,
  createdAt: '2026-11-01T00:00:00.000Z',
  identifiers: [{ kind: 'sku', value: `SKU-${itemId}`, connectionId: null }],
  levels,
  openDiscrepancy: false,
  override: null,
});

describe('lowStockPlaces', () => {
  it('lists each place out of stock or at or below its threshold, out of stock first, then the most units below', () => {
    const places = lowStockPlaces([
      item('a', [level('w1', { onHand: 4, lowStockThreshold: 5 }), level('w2', { onHand: 50, lowStockThreshold: 5 })]),
      item('b', [level('w1', { onHand: 1, lowStockThreshold: 10 })]),
      item('c', [level('w1', { onHand: 0 })]),
      item('d', [level('w1', { onHand: -3, lowStockThreshold: 2 })]),
    ]);
    expect(places.map((p) => [p.itemId, p.locationId, p.status, p.threshold, p.shortfall])).toEqual([
      ['d', 'w1', 'out_of_stock', 2, 5],
      ['c', 'w1', 'out_of_stock', 0, 0],
      ['b', 'w1', 'low_stock', 10, 9],
      ['a', 'w1', 'low_stock', 5, 1],
    ]);
    expect(places[0]).toMatchObject({ sku: 'SKU-d', name: 'Item d', onHand: -3, sellable: 0, headroom: -3 });
  });

  it('measures the threshold against on hand less reserved and the larger of safety stock and floor, or the reported available', () => {
    const [reserved, reported] = lowStockPlaces([
      item('r', [level('w1', { onHand: 10, reserved: 2, safetyStock: 3, floor: 1, lowStockThreshold: 6 })]),
      item('s', [level('w1', { onHand: 100, availableReported: 4, lowStockThreshold: 6 })]),
    ]);
    expect(reserved).toMatchObject({ itemId: 's', headroom: 4, shortfall: 2 });
    expect(reported).toMatchObject({ itemId: 'r', headroom: 5, sellable: 5, shortfall: 1 });
  });

  it('leaves out places above their threshold, removed, unlimited, restricted or sold on back order', () => {
    expect(
      lowStockPlaces([
        item('a', [level('w1', { onHand: 6, lowStockThreshold: 5 })]),
        item('b', [level('w1', { onHand: 0 }, false)]),
        item('c', [level('w1', { onHand: 0, infinite: true })]),
        item('d', [level('w1', { onHand: 0, restriction: 'discontinued' })]),
        item('e', [level('w1', { onHand: 0, backorderPolicy: 'backorder' })]),
      ]),
    ).toEqual([]);
  });
});
