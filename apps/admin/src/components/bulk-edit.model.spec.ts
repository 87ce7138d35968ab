import type { Schemas } from '../api/client';
import { bulkLinesOf, bulkOutcomesOf, type SeenPlace } from './bulk-edit.model';
import { wholeNumberProblem } from './level-editor.model';

const a: SeenPlace = { itemId: 'i-a', locationId: 'w', label: 'A', onHand: 5 };
const b: SeenPlace = { itemId: 'i-b', locationId: 'w', label: 'B', onHand: null };
const c: SeenPlace = { itemId: 'i-c', locationId: 'w', label: 'C', onHand: -2 };
const target = (p: SeenPlace) => ({ item: { itemId: p.itemId }, location: { locationId: p.locationId } });

describe('bulkLinesOf', () => {
  it('sets on hand by compare-and-set against the on hand seen, an unknown one expected as none', () => {
    const { lines, sent, refused } = bulkLinesOf({ kind: 'set', value: 7 }, [a, b]);
    expect(lines).toEqual([
      { op: 'compare_and_set', ...target(a), figure: 'on_hand', expected: 5, value: 7 },
      { op: 'compare_and_set', ...target(b), figure: 'on_hand', expected: null, value: 7 },
    ]);
    expect(sent).toEqual([a, b]);
    expect(refused).toEqual([]);
  });

  it('adjusts from the on hand seen, negatives kept, and refuses a place with no on hand to add to', () => {
    const { lines, sent, refused } = bulkLinesOf({ kind: 'adjust', delta: -3 }, [a, b, c]);
    expect(lines.map((l) => ('value' in l ? [l.expected, l.value] : null))).toEqual([
      [5, 2],
      [-2, -5],
    ]);
    expect(sent).toEqual([a, c]);
    expect(refused).toEqual([{ itemId: 'i-b', label: 'B', outcome: 'refused', reason: expect.stringMatching(/No on hand/) }]);
  });

  it('sets a policy by naming every policy field, whatever the on hand', () => {
    const { lines } = bulkLinesOf({ kind: 'policy', policy: 'backorder' }, [a, b]);
    expect(lines).toEqual([a, b].map((p) => ({ op: 'set', ...target(p), restriction: 'none', backorderPolicy: 'backorder', infinite: false })));
    expect(bulkLinesOf({ kind: 'policy', policy: 'discontinued' }, [a]).lines[0]).toMatchObject({ restriction: 'discontinued', backorderPolicy: 'none' });
  });
});

describe('bulkOutcomesOf', () => {
  it('gives each place its line’s outcome: applied, conflict with the current value, or refused with the reason', () => {
    const report: Schemas['BatchReportDto'] = {
      lines: [
        { lineNo: 1, status: 'applied', itemId: 'i-a', locationId: 'w', warnings: [] },
        { lineNo: 2, status: 'conflict', itemId: 'i-b', locationId: 'w', current: 4, warnings: [] },
        { lineNo: 3, status: 'rejected', itemId: null, locationId: null, error: { code: 'X', message: 'value must be a whole number' }, warnings: [] },
      ],
      counts: { applied: 1, unchanged: 0, observed: 0, stale: 0, conflict: 1, rejected: 1 },
      createdItemIds: [],
    };
    const early = { itemId: 'i-d', label: 'D', outcome: 'refused', reason: 'why' } as const;
    expect(bulkOutcomesOf([a, b, c], report, [early])).toEqual([
      { itemId: 'i-a', label: 'A', outcome: 'applied' },
      { itemId: 'i-b', label: 'B', outcome: 'conflict', current: 4 },
      { itemId: 'i-c', label: 'C', outcome: 'refused', reason: 'value must be a whole number' },
      early,
    ]);
  });
});

describe('wholeNumberProblem', () => {
  it('refuses an empty field and fractions, and accepts negatives', () => {
    expect(wholeNumberProblem('', 'the new on hand')).toBe('Enter the new on hand: a whole number.');
    expect(wholeNumberProblem('1.5', 'the change')).toBe('The change must be a whole number.');
    expect([0, -4, '12'].map((v) => wholeNumberProblem(v, 'x'))).toEqual([null, null, null]);
  });
});
