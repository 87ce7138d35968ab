import type { StockLine } from '../model/stock-write.command.js';
import { expandRefresh, type LocationRefresh } from './location-refresh.rule.js';
import { reconcileBatch } from './stock-batch.reconciler.js';
import { at, ids, key, level, levelIn, observation, observed, setLine, state } from './reconciler-test-state.spec-helper.js';

const LOC = 'store-9';

function refresh(mode: LocationRefresh['mode'], lines: StockLine[]): LocationRefresh {
  return { locationId: LOC, mode, lines };
}

describe('expandRefresh', () => {
  const listed = [setLine(1, key('a', LOC), { onHand: 4 }, at(5)), setLine(2, key('b', LOC), { onHand: 0 }, at(5))];

  it('partial: returns the listed lines only, leaving unlisted items alone', () => {
    const lines = expandRefresh(refresh('partial', listed), ['a', 'x', 'y']);
    expect(lines).toEqual(listed);
  });

  it('pins every line to the refreshed location', () => {
    const stray = setLine(1, key('a', 'elsewhere'), { onHand: 4 });
    expect(expandRefresh(refresh('partial', [stray]), []).map((l) => l.locationId)).toEqual([LOC]);
    expect(expandRefresh(refresh('full', [stray]), []).map((l) => l.locationId)).toEqual([LOC]);
  });

  it('full: zeroes previously reported items that are not listed now', () => {
    const lines = expandRefresh(refresh('full', listed), ['y', 'a', 'x']);
    expect(lines.slice(0, 2)).toEqual(listed);
    expect(lines.slice(2)).toEqual([
      {
        lineNo: 3,
        itemId: 'x',
        locationId: LOC,
        write: { kind: 'set', patch: { onHand: 0, availableReported: 0 } },
        sourceTimestamp: at(5),
        cause: 'refresh_zeroed',
      },
      {
        lineNo: 4,
        itemId: 'y',
        locationId: LOC,
        write: { kind: 'set', patch: { onHand: 0, availableReported: 0 } },
        sourceTimestamp: at(5),
        cause: 'refresh_zeroed',
      },
    ]);
  });

  it('full: numbers zeroing lines past the highest line number of the document', () => {
    const sparse = [setLine(7, key('a', LOC), { onHand: 1 }), setLine(3, key('b', LOC), { onHand: 1 })];
    expect(expandRefresh(refresh('full', sparse), ['c']).at(-1)?.lineNo).toBe(8);
  });

  it('full: numbers zeroing lines past the last line of the document when that line did not resolve', () => {
    const resolved = [setLine(1, key('a', LOC), { onHand: 1 })];
    expect(expandRefresh({ ...refresh('full', resolved), lastLineNo: 5 }, ['c']).at(-1)?.lineNo).toBe(6);
  });

  it('full: zeroes each previously reported item once', () => {
    const lines = expandRefresh(refresh('full', []), ['x', 'x', 'y']);
    expect(lines.map((l) => l.itemId)).toEqual(['x', 'y']);
    expect(lines.map((l) => l.lineNo)).toEqual([1, 2]);
  });

  it('full: zeroing lines carry the newest source time of the document, wherever it is listed', () => {
    const lines = [setLine(1, key('a', LOC), { onHand: 1 }, at(3)), setLine(2, key('b', LOC), { onHand: 1 }, at(1))];
    expect(expandRefresh(refresh('full', lines), ['x']).at(-1)?.sourceTimestamp).toBe(at(3));
  });

  it('full with nothing listed zeroes everything previously reported, without a source time', () => {
    const lines = expandRefresh(refresh('full', []), ['x']);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.sourceTimestamp).toBeNull();
  });

  it('full: lists nothing extra when everything reported before is listed again', () => {
    expect(expandRefresh(refresh('full', listed), ['a', 'b'])).toEqual(listed);
  });
});

describe('a full refresh through the reconciler', () => {
  it('zeroes (not removes) items the connection reported before and did not list, with cause refresh_zeroed', () => {
    const a = key('a', LOC);
    const x = key('x', LOC);
    const before = state({
      levels: [level(a, { figures: { onHand: 3 } }), level(x, { figures: { onHand: 9, availableReported: 8, reserved: 1 } })],
      observations: [
        observation('conn', a, { figures: { onHand: 3 }, sourceTimestamp: at(1) }),
        observation('conn', x, { figures: { onHand: 9, availableReported: 8, reserved: 1 }, sourceTimestamp: at(1) }),
      ],
    });
    const lines = expandRefresh(refresh('full', [setLine(1, a, { onHand: 5 }, at(2))]), ['a', 'x']);
    const outcome = reconcileBatch(before, lines, { ...observed('conn'), refresh: true }, ids());

    expect(outcome.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const zeroed = outcome.changedLevels.find((l) => l.itemId === 'x');
    expect(zeroed).toMatchObject({ present: true, version: 2, figures: { onHand: 0, availableReported: 0, reserved: 1 } });
    expect(outcome.ledger.map((e) => [e.itemId, e.cause, e.lines])).toEqual([
      ['a', 'refresh', [1]],
      ['x', 'refresh_zeroed', [2]],
    ]);
    expect(levelIn(before, x)?.figures.onHand).toBe(9);
  });

  it('zeroes an item last reported before the refresh even when the document lists an older line last', () => {
    const x = key('x', LOC);
    const before = state({
      levels: [level(x, { figures: { onHand: 9 }, sourceTimestamp: at(2) })],
      observations: [observation('conn', x, { figures: { onHand: 9 }, sourceTimestamp: at(2) })],
    });
    const listed = [setLine(1, key('a', LOC), { onHand: 1 }, at(3)), setLine(2, key('b', LOC), { onHand: 1 }, at(1))];
    const outcome = reconcileBatch(before, expandRefresh(refresh('full', listed), ['x']), { ...observed('conn'), refresh: true }, ids());
    expect(outcome.results.find((r) => r.itemId === 'x')?.status).toBe('applied');
    expect(outcome.changedLevels.find((l) => l.itemId === 'x')?.figures.onHand).toBe(0);
  });

  it('leaves alone an item reported after the refresh was taken (the zeroing line is stale)', () => {
    const x = key('x', LOC);
    const before = state({
      levels: [level(x, { figures: { onHand: 9 }, sourceTimestamp: at(5) })],
      observations: [observation('conn', x, { figures: { onHand: 9 }, sourceTimestamp: at(5) })],
    });
    const lines = expandRefresh(refresh('full', [setLine(1, key('a', LOC), { onHand: 1 }, at(3))]), ['x']);
    const outcome = reconcileBatch(before, lines, { ...observed('conn'), refresh: true }, ids());
    expect(outcome.results.find((r) => r.itemId === 'x')?.status).toBe('stale');
    expect(outcome.changedLevels.map((l) => l.itemId)).toEqual(['a']);
  });
});
