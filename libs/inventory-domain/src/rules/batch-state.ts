import type { Discrepancy } from '../model/discrepancy.entity.js';
import type { LedgerEntry } from '../model/ledger-entry.entity.js';
import type { ConnectionRules, LocationRules } from '../model/location-policy.value-object.js';
import type { Observation } from '../model/observation.entity.js';
import type { StockLevel } from '../model/stock-level.aggregate.js';
import type { DomainError } from '../common/domain-error.js';

/**
 * Everything the reconciliation of one batch reads: the current levels of the places the
 * batch touches (absent ones included), every connection's observations of those places,
 * their open discrepancies, and the rules of their locations and connections.
 */
export interface BatchState {
  readonly levels: ReadonlyMap<string, StockLevel>;
  readonly observations: readonly Observation[];
  readonly openDiscrepancies: readonly Discrepancy[];
  readonly locations: ReadonlyMap<string, LocationRules>;
  readonly connections: ReadonlyMap<string, ConnectionRules>;
}

/**
 * What happened to one line. `observed`: kept as the reporting connection's observation but
 * not applied to the level, which follows another source under the location's policy.
 */
export type LineStatus = 'applied' | 'unchanged' | 'observed' | 'stale' | 'conflict' | 'rejected';

/** Every line status, in the order reports list their counts. */
export const LINE_STATUSES: readonly LineStatus[] = ['applied', 'unchanged', 'observed', 'stale', 'conflict', 'rejected'];

/** Counts of zero for every line status. */
export function emptyLineCounts(): Record<LineStatus, number> {
  return { applied: 0, unchanged: 0, observed: 0, stale: 0, conflict: 0, rejected: 0 };
}

/** The report of one line, in document order. */
export interface LineResult {
  readonly lineNo: number;
  readonly itemId: string;
  readonly locationId: string;
  readonly status: LineStatus;
  readonly error?: DomainError;
  /** For a compare-and-set conflict: the value the figure holds now. */
  readonly current?: number | null;
  readonly warnings: readonly DomainError[];
}

/** What the reconciliation of one batch decided; persisting it is the caller's job. */
export interface BatchOutcome {
  readonly results: readonly LineResult[];
  /** Levels whose content changed, with their new version. */
  readonly changedLevels: readonly StockLevel[];
  /** The original version of each changed level, for the optimistic check on write. */
  readonly expectedVersions: ReadonlyMap<string, number>;
  readonly ledger: readonly LedgerEntry[];
  readonly observations: readonly Observation[];
  readonly openedDiscrepancies: readonly Discrepancy[];
  readonly updatedDiscrepancies: readonly Discrepancy[];
  readonly closedDiscrepancies: readonly Discrepancy[];
  /** Locations whose single source was settled by this batch. */
  readonly locationUpdates: readonly LocationRules[];
}
