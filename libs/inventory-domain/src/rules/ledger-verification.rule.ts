import { sameStock } from '../model/stock-figures.value-object.js';
import type { LedgerEntry } from '../model/ledger-entry.entity.js';
import { absentLevel, snapshotOf, type LevelKey, type LevelSnapshot, type StockLevel } from '../model/stock-level.aggregate.js';

/** How a level differs from what its ledger says it should be. */
export type DriftKind = 'none' | 'missing_level' | 'missing_ledger' | 'content' | 'version';

/** The state the ledger says a place is in: the `after` of its last entry. */
export function rebuildFromLedger(key: LevelKey, lastEntry: Pick<LedgerEntry, 'after' | 'versionAfter'> | null): StockLevel {
  if (!lastEntry) return absentLevel(key);
  return { ...key, ...lastEntry.after, version: lastEntry.versionAfter };
}

/** Compares a stored level with its last ledger entry (docs/architecture.md §4.8). */
export function detectDrift(level: StockLevel | null, lastEntry: Pick<LedgerEntry, 'after' | 'versionAfter'> | null): DriftKind {
  if (!lastEntry) return level && level.version > 0 ? 'missing_ledger' : 'none';
  if (!level) return lastEntry.after.present ? 'missing_level' : 'none';
  if (!sameSnapshot(snapshotOf(level), lastEntry.after)) return 'content';
  return level.version === lastEntry.versionAfter ? 'none' : 'version';
}

function sameSnapshot(a: LevelSnapshot, b: LevelSnapshot): boolean {
  return a.present === b.present && a.sourceTimestamp === b.sourceTimestamp && sameStock(a, b);
}
