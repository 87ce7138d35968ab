import type { LevelKey, LevelSnapshot } from './stock-level.aggregate';

/** Why a level changed. */
export type LedgerCause =
  | 'set'
  | 'adjust'
  | 'compare_and_set'
  | 'remove'
  | 'refresh'
  | 'refresh_zeroed'
  | 'observation'
  | 'discrepancy_resolved'
  | 'repair'
  /** Two items were merged: the absorbed item's place is removed, the survivor's takes its state. */
  | 'merge';

/** One immutable row per change of a stock level. */
export interface LedgerEntry extends LevelKey {
  readonly before: LevelSnapshot;
  readonly after: LevelSnapshot;
  readonly versionAfter: number;
  readonly cause: LedgerCause;
  /** Who made the change: an API key, a connection, an operator. */
  readonly actor: string;
  readonly connectionId: string | null;
  /** The caller's reference: a vendor message id, a job id, an idempotency key. */
  readonly reference: string | null;
  readonly sourceTimestamp: string | null;
  readonly recordedAt: string;
  /** Document-order line numbers that this change merges. */
  readonly lines: readonly number[];
}
