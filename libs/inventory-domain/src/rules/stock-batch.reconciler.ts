import { domainError, DomainErrorCodes } from '../common/domain-error.js';
import type { Discrepancy } from '../model/discrepancy.entity.js';
import type { LedgerCause, LedgerEntry } from '../model/ledger-entry.entity.js';
import type { LocationRules } from '../model/location-policy.value-object.js';
import type { Observation } from '../model/observation.entity.js';
import { absentLevel, levelKeyString, sameSnapshot, snapshotOf, type LevelKey, type LevelSnapshot, type StockLevel } from '../model/stock-level.aggregate.js';
import type { StockLine, WriteContext } from '../model/stock-write.command.js';
import type { DomainError } from '../common/domain-error.js';
import { applyWrite } from './apply-write.rule.js';
import type { BatchOutcome, BatchState, LineResult } from './batch-state.js';
import { evaluateDiscrepancy } from './discrepancy.rule.js';
import { currentObservations, selectFollowedObservation, settleSingleSource } from './policy-selection.rule.js';
import { isStale } from './source-time.rule.js';

interface Touch {
  readonly key: LevelKey;
  readonly lines: number[];
  cause: LedgerCause;
}

/**
 * Reconciles one batch of lines against the current state (docs/architecture.md §4): applies each
 * line in document order, merges lines for the same place, sets stale lines aside, keeps
 * each connection's observation, lets the level follow its location's policy, and writes
 * one ledger entry per changed level. Pure: the caller loads the state and saves the outcome.
 */
export function reconcileBatch(state: BatchState, lines: readonly StockLine[], context: WriteContext, newId: () => string): BatchOutcome {
  const levels = new Map(state.levels);
  // Observations by place, each place's in the order they were first seen: a place's lookup
  // must not scan every observation of the batch (3,000 lines make that quadratic).
  const observations = new Map<string, Map<string, Observation>>();
  const setObservation = (o: Observation, place = levelKeyString(o)): void => {
    let atPlace = observations.get(place);
    if (!atPlace) observations.set(place, (atPlace = new Map()));
    atPlace.set(o.connectionId, o);
  };
  for (const o of state.observations) setObservation(o);
  const openDiscrepancies = new Map<string, Discrepancy>();
  for (const d of state.openDiscrepancies) {
    const place = levelKeyString(d);
    if (!openDiscrepancies.has(place)) openDiscrepancies.set(place, d);
  }
  const locations = new Map(state.locations);
  const touched = new Map<string, Touch>();
  const firstLines = new Map<string, number>();
  // The batch's own connection's observations, by place: one connection writes a batch.
  const changedObservations = new Map<string, Observation>();
  const results: LineResult[] = [];

  for (const line of lines) {
    const levelKey = levelKeyString(line);
    const warnings: DomainError[] = [];
    const touch = touched.get(levelKey);
    const firstLine = firstLines.get(levelKey);
    if (firstLine !== undefined) {
      warnings.push(
        domainError(
          DomainErrorCodes.duplicateLine,
          `line ${line.lineNo} repeats the item and location of line ${firstLine}; merged in document order`,
          undefined,
          { firstLine },
        ),
      );
    } else {
      firstLines.set(levelKey, line.lineNo);
    }
    const level = levels.get(levelKey) ?? absentLevel(line);
    const result = context.connectionId ? applyObserved(line, levelKey, context.connectionId, level) : applyDirect(line, levelKey, level);
    const allWarnings = warnings.length === 0 ? (result.warnings ?? []) : [...warnings, ...(result.warnings ?? [])];
    results.push(lineResult(line, result, allWarnings));
    if (result.status === 'applied' || result.status === 'unchanged' || result.status === 'observed') {
      const entry = touch ?? { key: { itemId: line.itemId, locationId: line.locationId }, lines: [], cause: 'set' as LedgerCause };
      entry.lines.push(line.lineNo);
      entry.cause = causeOf(line, context);
      touched.set(levelKey, entry);
    }
  }

  function applyDirect(line: StockLine, levelKey: string, level: StockLevel): Omit<LineResult, 'lineNo' | 'itemId' | 'locationId'> {
    if (isStale(line.sourceTimestamp, level.sourceTimestamp)) return staleResult(line, level.sourceTimestamp);
    const applied = applyWrite(snapshotOf(level), line.write, line.sourceTimestamp);
    if (!applied.ok) return refusal(applied.error);
    const changed = !sameSnapshot(snapshotOf(level), applied.value);
    levels.set(levelKey, { ...level, ...applied.value });
    return { status: changed ? 'applied' : 'unchanged', warnings: [] };
  }

  function applyObserved(line: StockLine, levelKey: string, connectionId: string, level: StockLevel): Omit<LineResult, 'lineNo' | 'itemId' | 'locationId'> {
    const previous = observations.get(levelKey)?.get(connectionId);
    if (previous && isStale(line.sourceTimestamp, previous.sourceTimestamp)) {
      const counted = { ...previous, staleCount: previous.staleCount + 1 };
      setObservation(counted, levelKey);
      changedObservations.set(levelKey, counted);
      return staleResult(line, previous.sourceTimestamp);
    }
    // A connection's first report starts from the level's figures, but its source time is
    // its own: the level's time may come from another connection or a direct write.
    const base: LevelSnapshot = previous ?? { ...snapshotOf(level), sourceTimestamp: null };
    const applied = applyWrite(base, line.write, line.sourceTimestamp);
    if (!applied.ok) return refusal(applied.error);
    const observation: Observation = {
      connectionId,
      itemId: line.itemId,
      locationId: line.locationId,
      ...applied.value,
      receivedAt: context.recordedAt,
      staleCount: previous?.staleCount ?? 0,
    };
    setObservation(observation, levelKey);
    changedObservations.set(levelKey, observation);
    const location = settleSource(line.locationId, connectionId);
    const followed = selectFollowedObservation(location, observationsAt(levelKey), state.connections);
    // A report the level does not follow leaves the level alone: whatever set it (the source,
    // an operator) is not undone by another connection's report.
    if (followed?.connectionId !== connectionId) return observedResult(location, followed);
    const before = snapshotOf(level);
    const after = snapshotFromObservation(followed);
    levels.set(levelKey, { ...level, ...after });
    const changed = !sameSnapshot(before, after) || !previous || !sameSnapshot(previous, applied.value);
    return { status: changed ? 'applied' : 'unchanged', warnings: [] };
  }

  function settleSource(locationId: string, connectionId: string): LocationRules {
    const current = locations.get(locationId) ?? { locationId, policy: 'single-source', sourceConnectionId: null };
    const settled = settleSingleSource(current, connectionId, state.connections);
    if (settled !== current) locations.set(locationId, settled);
    return settled;
  }

  function observationsAt(place: string): Observation[] {
    const atPlace = observations.get(place);
    return atPlace ? currentObservations([...atPlace.values()], state.connections) : [];
  }

  return finish();

  function finish(): BatchOutcome {
    const changedLevels: StockLevel[] = [];
    const expectedVersions = new Map<string, number>();
    const ledger: LedgerEntry[] = [];
    const opened: Discrepancy[] = [];
    const updated: Discrepancy[] = [];
    const closed: Discrepancy[] = [];
    for (const [key, touch] of touched) {
      const original = state.levels.get(key) ?? absentLevel(touch.key);
      const current = levels.get(key) ?? original;
      if (!sameSnapshot(snapshotOf(original), snapshotOf(current))) {
        const next = { ...current, version: original.version + 1 };
        changedLevels.push(next);
        expectedVersions.set(key, original.version);
        ledger.push({
          itemId: touch.key.itemId,
          locationId: touch.key.locationId,
          before: snapshotOf(original),
          after: snapshotOf(next),
          versionAfter: next.version,
          cause: touch.cause,
          actor: context.actor,
          connectionId: context.connectionId,
          reference: context.reference,
          sourceTimestamp: next.sourceTimestamp,
          recordedAt: context.recordedAt,
          lines: touch.lines,
        });
      }
      if (!context.connectionId) continue;
      const open = openDiscrepancies.get(key);
      const change = evaluateDiscrepancy(touch.key, observationsAt(key), snapshotOf(current), open ?? null, context.recordedAt, newId);
      if (change.kind === 'opened') opened.push(change.discrepancy);
      if (change.kind === 'updated') updated.push(change.discrepancy);
      if (change.kind === 'closed') closed.push(change.discrepancy);
    }
    const locationUpdates = [...locations.values()].filter((l) => state.locations.get(l.locationId) !== l);
    return {
      results,
      changedLevels,
      expectedVersions,
      ledger,
      observations: [...changedObservations.values()],
      openedDiscrepancies: opened,
      updatedDiscrepancies: updated,
      closedDiscrepancies: closed,
      locationUpdates,
    };
  }
}

// One literal of one shape: spreading results of several shapes was the batch's hottest line.
function lineResult(line: StockLine, result: Omit<LineResult, 'lineNo' | 'itemId' | 'locationId'>, warnings: readonly DomainError[]): LineResult {
  const out: { -readonly [K in keyof LineResult]: LineResult[K] } = {
    lineNo: line.lineNo,
    itemId: line.itemId,
    locationId: line.locationId,
    status: result.status,
    warnings,
  };
  if (result.error) out.error = result.error;
  if (result.current !== undefined) out.current = result.current;
  return out;
}

function causeOf(line: StockLine, context: WriteContext): LedgerCause {
  return line.cause ?? (context.refresh ? 'refresh' : line.write.kind);
}

function snapshotFromObservation(o: Observation): LevelSnapshot {
  return { present: o.present, figures: o.figures, details: o.details, sourceTimestamp: o.sourceTimestamp };
}

function staleResult(line: StockLine, lastApplied: string | null): Omit<LineResult, 'lineNo' | 'itemId' | 'locationId'> {
  return {
    status: 'stale',
    error: domainError(
      DomainErrorCodes.staleUpdate,
      `source time ${String(line.sourceTimestamp)} is older than ${String(lastApplied)}, already applied`,
      'sourceTimestamp',
      { lastApplied },
    ),
    warnings: [],
  };
}

function observedResult(location: LocationRules, followed: Observation | null): Omit<LineResult, 'lineNo' | 'itemId' | 'locationId'> {
  const why =
    location.policy === 'single-source'
      ? `the location follows connection ${String(location.sourceConnectionId)} (single-source)`
      : followed
        ? `the location's ${location.policy} policy follows connection ${followed.connectionId}`
        : `the location's ${location.policy} policy follows another source`;
  return {
    status: 'observed',
    warnings: [
      domainError(DomainErrorCodes.observedNotApplied, `not applied, kept as this connection's observation: ${why}`, undefined, {
        policy: location.policy,
        followedConnectionId: followed?.connectionId ?? location.sourceConnectionId,
      }),
    ],
  };
}

function refusal(error: DomainError & { current?: number | null }): Omit<LineResult, 'lineNo' | 'itemId' | 'locationId'> {
  if (error.code === DomainErrorCodes.expectedMismatch) {
    return { status: 'conflict', error, current: error.current ?? null, warnings: [] };
  }
  return { status: 'rejected', error, warnings: [] };
}
