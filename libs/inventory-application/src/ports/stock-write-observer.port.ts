import type { LineStatus } from '@tally/inventory-domain';

/**
 * Told of each batch that committed (not of replays), with how its lines came out: the writes
 * counted by dialect and outcome in the metrics. Called after the commit; must not throw.
 */
export abstract class StockWriteObserver {
  /** `dialect` is the reporting connection's, or `canonical` for a direct write. */
  abstract committed(dialect: string, counts: Readonly<Record<LineStatus, number>>): void;
}
