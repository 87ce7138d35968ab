import { EMPTY_FIGURES, type StockFigures } from '../model/stock-figures.value-object.js';
import { itemAvailability, levelAvailability } from './availability.policy.js';

const at = (figures: Partial<StockFigures>, present = true) => ({ present, figures: { ...EMPTY_FIGURES, ...figures } });
const place = (locationId: string, figures: Partial<StockFigures>, present = true) => ({ locationId, ...at(figures, present) });

describe('levelAvailability', () => {
  it('sells nothing where there is no record', () => {
    expect(levelAvailability(at({ onHand: 10 }, false))).toEqual({ sellable: 0, unlimited: false, status: 'unavailable' });
  });

  describe('restrictions', () => {
    it('sells nothing of a discontinued item, even infinite or with stock', () => {
      expect(levelAvailability(at({ onHand: 10, infinite: true, restriction: 'discontinued' }))).toEqual({
        sellable: 0,
        unlimited: false,
        status: 'discontinued',
      });
    });

    it('sells nothing of a temporarily unavailable item', () => {
      expect(levelAvailability(at({ onHand: 10, infinite: true, restriction: 'temporarily_unavailable', backorderPolicy: 'backorder' }))).toEqual({
        sellable: 0,
        unlimited: false,
        status: 'unavailable',
      });
    });
  });

  it('is unlimited when infinite, whatever the figures', () => {
    expect(levelAvailability(at({ onHand: -5, reserved: 100, infinite: true }))).toEqual({ sellable: 0, unlimited: true, status: 'in_stock' });
  });

  describe('the sellable formula: max(0, on hand − reserved − max(safety stock, floor))', () => {
    it.each([
      [{ onHand: 10 }, 10],
      [{ onHand: 10, reserved: 3 }, 7],
      [{ onHand: 10, reserved: 3, safetyStock: 2 }, 5],
      [{ onHand: 10, reserved: 3, floor: 4 }, 3],
      [{ onHand: 10, reserved: 3, safetyStock: 4, floor: 2 }, 3],
      [{ onHand: 10, reserved: 3, safetyStock: 2, floor: 4 }, 3],
      [{ onHand: 10, safetyStock: 2, floor: 2 }, 8],
    ] as [Partial<StockFigures>, number][])('%p sells %i', (figures, sellable) => {
      expect(levelAvailability(at(figures)).sellable).toBe(sellable);
    });

    it('subtracts the larger of safety stock and floor, not both', () => {
      expect(levelAvailability(at({ onHand: 10, safetyStock: 3, floor: 3 })).sellable).toBe(7);
    });

    it('clamps at zero: negative on hand or reservations beyond stock sell nothing', () => {
      expect(levelAvailability(at({ onHand: -4 }))).toEqual({ sellable: 0, unlimited: false, status: 'out_of_stock' });
      expect(levelAvailability(at({ onHand: 3, reserved: 1_000_000 })).sellable).toBe(0);
      expect(levelAvailability(at({ onHand: 3, safetyStock: 5 })).sellable).toBe(0);
    });

    it('treats unknown on hand as nothing', () => {
      expect(levelAvailability(at({}))).toEqual({ sellable: 0, unlimited: false, status: 'out_of_stock' });
    });
  });

  describe('a reported available figure (already net of reservations)', () => {
    it('is never reduced by reserved again', () => {
      expect(levelAvailability(at({ availableReported: 6, reserved: 3 })).sellable).toBe(6);
    });

    it('is preferred over on hand', () => {
      expect(levelAvailability(at({ onHand: 100, availableReported: 6, reserved: 3 })).sellable).toBe(6);
    });

    it('still has safety stock / floor taken off and is clamped at zero', () => {
      expect(levelAvailability(at({ availableReported: 6, safetyStock: 2, floor: 1 })).sellable).toBe(4);
      expect(levelAvailability(at({ availableReported: -2 })).sellable).toBe(0);
    });

    it('counts when it is zero (zero is a figure, not "unknown")', () => {
      expect(levelAvailability(at({ onHand: 10, availableReported: 0 })).sellable).toBe(0);
    });
  });

  describe('out-of-stock threshold', () => {
    it('sells nothing at or below the threshold', () => {
      expect(levelAvailability(at({ onHand: 3, outOfStockThreshold: 3 }))).toEqual({ sellable: 0, unlimited: false, status: 'out_of_stock' });
      expect(levelAvailability(at({ onHand: 2, outOfStockThreshold: 3 })).status).toBe('out_of_stock');
    });

    it('sells the full amount above the threshold', () => {
      expect(levelAvailability(at({ onHand: 4, outOfStockThreshold: 3 }))).toEqual({ sellable: 4, unlimited: false, status: 'in_stock' });
    });

    it('compares after reservations and safety stock', () => {
      expect(levelAvailability(at({ onHand: 10, reserved: 4, safetyStock: 3, outOfStockThreshold: 3 })).status).toBe('out_of_stock');
    });

    it('is 0 by default: nothing sellable means out of stock', () => {
      expect(levelAvailability(at({ onHand: 0 })).status).toBe('out_of_stock');
      expect(levelAvailability(at({ onHand: 1 })).status).toBe('in_stock');
    });
  });

  describe('back-order policy', () => {
    it('is backorderable or preorderable when out of stock', () => {
      expect(levelAvailability(at({ onHand: 0, backorderPolicy: 'backorder' }))).toEqual({ sellable: 0, unlimited: false, status: 'backorderable' });
      expect(levelAvailability(at({ onHand: 0, backorderPolicy: 'preorder' }))).toEqual({ sellable: 0, unlimited: false, status: 'preorderable' });
    });

    it('does not change the status while there is stock', () => {
      expect(levelAvailability(at({ onHand: 5, backorderPolicy: 'backorder' })).status).toBe('in_stock');
    });
  });

  describe('low stock', () => {
    it('is low at or below the low-stock threshold, and in stock above', () => {
      expect(levelAvailability(at({ onHand: 5, lowStockThreshold: 5 }))).toEqual({ sellable: 5, unlimited: false, status: 'low_stock' });
      expect(levelAvailability(at({ onHand: 6, lowStockThreshold: 5 })).status).toBe('in_stock');
    });

    it('is never low without a threshold', () => {
      expect(levelAvailability(at({ onHand: 1, lowStockThreshold: null })).status).toBe('in_stock');
    });

    it('yields to out of stock', () => {
      expect(levelAvailability(at({ onHand: 0, lowStockThreshold: 5 })).status).toBe('out_of_stock');
    });
  });
});

describe('itemAvailability', () => {
  it('sums each location’s clamped value, so a negative location hides nothing', () => {
    const result = itemAvailability([place('a', { onHand: 5 }), place('b', { onHand: -20 }), place('c', { onHand: 3, reserved: 1 })]);
    expect(result.sellable).toBe(7);
    expect(result.locations).toEqual([
      { locationId: 'a', sellable: 5, unlimited: false, status: 'in_stock' },
      { locationId: 'b', sellable: 0, unlimited: false, status: 'out_of_stock' },
      { locationId: 'c', sellable: 2, unlimited: false, status: 'in_stock' },
    ]);
  });

  it('applies each location’s own reservations, safety stock and threshold', () => {
    const result = itemAvailability([
      place('a', { onHand: 10, safetyStock: 4 }),
      place('b', { availableReported: 3, reserved: 3 }),
      place('c', { onHand: 2, outOfStockThreshold: 2 }),
    ]);
    expect(result.sellable).toBe(9);
  });

  it('is unlimited when any location is', () => {
    expect(itemAvailability([place('a', { onHand: 1 }), place('b', { infinite: true })])).toMatchObject({ sellable: 1, unlimited: true });
  });

  it('takes the best status of any location', () => {
    const status = (...figures: Partial<StockFigures>[]) => itemAvailability(figures.map((f, i) => place(`l${i}`, f))).status;
    expect(status({ onHand: 0 }, { onHand: 9 })).toBe('in_stock');
    expect(status({ onHand: 0 }, { onHand: 2, lowStockThreshold: 3 })).toBe('low_stock');
    expect(status({ onHand: 0 }, { onHand: 0, backorderPolicy: 'backorder' })).toBe('backorderable');
    expect(status({ onHand: 0, backorderPolicy: 'preorder' }, { onHand: 0 })).toBe('preorderable');
    expect(status({ restriction: 'discontinued' }, { onHand: 0 })).toBe('out_of_stock');
    expect(status({ restriction: 'discontinued' }, { restriction: 'temporarily_unavailable' })).toBe('unavailable');
    expect(status({ restriction: 'discontinued' })).toBe('discontinued');
  });

  it('is unavailable with nothing to sell when the item is nowhere', () => {
    expect(itemAvailability([])).toEqual({ sellable: 0, unlimited: false, status: 'unavailable', locations: [] });
  });

  it('counts a removed record as nothing, not as zero stock', () => {
    expect(itemAvailability([place('a', { onHand: 4 }, false)])).toMatchObject({ sellable: 0, status: 'unavailable' });
  });
});
