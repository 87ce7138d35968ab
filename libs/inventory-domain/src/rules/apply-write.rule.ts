import { domainError, DomainErrorCodes, type DomainError } from '../common/domain-error.js';
import { err, ok, type Result } from '../common/result.js';
import type { LevelSnapshot } from '../model/stock-level.aggregate.js';
import type { StockWrite } from '../model/stock-write.command.js';
import { EMPTY_DETAILS, EMPTY_FIGURES, patchStock, type QuantityKind, type StockFigures } from '../model/stock-figures.value-object.js';
import { newerSourceTime } from './source-time.rule.js';

/** A refusal of one write that is an expected outcome, not a bug. */
export interface WriteRefusal extends DomainError {
  /** For a compare-and-set mismatch: the value the figure holds now. */
  readonly current?: number | null;
}

const figureField = (figure: QuantityKind): 'onHand' | 'availableReported' => (figure === 'on_hand' ? 'onHand' : 'availableReported');

const QUANTITY_FIELDS = ['onHand', 'availableReported', 'reserved', 'backorder', 'safetyStock', 'floor', 'outOfStockThreshold', 'lowStockThreshold'] as const;

/** Checks that every quantity a write carries is a safe integer. */
export function validateWrite(write: StockWrite): DomainError | null {
  const bad = (field: string, value: unknown): DomainError =>
    domainError(DomainErrorCodes.invalidQuantity, `${field} must be a whole number, got ${String(value)}`, field);
  const whole = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);
  switch (write.kind) {
    case 'set':
      for (const field of QUANTITY_FIELDS) {
        const value = write.patch[field];
        if (value !== undefined && value !== null && !whole(value)) return bad(field, value);
      }
      for (const field of ['reserved', 'backorder', 'safetyStock', 'floor', 'outOfStockThreshold'] as const) {
        const value = write.patch[field];
        if (value !== undefined && value < 0) {
          return domainError(DomainErrorCodes.invalidQuantity, `${field} must not be negative`, field);
        }
      }
      for (const [index, incoming] of (write.patch.incoming ?? []).entries()) {
        if (!whole(incoming.quantity) || incoming.quantity < 0) {
          return domainError(
            DomainErrorCodes.invalidQuantity,
            `incoming[${index}].quantity must be a whole number of at least 0, got ${String(incoming.quantity)}`,
            `incoming[${index}].quantity`,
          );
        }
      }
      return null;
    case 'adjust':
      return whole(write.delta) ? null : bad('delta', write.delta);
    case 'compare_and_set':
      if (write.expected !== null && !whole(write.expected)) return bad('expected', write.expected);
      return whole(write.value) ? null : bad('value', write.value);
    case 'remove':
      return null;
  }
}

/** Applies one write to a state, returning the new state or why it was refused. */
export function applyWrite(state: LevelSnapshot, write: StockWrite, sourceTimestamp: string | null): Result<LevelSnapshot, WriteRefusal> {
  const invalid = validateWrite(write);
  if (invalid) return err(invalid);
  const stamp = newerSourceTime(state.sourceTimestamp, sourceTimestamp);
  const base = state.present ? state : { ...state, figures: EMPTY_FIGURES, details: EMPTY_DETAILS };
  switch (write.kind) {
    case 'set': {
      const next = patchStock(base.figures, base.details, write.patch);
      return ok({ present: true, ...next, sourceTimestamp: stamp });
    }
    case 'adjust': {
      const field = figureField(write.figure);
      const value = (base.figures[field] ?? 0) + write.delta;
      // A delta that raises a negative figure is always allowed: it only moves towards zero.
      if (value < 0 && write.delta < 0 && !write.allowNegative) {
        return err(
          domainError(DomainErrorCodes.negativeNotAllowed, `adjusting ${write.figure} by ${write.delta} would leave ${value}`, 'delta', {
            current: base.figures[field],
          }),
        );
      }
      return ok(withFigure(base, field, value, stamp));
    }
    case 'compare_and_set': {
      const field = figureField(write.figure);
      const current = state.present ? state.figures[field] : null;
      if (current !== write.expected) {
        return err({
          ...domainError(DomainErrorCodes.expectedMismatch, `expected ${write.figure} ${String(write.expected)} but it is ${String(current)}`, 'expected', {
            current,
          }),
          current,
        });
      }
      return ok(withFigure(base, field, write.value, stamp));
    }
    case 'remove':
      return ok({ present: false, figures: EMPTY_FIGURES, details: EMPTY_DETAILS, sourceTimestamp: stamp });
  }
}

function withFigure(base: LevelSnapshot, field: 'onHand' | 'availableReported', value: number, stamp: string | null): LevelSnapshot {
  const figures: StockFigures = { ...base.figures, [field]: value };
  return { present: true, figures, details: base.details, sourceTimestamp: stamp };
}
