import { levelAvailability } from '../availability/availability.policy.js';
import type { BatchState } from './batch-state.js';
import { expandSnapshot } from './item-snapshot.rule.js';
import { reconcileBatch } from './stock-batch.reconciler.js';
import { at, carryForward, ids, key, levelIn, observed, setLine, state } from './reconciler-test-state.spec-helper.js';
import type { StockLine } from '../model/stock-write.command.js';

const ZERO = { kind: 'set', patch: { onHand: 0, availableReported: 0, incoming: [] } };

describe('expandSnapshot', () => {
  it('zeroes the observed places of the items named that no line names, after the lines, in item then place order', () => {
    const lines = [setLine(1, key('a', 'FB'), { availableReported: 6 })];
    const out = expandSnapshot({ lines }, [key('a', 'FC'), key('a', 'FA'), key('a', 'FB')]);
    expect(out).toEqual([
      ...lines,
      { lineNo: 2, itemId: 'a', locationId: 'FA', write: ZERO, sourceTimestamp: null, cause: 'snapshot_zeroed' },
      { lineNo: 3, itemId: 'a', locationId: 'FC', write: ZERO, sourceTimestamp: null, cause: 'snapshot_zeroed' },
    ]);
  });

  it('leaves the places of items the batch does not name alone', () => {
    const lines = [setLine(1, key('a', 'FA'), { availableReported: 1 })];
    expect(expandSnapshot({ lines }, [key('b', 'FA'), key('b', 'FB')])).toEqual(lines);
  });

  it('zeroes a place once even when it is observed twice, numbered past the document', () => {
    const lines = [setLine(3, key('a', 'FA'), { availableReported: 1 })];
    const out = expandSnapshot({ lines, lastLineNo: 9 }, [key('a', 'FB'), key('a', 'FB')]);
    expect(out.slice(1).map((l) => [l.lineNo, l.locationId])).toEqual([[10, 'FB']]);
  });

  it('gives zeroing lines the newest source time of the batch', () => {
    const lines = [setLine(1, key('a', 'FA'), { availableReported: 1 }, at(4)), setLine(2, key('b', 'FA'), { availableReported: 1 }, at(2))];
    expect(expandSnapshot({ lines }, [key('b', 'FB')]).at(-1)?.sourceTimestamp).toBe(at(4));
  });

  it('adds nothing when every observed place is named again', () => {
    const lines = [setLine(1, key('a', 'FA'), { availableReported: 1 }), setLine(2, key('a', 'CH'), { availableReported: 1 })];
    expect(expandSnapshot({ lines }, [key('a', 'FA'), key('a', 'CH')])).toEqual(lines);
  });
});

describe('snapshots through the reconciler', () => {
  /** Applies one snapshot of item `a` (place → available) as connection `conn`; answers the next state. */
  function push(before: BatchState, places: Record<string, number>): { state: BatchState; ledger: number; causes: string[] } {
    const lines: StockLine[] = Object.entries(places).map(([place, available], i) => setLine(i + 1, key('a', place), { availableReported: available }));
    const observedPlaces = before.observations.filter((o) => o.connectionId === 'conn' && o.present).map((o) => key(o.itemId, o.locationId));
    const outcome = reconcileBatch(before, expandSnapshot({ lines }, observedPlaces), observed('conn'), ids());
    return { state: carryForward(before, outcome), ledger: outcome.ledger.length, causes: outcome.ledger.map((e) => e.cause) };
  }
  function sellable(s: BatchState): number {
    return ['FA', 'FB', 'CH'].reduce((sum, place) => {
      const level = levelIn(s, key('a', place));
      return sum + (level?.present ? levelAvailability(level).sellable : 0);
    }, 0);
  }

  it.each<[string, number, Record<string, number>[]]>([
    ['6 at FA, then 0 at the channel', 0, [{ FA: 6 }, { CH: 0 }]],
    ['7 at FA, then 4 at the channel', 4, [{ FA: 7 }, { CH: 4 }]],
    ['6 at FA, then 6 at FB', 6, [{ FA: 6 }, { FB: 6 }]],
    ['5, 3, 5', 5, [{ FA: 5 }, { FA: 3 }, { FA: 5 }]],
    ['4, 5, 4', 4, [{ FA: 4 }, { FA: 5 }, { FA: 4 }]],
  ])('%s ends selling %i', (_name, expected, pushes) => {
    let s = state();
    for (const places of pushes) s = push(s, places).state;
    expect(sellable(s)).toBe(expected);
  });

  it('records the zeroing with cause snapshot_zeroed, and a repeated snapshot writes no ledger entry', () => {
    const first = push(state(), { FA: 6 });
    const second = push(first.state, { FB: 6 });
    expect(second.causes.sort()).toEqual(['set', 'snapshot_zeroed']);
    const again = push(second.state, { FB: 6 });
    expect(again.ledger).toBe(0);
  });
});
