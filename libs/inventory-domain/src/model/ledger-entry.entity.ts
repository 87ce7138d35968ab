import type { LevelKey, LevelSnapshot } from './stock-level.aggregate.js';

/**
 * Why a level changed. `source_switched`: the location's policy or source changed and the level
 * now follows another observation; `snapshot_zeroed` / `refresh_zeroed`: a snapshot or full
 * refresh left a place out that its connection reported before; `merge`: two items were merged
 * (the absorbed item's place is removed, the survivor's takes its state).
 */
export const LEDGER_CAUSES = [
  'set',
  'adjust',
  'compare_and_set',
  'remove',
  'refresh',
  'refresh_zeroed',
  'snapshot_zeroed',
  'observation',
  'discrepancy_resolved',
  'source_switched',
  'merge',
  'repair',
] as const;

/** One of {@link LEDGER_CAUSES}. */
export type LedgerCause = (typeof LEDGER_CAUSES)[number];

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
