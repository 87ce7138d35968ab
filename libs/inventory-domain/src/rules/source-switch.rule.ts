import type { Discrepancy } from '../model/discrepancy.entity.js';
import type { LedgerEntry } from '../model/ledger-entry.entity.js';
import { absentLevel, levelKeyString, sameSnapshot, snapshotOf, type LevelKey, type LevelSnapshot, type StockLevel } from '../model/stock-level.aggregate.js';
import type { WriteContext } from '../model/stock-write.command.js';
import type { BatchOutcome, BatchState } from './batch-state.js';
import { evaluateDiscrepancy } from './discrepancy.rule.js';
import { currentObservations, selectFollowedObservation } from './policy-selection.rule.js';

/**
 * After a location's policy or source changed (the rules in `state` are the new ones): each
 * place follows the observation the new rules pick, with a `source_switched` ledger entry
 * where the level changes, and its discrepancy is evaluated again. A place whose new source
 * has not reported keeps its level (and its disagreement stays visible as a discrepancy).
 */
export function refollowPlaces(state: BatchState, keys: readonly LevelKey[], context: WriteContext, newId: () => string): BatchOutcome {
  const byPlace = new Map<string, BatchState['observations'][number][]>();
  for (const o of state.observations) {
    const place = levelKeyString(o);
    byPlace.set(place, [...(byPlace.get(place) ?? []), o]);
  }
  const open = new Map(state.openDiscrepancies.map((d) => [levelKeyString(d), d]));
  const changedLevels: StockLevel[] = [];
  const expectedVersions = new Map<string, number>();
  const ledger: LedgerEntry[] = [];
  const opened: Discrepancy[] = [];
  const updated: Discrepancy[] = [];
  const closed: Discrepancy[] = [];
  for (const key of keys) {
    const place = levelKeyString(key);
    const rules = state.locations.get(key.locationId);
    const observations = currentObservations(byPlace.get(place) ?? [], state.connections);
    const level = state.levels.get(place) ?? absentLevel(key);
    const followed = rules ? selectFollowedObservation(rules, observations, state.connections) : null;
    let after: LevelSnapshot = snapshotOf(level);
    if (followed) {
      const next: LevelSnapshot = {
        present: followed.present,
        figures: followed.figures,
        details: followed.details,
        sourceTimestamp: followed.sourceTimestamp,
      };
      if (!sameSnapshot(after, next)) {
        const changed: StockLevel = { ...level, ...next, version: level.version + 1 };
        changedLevels.push(changed);
        expectedVersions.set(place, level.version);
        ledger.push({
          itemId: key.itemId,
          locationId: key.locationId,
          before: snapshotOf(level),
          after: next,
          versionAfter: changed.version,
          cause: 'source_switched',
          actor: context.actor,
          connectionId: followed.connectionId,
          reference: context.reference,
          sourceTimestamp: next.sourceTimestamp,
          recordedAt: context.recordedAt,
          lines: [],
        });
        after = next;
      }
    }
    const change = evaluateDiscrepancy(key, observations, after, open.get(place) ?? null, context.recordedAt, newId);
    if (change.kind === 'opened') opened.push(change.discrepancy);
    if (change.kind === 'updated') updated.push(change.discrepancy);
    if (change.kind === 'closed') closed.push(change.discrepancy);
  }
  return {
    results: [],
    changedLevels,
    expectedVersions,
    ledger,
    observations: [],
    openedDiscrepancies: opened,
    updatedDiscrepancies: updated,
    closedDiscrepancies: closed,
    locationUpdates: [],
  };
}
