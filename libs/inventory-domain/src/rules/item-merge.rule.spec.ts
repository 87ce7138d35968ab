import { absentLevel, type StockLevel } from '../model/stock-level.aggregate.js';
import { EMPTY_FIGURES } from '../model/stock-figures.value-object.js';
import { rebuildFromLedger, detectDrift } from './ledger-verification.rule.js';
import { mergeItemLevels, mergedLevelContent } from './item-merge.rule.js';

const context = { connectionId: null, actor: 'operator', reference: 'merge:b', recordedAt: '2026-02-01T00:00:00.000Z' };

function level(itemId: string, locationId: string, onHand: number, sourceTimestamp: string | null, version = 3): StockLevel {
  return { ...absentLevel({ itemId, locationId }), present: true, figures: { ...EMPTY_FIGURES, onHand }, sourceTimestamp, version };
}

describe('mergedLevelContent', () => {
  it('prefers a present level, then the newer source time, and keeps the survivor on a tie', () => {
    const absent = absentLevel({ itemId: 'a', locationId: 'l' });
    const older = level('a', 'l', 1, '2026-01-01T00:00:00.000Z');
    const newer = level('b', 'l', 2, '2026-01-02T00:00:00.000Z');
    const untimed = level('b', 'l', 3, null);
    expect(mergedLevelContent(absent, newer)).toBe(newer);
    expect(mergedLevelContent(older, absentLevel({ itemId: 'b', locationId: 'l' }))).toBe(older);
    expect(mergedLevelContent(older, newer)).toBe(newer);
    expect(mergedLevelContent(newer, older)).toBe(newer);
    expect(mergedLevelContent(older, untimed)).toBe(older);
    expect(mergedLevelContent(level('a', 'l', 4, null), untimed).figures.onHand).toBe(4);
  });
});

describe('mergeItemLevels', () => {
  it('never adds the two levels up; the absorbed places end removed and every written place matches its ledger', () => {
    const survivor = new Map([['l1', level('a', 'l1', 5, '2026-01-01T00:00:00.000Z', 2)]]);
    const absorbed = new Map([
      ['l1', level('b', 'l1', 7, '2026-01-03T00:00:00.000Z', 4)],
      ['l2', level('b', 'l2', 3, null, 1)],
      ['l3', { ...absentLevel({ itemId: 'b', locationId: 'l3' }), version: 2 }],
    ]);
    const { levels, ledger } = mergeItemLevels('a', 'b', survivor, absorbed, context);
    const at = (itemId: string, locationId: string) => levels.find((l) => l.itemId === itemId && l.locationId === locationId);
    expect(at('a', 'l1')).toMatchObject({ present: true, figures: { onHand: 7 }, version: 3 });
    expect(at('a', 'l2')).toMatchObject({ present: true, figures: { onHand: 3 }, version: 1 });
    expect(at('b', 'l1')).toMatchObject({ present: false, version: 5 });
    expect(at('b', 'l2')).toMatchObject({ present: false, version: 2 });
    expect(at('a', 'l3')).toBeUndefined();
    expect(at('b', 'l3')).toBeUndefined();
    expect(ledger.every((e) => e.cause === 'merge' && e.actor === 'operator')).toBe(true);
    for (const l of levels) {
      const entry = ledger.find((e) => e.itemId === l.itemId && e.locationId === l.locationId) ?? null;
      expect(detectDrift(l, entry)).toBe('none');
      expect(rebuildFromLedger(l, entry)).toEqual(l);
    }
  });
});
