import type { LedgerCause } from './ledger-entry.entity.js';
import type { LevelKey } from './stock-level.aggregate.js';
import type { QuantityKind, StockPatch } from './stock-figures.value-object.js';

/** Absolute write: the named fields take the given values. */
export interface SetWrite {
  readonly kind: 'set';
  readonly patch: StockPatch;
}

/** Delta write on one figure; refused when it would go below zero unless allowed. */
export interface AdjustWrite {
  readonly kind: 'adjust';
  readonly delta: number;
  readonly figure: QuantityKind;
  readonly allowNegative: boolean;
}

/** Applies only when the figure currently equals `expected` (null: no record yet). */
export interface CompareAndSetWrite {
  readonly kind: 'compare_and_set';
  readonly figure: QuantityKind;
  readonly expected: number | null;
  readonly value: number;
}

/** Removes the record; afterwards there is no level, which differs from zero. */
export interface RemoveWrite {
  readonly kind: 'remove';
}

/** One of the canonical write kinds of docs/architecture.md §4.3. */
export type StockWrite = SetWrite | AdjustWrite | CompareAndSetWrite | RemoveWrite;

/** One line of a batch, resolved to an item and a location. */
export interface StockLine extends LevelKey {
  /** Position in the caller's document, for reports. */
  readonly lineNo: number;
  readonly write: StockWrite;
  /** ISO-8601 time the source's figure reflects, used to spot stale lines. */
  readonly sourceTimestamp: string | null;
  /** The ledger cause, when it is not simply the write kind. */
  readonly cause?: LedgerCause;
}

/** Who writes and why: the same for every line of a batch. */
export interface WriteContext {
  /** The reporting connection; null for an operator's or API client's direct write. */
  readonly connectionId: string | null;
  readonly actor: string;
  readonly reference: string | null;
  /** ISO-8601 time Tally records the batch. */
  readonly recordedAt: string;
  /** True when the lines come from a location refresh. */
  readonly refresh?: boolean;
}
