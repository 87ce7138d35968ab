import type { LineStatus } from '@tally/inventory-domain';

/** Who a committed batch was written for, and the first of its refused lines (rejected or in conflict). */
export interface CommittedBatch {
  readonly tenantId: string;
  /** The reporting connection; null for a direct write. */
  readonly connectionId: string | null;
  /** How many lines were refused and the first one's error; null when none was. */
  readonly refused: { readonly count: number; readonly status: number; readonly code: string; readonly message: string } | null;
}

/**
 * Told of each batch that committed (not of replays), with how its lines came out: the writes
 * counted by dialect and outcome in the metrics, and each connection's activity (ADR 0063).
 * Called after the commit; must not throw.
 */
export abstract class StockWriteObserver {
  /** `dialect` is the reporting connection's, or `canonical` for a direct write. */
  abstract committed(dialect: string, counts: Readonly<Record<LineStatus, number>>, batch?: CommittedBatch): void;
}
