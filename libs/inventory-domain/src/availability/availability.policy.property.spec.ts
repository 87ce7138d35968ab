import fc from 'fast-check';
import { EMPTY_FIGURES, type StockFigures } from '../model/stock-figures.value-object.js';
import { itemAvailability, levelAvailability } from './availability.policy.js';

/** Any figures, well outside what validation lets through: negative, huge, nulls. */
const anyQuantity = fc.oneof(fc.integer(), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }));
const anyFigures: fc.Arbitrary<StockFigures> = fc.record({
  onHand: fc.option(anyQuantity),
  availableReported: fc.option(anyQuantity),
  reserved: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER), anyQuantity),
  backorder: anyQuantity,
  safetyStock: anyQuantity,
  floor: anyQuantity,
  outOfStockThreshold: anyQuantity,
  lowStockThreshold: fc.option(anyQuantity),
  infinite: fc.boolean(),
  restriction: fc.constantFrom('none', 'discontinued', 'temporarily_unavailable'),
  backorderPolicy: fc.constantFrom('none', 'backorder', 'preorder'),
});
const anyLevel = fc.record({ present: fc.boolean(), figures: anyFigures });
const anyPlace = (locationId: string) => anyLevel.map((l) => ({ ...l, locationId }));
const places = fc.array(anyLevel, { maxLength: 6 }).map((ls) => ls.map((l, i) => ({ ...l, locationId: `loc-${i}` })));

describe('availability properties', () => {
  it('a level’s sellable is never negative (nor NaN), whatever its figures', () => {
    fc.assert(
      fc.property(anyLevel, (level) => {
        const { sellable } = levelAvailability(level);
        expect(Number.isNaN(sellable)).toBe(false);
        expect(sellable).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('sellable is 0 when absent or restricted, and never more than the base figure', () => {
    fc.assert(
      fc.property(anyLevel, (level) => {
        const result = levelAvailability(level);
        const f = level.figures;
        if (!level.present || f.restriction !== 'none') expect(result).toMatchObject({ sellable: 0, unlimited: false });
        const base = f.availableReported ?? (f.onHand ?? 0) - f.reserved;
        if (!result.unlimited && f.safetyStock >= 0 && f.floor >= 0) expect(result.sellable).toBeLessThanOrEqual(Math.max(0, base));
      }),
    );
  });

  it('an item’s sellable is the sum of its locations’ and is never negative', () => {
    fc.assert(
      fc.property(places, (levels) => {
        const item = itemAvailability(levels);
        expect(item.sellable).toBeGreaterThanOrEqual(0);
        expect(item.sellable).toBe(levels.reduce((sum, l) => sum + levelAvailability(l).sellable, 0));
      }),
    );
  });

  it('adding a location with negative on hand never lowers an item’s sellable', () => {
    const negativeOnHand = fc
      .record({ level: anyPlace('negative'), onHand: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: -1 }) })
      .map(({ level, onHand }) => ({ ...level, present: true, figures: { ...level.figures, onHand } }));
    fc.assert(
      fc.property(places, negativeOnHand, fc.nat(), (levels, negative, position) => {
        const before = itemAvailability(levels);
        const withNegative = [...levels];
        withNegative.splice(position % (levels.length + 1), 0, negative);
        const after = itemAvailability(withNegative);
        expect(after.sellable).toBeGreaterThanOrEqual(before.sellable);
        if (before.unlimited) expect(after.unlimited).toBe(true);
      }),
    );
  });

  it('a location that only reports on hand (no available figure) with negative on hand adds exactly nothing', () => {
    fc.assert(
      fc.property(places, fc.integer({ min: -1_000_000, max: -1 }), (levels, onHand) => {
        const before = itemAvailability(levels);
        const negative = { locationId: 'negative', present: true, figures: { ...EMPTY_FIGURES, onHand } };
        const after = itemAvailability([...levels, negative]);
        expect(after.sellable).toBe(before.sellable);
        expect(after.unlimited).toBe(before.unlimited);
      }),
    );
  });
});
