import type { LedgerEntry } from '../model/ledger-entry.entity.js';
import { absentLevel, snapshotOf, type StockLevel } from '../model/stock-level.aggregate.js';
import type { WriteContext } from '../model/stock-write.command.js';

/** The levels a merge writes and the ledger entries that record it. */
export interface MergedLevels {
  readonly levels: readonly StockLevel[];
  readonly ledger: readonly LedgerEntry[];
}

/**
 * Which of two levels of one product at one place survives a merge. Both describe the same
 * physical stock under two names, so adding them up would count it twice: the present one
 * wins over an absent one; between two present ones the newer source time wins, and the
 * survivor's level wins a tie (or when neither has a source time).
 */
export function mergedLevelContent(survivor: StockLevel, absorbed: StockLevel): StockLevel {
  if (!absorbed.present) return survivor;
  if (!survivor.present) return absorbed;
  if (absorbed.sourceTimestamp !== null && (survivor.sourceTimestamp === null || absorbed.sourceTimestamp > survivor.sourceTimestamp)) {
    return absorbed;
  }
  return survivor;
}

/**
 * Merges the levels of an absorbed item into the survivor's, place by place (levels keyed by
 * location id; a missing level is absent). Every absorbed place that was ever written ends
 * removed, recorded by a `merge` ledger entry; a survivor place whose content changes gets a
 * `merge` entry with its new state, so rebuilding levels from the ledger still matches.
 */
export function mergeItemLevels(
  survivorId: string,
  absorbedId: string,
  survivorLevels: ReadonlyMap<string, StockLevel>,
  absorbedLevels: ReadonlyMap<string, StockLevel>,
  context: WriteContext,
): MergedLevels {
  const levels: StockLevel[] = [];
  const ledger: LedgerEntry[] = [];
  const entry = (before: StockLevel, after: StockLevel): LedgerEntry => ({
    itemId: after.itemId,
    locationId: after.locationId,
    before: snapshotOf(before),
    after: snapshotOf(after),
    versionAfter: after.version,
    cause: 'merge',
    actor: context.actor,
    connectionId: context.connectionId,
    reference: context.reference,
    sourceTimestamp: after.sourceTimestamp,
    recordedAt: context.recordedAt,
    lines: [],
  });
  const locations = [...absorbedLevels.keys()].sort();
  for (const locationId of locations) {
    const absorbed = absorbedLevels.get(locationId) as StockLevel;
    if (absorbed.version === 0) continue;
    const survivor = survivorLevels.get(locationId) ?? absentLevel({ itemId: survivorId, locationId });
    const kept = mergedLevelContent(survivor, absorbed);
    if (kept !== survivor) {
      const next: StockLevel = { ...kept, itemId: survivorId, locationId, version: survivor.version + 1 };
      levels.push(next);
      ledger.push(entry(survivor, next));
    }
    if (absorbed.present) {
      const removed: StockLevel = { ...absentLevel({ itemId: absorbedId, locationId }), version: absorbed.version + 1 };
      levels.push(removed);
      ledger.push(entry(absorbed, removed));
    }
  }
  return { levels, ledger };
}
