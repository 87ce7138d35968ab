import { DomainErrorCodes } from '../common/domain-error.js';
import { EMPTY_DETAILS, EMPTY_FIGURES, type StockFigures } from '../model/stock-figures.value-object.js';
import type { LevelSnapshot } from '../model/stock-level.aggregate.js';
import type { StockWrite } from '../model/stock-write.command.js';
import { applyWrite, validateWrite } from './apply-write.rule.js';

const T1 = '2024-01-01T00:00:01.000Z';
const T2 = '2024-01-01T00:00:02.000Z';

const absent: LevelSnapshot = { present: false, figures: EMPTY_FIGURES, details: EMPTY_DETAILS, sourceTimestamp: null };

const present = (figures: Partial<StockFigures>, sourceTimestamp: string | null = null): LevelSnapshot => ({
  present: true,
  figures: { ...EMPTY_FIGURES, ...figures },
  details: EMPTY_DETAILS,
  sourceTimestamp,
});

function applied(state: LevelSnapshot, write: StockWrite, ts: string | null = null): LevelSnapshot {
  const result = applyWrite(state, write, ts);
  if (!result.ok) throw new Error(`expected the write to apply, got ${result.error.code}`);
  return result.value;
}

function refused(state: LevelSnapshot, write: StockWrite, ts: string | null = null) {
  const result = applyWrite(state, write, ts);
  if (result.ok) throw new Error('expected the write to be refused');
  return result.error;
}

describe('applyWrite: set', () => {
  it('creates a present level from nothing', () => {
    const next = applied(absent, { kind: 'set', patch: { onHand: 5 } }, T1);
    expect(next).toEqual({ present: true, figures: { ...EMPTY_FIGURES, onHand: 5 }, details: EMPTY_DETAILS, sourceTimestamp: T1 });
  });

  it('changes only the named fields of a present level', () => {
    const next = applied(present({ onHand: 5, reserved: 2 }), { kind: 'set', patch: { onHand: 9 } });
    expect(next.figures).toEqual({ ...EMPTY_FIGURES, onHand: 9, reserved: 2 });
  });

  it('starts a removed level from empty figures, not from what it held before removal', () => {
    const removed: LevelSnapshot = { ...present({ onHand: 5, reserved: 2 }), present: false };
    const next = applied(removed, { kind: 'set', patch: { onHand: 1 } });
    expect(next.figures).toEqual({ ...EMPTY_FIGURES, onHand: 1 });
  });

  it('accepts a negative on hand (vendors report oversold stock)', () => {
    expect(applied(absent, { kind: 'set', patch: { onHand: -3 } }).figures.onHand).toBe(-3);
  });

  it('accepts a null quantity (clears the figure)', () => {
    expect(applied(present({ availableReported: 4 }), { kind: 'set', patch: { availableReported: null } }).figures.availableReported).toBeNull();
  });

  it('keeps the newer source time', () => {
    expect(applied(present({}, T2), { kind: 'set', patch: { onHand: 1 } }, T1).sourceTimestamp).toBe(T2);
    expect(applied(present({}, T1), { kind: 'set', patch: { onHand: 1 } }, T2).sourceTimestamp).toBe(T2);
    expect(applied(present({}, T1), { kind: 'set', patch: { onHand: 1 } }, null).sourceTimestamp).toBe(T1);
  });
});

describe('applyWrite: adjust', () => {
  it('adds the delta to on hand', () => {
    const write: StockWrite = { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: false };
    expect(applied(present({ onHand: 10 }), write).figures.onHand).toBe(7);
  });

  it('adds the delta to available, leaving on hand alone', () => {
    const write: StockWrite = { kind: 'adjust', figure: 'available', delta: 2, allowNegative: false };
    const next = applied(present({ onHand: 10, availableReported: 4 }), write);
    expect(next.figures).toMatchObject({ onHand: 10, availableReported: 6 });
  });

  it('treats an unknown figure (null or absent level) as 0', () => {
    const write: StockWrite = { kind: 'adjust', figure: 'on_hand', delta: 4, allowNegative: false };
    expect(applied(absent, write, T1)).toMatchObject({ present: true, sourceTimestamp: T1, figures: { onHand: 4 } });
    expect(applied(present({ onHand: null }), write).figures.onHand).toBe(4);
  });

  it('may go exactly to zero', () => {
    const write: StockWrite = { kind: 'adjust', figure: 'on_hand', delta: -10, allowNegative: false };
    expect(applied(present({ onHand: 10 }), write).figures.onHand).toBe(0);
  });

  it('refuses to go below zero, reporting the current value', () => {
    const error = refused(present({ onHand: 2 }), { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: false });
    expect(error.code).toBe(DomainErrorCodes.negativeNotAllowed);
    expect(error.field).toBe('delta');
    expect(error.details).toEqual({ current: 2 });
  });

  it('goes below zero when allowed', () => {
    const write: StockWrite = { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: true };
    expect(applied(present({ onHand: 2 }), write).figures.onHand).toBe(-1);
  });
});

describe('applyWrite: compare-and-set', () => {
  const cas = (expected: number | null, value: number): StockWrite => ({ kind: 'compare_and_set', figure: 'on_hand', expected, value });

  it('applies when the current value equals the expected one', () => {
    expect(applied(present({ onHand: 5 }), cas(5, 8), T1)).toMatchObject({ figures: { onHand: 8 }, sourceTimestamp: T1 });
  });

  it('applies with expected null when there is no record yet', () => {
    expect(applied(absent, cas(null, 3))).toMatchObject({ present: true, figures: { onHand: 3 } });
  });

  it('sees a removed level as "no record", whatever figures it still carries', () => {
    const removed: LevelSnapshot = { ...present({ onHand: 5 }), present: false };
    expect(refused(removed, cas(5, 6)).current).toBeNull();
    expect(applied(removed, cas(null, 6)).figures.onHand).toBe(6);
  });

  it('refuses a mismatch and reports the current value', () => {
    const error = refused(present({ onHand: 4 }), cas(5, 8));
    expect(error.code).toBe(DomainErrorCodes.expectedMismatch);
    expect(error.current).toBe(4);
    expect(error.details).toEqual({ current: 4 });
  });

  it('refuses expected 0 against no record: zero is not the same as nothing', () => {
    expect(refused(absent, cas(0, 1)).current).toBeNull();
    expect(refused(present({ onHand: 0 }), cas(null, 1)).current).toBe(0);
  });

  it('compares the available figure when asked to', () => {
    const write: StockWrite = { kind: 'compare_and_set', figure: 'available', expected: 2, value: 1 };
    expect(applied(present({ onHand: 9, availableReported: 2 }), write).figures).toMatchObject({ onHand: 9, availableReported: 1 });
    expect(refused(present({ onHand: 2, availableReported: 3 }), write).current).toBe(3);
  });
});

describe('applyWrite: remove', () => {
  it('leaves no record, which is not zero', () => {
    const next = applied(present({ onHand: 5, reserved: 1 }, T1), { kind: 'remove' }, T2);
    expect(next).toEqual({ present: false, figures: EMPTY_FIGURES, details: EMPTY_DETAILS, sourceTimestamp: T2 });
  });

  it('keeps the newer source time', () => {
    expect(applied(present({ onHand: 5 }, T2), { kind: 'remove' }, T1).sourceTimestamp).toBe(T2);
  });
});

describe('validateWrite', () => {
  const set = (patch: Record<string, unknown>): StockWrite => ({ kind: 'set', patch }) as StockWrite;

  it.each([
    ['onHand', 1.5],
    ['availableReported', Number.NaN],
    ['reserved', Number.POSITIVE_INFINITY],
    ['backorder', 2 ** 53],
    ['safetyStock', '3'],
    ['lowStockThreshold', 0.1],
  ])('refuses a set with %s = %p', (field, value) => {
    const error = validateWrite(set({ [field]: value }));
    expect(error).toMatchObject({ code: DomainErrorCodes.invalidQuantity, field });
  });

  it.each(['reserved', 'backorder', 'safetyStock', 'floor', 'outOfStockThreshold'])('refuses a negative %s', (field) => {
    expect(validateWrite(set({ [field]: -1 }))).toMatchObject({ code: DomainErrorCodes.invalidQuantity, field });
  });

  it('accepts whole numbers, negative on hand, and nulls', () => {
    expect(validateWrite(set({ onHand: -5, availableReported: null, reserved: 0, lowStockThreshold: null }))).toBeNull();
    expect(validateWrite(set({ price: '1.00', attributes: { a: 'b' } }))).toBeNull();
  });

  it('checks the delta of an adjust', () => {
    expect(validateWrite({ kind: 'adjust', figure: 'on_hand', delta: 0.5, allowNegative: true })).toMatchObject({ field: 'delta' });
    expect(validateWrite({ kind: 'adjust', figure: 'on_hand', delta: -7, allowNegative: false })).toBeNull();
  });

  it('checks expected and value of a compare-and-set', () => {
    const cas = (expected: number | null, value: number): StockWrite => ({ kind: 'compare_and_set', figure: 'on_hand', expected, value });
    expect(validateWrite(cas(1.5, 1))).toMatchObject({ field: 'expected' });
    expect(validateWrite(cas(1, Number.NaN))).toMatchObject({ field: 'value' });
    expect(validateWrite(cas(null, 1))).toBeNull();
  });

  it('has nothing to check on a remove', () => {
    expect(validateWrite({ kind: 'remove' })).toBeNull();
  });

  it('is applied by applyWrite before anything else', () => {
    const result = applyWrite(present({ onHand: 1 }), { kind: 'adjust', figure: 'on_hand', delta: 0.5, allowNegative: false }, T1);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: DomainErrorCodes.invalidQuantity }) });
  });
});

describe('applyWrite: incoming and negative recovery', () => {
  const negative = {
    present: true,
    figures: { ...EMPTY_FIGURES, onHand: -5 },
    details: EMPTY_DETAILS,
    sourceTimestamp: null,
  };

  it('lets a positive delta raise a negative figure even when the result stays below zero', () => {
    const result = applyWrite(negative, { kind: 'adjust', delta: 2, figure: 'on_hand', allowNegative: false }, null);
    expect(result.ok && result.value.figures.onHand).toBe(-3);
  });

  it('refuses a fractional or negative incoming quantity, naming the entry', () => {
    const result = applyWrite(negative, { kind: 'set', patch: { incoming: [{ quantity: 1.5, expectedAt: null, reference: null }] } }, null);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.field).toBe('incoming[0].quantity');
  });
});
