import { DomainErrorCodes } from '../common/domain-error.js';
import { EMPTY_DETAILS, EMPTY_FIGURES } from '../model/stock-figures.value-object.js';
import { levelKeyString } from '../model/stock-level.aggregate.js';
import { reconcileBatch } from './stock-batch.reconciler.js';
import { at, direct, ids, key, level, line, RECORDED_AT, setLine, state } from './reconciler-test-state.spec-helper.js';

/** Direct writes (connectionId null): the level itself is written, no observation is kept. */
describe('reconcileBatch: direct writes', () => {
  const k = key('sku-1', 'wh-1');
  const other = key('sku-2', 'wh-1');
  const sameItemOtherPlace = key('sku-1', 'wh-2');

  it('creates a level from nothing: version 1, one ledger entry with before and after', () => {
    const outcome = reconcileBatch(state(), [setLine(1, k, { onHand: 5 }, at(1))], direct(), ids());
    expect(outcome.results).toEqual([{ lineNo: 1, ...k, status: 'applied', warnings: [] }]);
    const after = { present: true, figures: { ...EMPTY_FIGURES, onHand: 5 }, details: EMPTY_DETAILS, sourceTimestamp: at(1) };
    expect(outcome.changedLevels).toEqual([{ ...k, ...after, version: 1 }]);
    expect(outcome.expectedVersions).toEqual(new Map([[levelKeyString(k), 0]]));
    expect(outcome.ledger).toEqual([
      {
        ...k,
        before: { present: false, figures: EMPTY_FIGURES, details: EMPTY_DETAILS, sourceTimestamp: null },
        after,
        versionAfter: 1,
        cause: 'set',
        actor: 'api-key-1',
        connectionId: null,
        reference: 'ref-1',
        sourceTimestamp: at(1),
        recordedAt: RECORDED_AT,
        lines: [1],
      },
    ]);
  });

  it('keeps no observation, evaluates no discrepancy and settles no location', () => {
    const outcome = reconcileBatch(state(), [setLine(1, k, { onHand: 5 })], direct(), ids());
    expect(outcome.observations).toEqual([]);
    expect(outcome.openedDiscrepancies).toEqual([]);
    expect(outcome.locationUpdates).toEqual([]);
  });

  it('reports every line in document order, whatever happened to it', () => {
    const before = state({ levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(5) })] });
    const lines = [
      setLine(4, other, { onHand: 1 }),
      setLine(2, k, { onHand: 1 }, at(1)),
      setLine(9, sameItemOtherPlace, { onHand: 1.5 }),
      line(3, k, { kind: 'compare_and_set', figure: 'on_hand', expected: 0, value: 1 }),
    ];
    const outcome = reconcileBatch(before, lines, direct(), ids());
    expect(outcome.results.map((r) => [r.lineNo, r.status])).toEqual([
      [4, 'applied'],
      [2, 'stale'],
      [9, 'rejected'],
      [3, 'conflict'],
    ]);
  });

  it('bumps a changed level by exactly one version and records its original version', () => {
    const before = state({ levels: [level(k, { figures: { onHand: 5 }, version: 7 })] });
    const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 6 })], direct(), ids());
    expect(outcome.changedLevels[0]?.version).toBe(8);
    expect(outcome.ledger[0]?.versionAfter).toBe(8);
    expect(outcome.expectedVersions.get(levelKeyString(k))).toBe(7);
  });

  describe('duplicate lines', () => {
    it('merges them in document order with a BATCH.DUPLICATE_LINE warning and ONE ledger entry', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 1 }, version: 3 })] });
      const lines = [
        setLine(1, k, { onHand: 5, reserved: 2 }),
        setLine(2, other, { onHand: 9 }),
        setLine(3, k, { onHand: 4 }),
        line(4, k, { kind: 'adjust', figure: 'on_hand', delta: -1, allowNegative: false }),
      ];
      const outcome = reconcileBatch(before, lines, direct(), ids());

      expect(outcome.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
      expect(outcome.results[0]?.warnings).toEqual([]);
      expect(outcome.results[1]?.warnings).toEqual([]);
      for (const r of [outcome.results[2], outcome.results[3]]) {
        expect(r?.warnings).toEqual([expect.objectContaining({ code: DomainErrorCodes.duplicateLine, details: { firstLine: 1 } })]);
      }
      const entries = outcome.ledger.filter((e) => e.itemId === k.itemId);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ lines: [1, 3, 4], versionAfter: 4, cause: 'adjust' });
      expect(entries[0]?.after.figures).toMatchObject({ onHand: 3, reserved: 2 });
      expect(outcome.changedLevels.filter((l) => l.itemId === k.itemId)).toHaveLength(1);
    });

    it('treats the same item at another location as a different place', () => {
      const outcome = reconcileBatch(state(), [setLine(1, k, { onHand: 1 }), setLine(2, sameItemOtherPlace, { onHand: 1 })], direct(), ids());
      expect(outcome.results.flatMap((r) => r.warnings)).toEqual([]);
      expect(outcome.ledger).toHaveLength(2);
    });

    it('reports a duplicate of a line that was refused, too', () => {
      const lines = [setLine(1, k, { onHand: 0.5 }), setLine(2, k, { onHand: 2 }), setLine(3, k, { onHand: 3 })];
      const outcome = reconcileBatch(state(), lines, direct(), ids());
      expect(outcome.results.map((r) => r.status)).toEqual(['rejected', 'applied', 'applied']);
      expect(outcome.results[1]?.warnings).toEqual([expect.objectContaining({ code: DomainErrorCodes.duplicateLine, details: { firstLine: 1 } })]);
      expect(outcome.results[2]?.warnings).toEqual([expect.objectContaining({ details: { firstLine: 1 } })]);
      expect(outcome.ledger).toHaveLength(1);
      expect(outcome.ledger[0]?.lines).toEqual([2, 3]);
    });

    it('writes no ledger entry when the merged lines end where the level started', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 } })] });
      const lines = [setLine(1, k, { onHand: 9 }), setLine(2, k, { onHand: 5 })];
      const outcome = reconcileBatch(before, lines, direct(), ids());
      expect(outcome.ledger).toEqual([]);
      expect(outcome.changedLevels).toEqual([]);
    });
  });

  describe('stale lines', () => {
    it('are reported, not applied, when older than the level', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(5) })] });
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 1 }, at(4))], direct(), ids());
      expect(outcome.results[0]).toMatchObject({ status: 'stale', error: { code: DomainErrorCodes.staleUpdate, details: { lastApplied: at(5) } } });
      expect(outcome.ledger).toEqual([]);
      expect(outcome.changedLevels).toEqual([]);
    });

    it('are spotted against a newer line earlier in the same batch', () => {
      const lines = [setLine(1, k, { onHand: 5 }, at(5)), setLine(2, k, { onHand: 1 }, at(3))];
      const outcome = reconcileBatch(state(), lines, direct(), ids());
      expect(outcome.results.map((r) => r.status)).toEqual(['applied', 'stale']);
      expect(outcome.changedLevels[0]?.figures.onHand).toBe(5);
      expect(outcome.ledger[0]?.lines).toEqual([1]);
    });

    it('exclude neither a line with the same source time nor one without a source time', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(5) })] });
      const lines = [setLine(1, k, { onHand: 6 }, at(5)), setLine(2, k, { onHand: 7 }, null)];
      const outcome = reconcileBatch(before, lines, direct(), ids());
      expect(outcome.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(outcome.changedLevels[0]).toMatchObject({ figures: { onHand: 7 }, sourceTimestamp: at(5) });
    });
  });

  describe('unchanged lines', () => {
    it('produce no ledger entry and no version bump', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(5), version: 4 })] });
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 5 }, at(5))], direct(), ids());
      expect(outcome.results[0]?.status).toBe('unchanged');
      expect(outcome.ledger).toEqual([]);
      expect(outcome.changedLevels).toEqual([]);
      expect(outcome.expectedVersions.size).toBe(0);
    });
  });

  describe('refusals never block the good lines of the batch', () => {
    it('rejects an invalid quantity and applies the rest', () => {
      const lines = [setLine(1, k, { reserved: -1 }), setLine(2, other, { onHand: 3 })];
      const outcome = reconcileBatch(state(), lines, direct(), ids());
      expect(outcome.results[0]).toMatchObject({ status: 'rejected', error: { code: DomainErrorCodes.invalidQuantity, field: 'reserved' } });
      expect(outcome.results[1]?.status).toBe('applied');
      expect(outcome.changedLevels.map((l) => l.itemId)).toEqual([other.itemId]);
    });

    it('rejects an adjust below zero unless negative is allowed', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 2 } }), level(other, { figures: { onHand: 2 } })] });
      const lines = [
        line(1, k, { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: false }),
        line(2, other, { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: true }),
      ];
      const outcome = reconcileBatch(before, lines, direct(), ids());
      expect(outcome.results[0]).toMatchObject({ status: 'rejected', error: { code: DomainErrorCodes.negativeNotAllowed } });
      expect(outcome.results[1]?.status).toBe('applied');
      expect(outcome.changedLevels).toEqual([expect.objectContaining({ itemId: other.itemId, figures: expect.objectContaining({ onHand: -1 }) })]);
    });
  });

  describe('compare-and-set', () => {
    const cas = (lineNo: number, expected: number | null, value: number) => line(lineNo, k, { kind: 'compare_and_set', figure: 'on_hand', expected, value });

    it('applies when the current value matches, with cause compare_and_set', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 } })] });
      const outcome = reconcileBatch(before, [cas(1, 5, 8)], direct(), ids());
      expect(outcome.results[0]?.status).toBe('applied');
      expect(outcome.ledger[0]).toMatchObject({ cause: 'compare_and_set', after: { figures: { onHand: 8 } } });
    });

    it("reports a mismatch as status 'conflict' with the current value, changing nothing", () => {
      const before = state({ levels: [level(k, { figures: { onHand: 4 } })] });
      const outcome = reconcileBatch(before, [cas(1, 5, 8)], direct(), ids());
      expect(outcome.results[0]).toMatchObject({ status: 'conflict', current: 4, error: { code: DomainErrorCodes.expectedMismatch } });
      expect(outcome.ledger).toEqual([]);
    });

    it('reports current null when there is no record', () => {
      const outcome = reconcileBatch(state(), [cas(1, 0, 1)], direct(), ids());
      expect(outcome.results[0]).toMatchObject({ status: 'conflict', current: null });
    });

    it('compares with the value an earlier line of the same batch left', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 4 } })] });
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 5 }), cas(2, 5, 8), cas(3, 5, 9)], direct(), ids());
      expect(outcome.results.map((r) => [r.status, r.current])).toEqual([
        ['applied', undefined],
        ['applied', undefined],
        ['conflict', 8],
      ]);
      expect(outcome.changedLevels[0]?.figures.onHand).toBe(8);
    });
  });

  describe('remove', () => {
    it('removes the record, which is not the same as zero', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 } }), level(other, { figures: { onHand: 5 } })] });
      const lines = [line(1, k, { kind: 'remove' }), setLine(2, other, { onHand: 0 })];
      const outcome = reconcileBatch(before, lines, direct(), ids());
      const [removed, zeroed] = outcome.changedLevels;
      expect(removed).toMatchObject({ present: false, figures: EMPTY_FIGURES, version: 2 });
      expect(zeroed).toMatchObject({ present: true, figures: { onHand: 0 }, version: 2 });
      expect(outcome.ledger.map((e) => e.cause)).toEqual(['remove', 'set']);
      expect(outcome.ledger[0]?.after.present).toBe(false);
    });

    it('of a place with no record still records its source time, so an older late set is stale', () => {
      const removed = reconcileBatch(state(), [line(1, k, { kind: 'remove' }, at(3))], direct(), ids());
      expect(removed.changedLevels).toEqual([expect.objectContaining({ present: false, sourceTimestamp: at(3), version: 1 })]);
      const late = reconcileBatch(state({ levels: removed.changedLevels }), [setLine(1, k, { onHand: 4 }, at(2))], direct(), ids());
      expect(late.results[0]?.status).toBe('stale');
    });

    it('is unchanged on a place that has no record and no newer source time', () => {
      const outcome = reconcileBatch(state(), [line(1, k, { kind: 'remove' })], direct(), ids());
      expect(outcome.results[0]?.status).toBe('unchanged');
      expect(outcome.ledger).toEqual([]);
    });
  });

  describe('ledger cause', () => {
    it("is the line's own cause when given, else 'refresh' inside a refresh, else the write kind", () => {
      const lines = [{ ...setLine(1, k, { onHand: 1 }), cause: 'repair' as const }, setLine(2, other, { onHand: 1 })];
      expect(reconcileBatch(state(), lines, direct(), ids()).ledger.map((e) => e.cause)).toEqual(['repair', 'set']);
      expect(reconcileBatch(state(), lines, { ...direct(), refresh: true }, ids()).ledger.map((e) => e.cause)).toEqual(['repair', 'refresh']);
    });
  });

  it('does not mutate the state it was given', () => {
    const before = state({ levels: [level(k, { figures: { onHand: 5 } })] });
    const snapshot = structuredClone(before);
    reconcileBatch(before, [setLine(1, k, { onHand: 1 }), line(2, other, { kind: 'remove' })], direct(), ids());
    expect(before).toEqual(snapshot);
  });
});
