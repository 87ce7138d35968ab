/**
 * Builders shared by the reconciler specs. Not a spec itself (no tests here) and excluded
 * from the library build by tsconfig.lib.json.
 */
import type { Discrepancy } from '../model/discrepancy.entity.js';
import type { ConnectionRules, LocationPolicy, LocationRules } from '../model/location-policy.value-object.js';
import { observationKeyString, type Observation } from '../model/observation.entity.js';
import { EMPTY_DETAILS, EMPTY_FIGURES, type StockDetails, type StockFigures, type StockPatch } from '../model/stock-figures.value-object.js';
import { levelKeyString, type LevelKey, type StockLevel } from '../model/stock-level.aggregate.js';
import type { StockLine, StockWrite, WriteContext } from '../model/stock-write.command.js';
import type { BatchOutcome, BatchState } from './batch-state.js';

/** An ISO time `seconds` after a fixed epoch, so tests can order times by number. */
export const at = (seconds: number): string => new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString();

/** The time batches are recorded at in tests unless told otherwise. */
export const RECORDED_AT = '2024-06-01T12:00:00.000Z';

export const key = (itemId = 'item-1', locationId = 'loc-1'): LevelKey => ({ itemId, locationId });

export interface LevelSpec {
  readonly present?: boolean;
  readonly figures?: Partial<StockFigures>;
  readonly details?: Partial<StockDetails>;
  readonly sourceTimestamp?: string | null;
  readonly version?: number;
}

/** A stored level; present unless told otherwise. */
export function level(k: LevelKey, spec: LevelSpec = {}): StockLevel {
  return {
    itemId: k.itemId,
    locationId: k.locationId,
    present: spec.present ?? true,
    figures: { ...EMPTY_FIGURES, ...spec.figures },
    details: { ...EMPTY_DETAILS, ...spec.details },
    sourceTimestamp: spec.sourceTimestamp ?? null,
    version: spec.version ?? 1,
  };
}

export interface ObservationSpec extends LevelSpec {
  readonly receivedAt?: string;
  readonly staleCount?: number;
}

/** A stored observation of one connection; present unless told otherwise. */
export function observation(connectionId: string, k: LevelKey, spec: ObservationSpec = {}): Observation {
  return {
    connectionId,
    itemId: k.itemId,
    locationId: k.locationId,
    present: spec.present ?? true,
    figures: { ...EMPTY_FIGURES, ...spec.figures },
    details: { ...EMPTY_DETAILS, ...spec.details },
    sourceTimestamp: spec.sourceTimestamp ?? null,
    receivedAt: spec.receivedAt ?? RECORDED_AT,
    staleCount: spec.staleCount ?? 0,
  };
}

export interface StateSpec {
  readonly levels?: readonly StockLevel[];
  readonly observations?: readonly Observation[];
  readonly openDiscrepancies?: readonly Discrepancy[];
  readonly locations?: readonly LocationRules[];
  readonly connections?: readonly ConnectionRules[];
}

/** A batch state from plain lists. */
export function state(spec: StateSpec = {}): BatchState {
  return {
    levels: new Map((spec.levels ?? []).map((l) => [levelKeyString(l), l])),
    observations: spec.observations ?? [],
    openDiscrepancies: spec.openDiscrepancies ?? [],
    locations: new Map((spec.locations ?? []).map((l) => [l.locationId, l])),
    connections: new Map((spec.connections ?? []).map((c) => [c.connectionId, c])),
  };
}

export const locationRules = (locationId: string, policy: LocationPolicy, sourceConnectionId: string | null = null): LocationRules => ({
  locationId,
  policy,
  sourceConnectionId,
});

export const connectionRules = (connectionId: string, priority: number): ConnectionRules => ({ connectionId, priority });

/** One line of a batch. */
export function line(lineNo: number, k: LevelKey, write: StockWrite, sourceTimestamp: string | null = null): StockLine {
  return { lineNo, itemId: k.itemId, locationId: k.locationId, write, sourceTimestamp };
}

/** A `set` line. */
export const setLine = (lineNo: number, k: LevelKey, patch: StockPatch, sourceTimestamp: string | null = null): StockLine =>
  line(lineNo, k, { kind: 'set', patch }, sourceTimestamp);

/** The context of an operator's or API client's direct write. */
export const direct = (recordedAt = RECORDED_AT): WriteContext => ({
  connectionId: null,
  actor: 'api-key-1',
  reference: 'ref-1',
  recordedAt,
});

/** The context of a connection's report. */
export const observed = (connectionId: string, recordedAt = RECORDED_AT): WriteContext => ({
  connectionId,
  actor: `connection:${connectionId}`,
  reference: 'msg-1',
  recordedAt,
});

/** Deterministic ids for discrepancies. */
export function ids(prefix = 'disc'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** The state a caller would load next time, after saving `outcome` over `before`. */
export function carryForward(before: BatchState, outcome: BatchOutcome): BatchState {
  const levels = new Map(before.levels);
  for (const l of outcome.changedLevels) levels.set(levelKeyString(l), l);
  const observations = new Map(before.observations.map((o) => [observationKeyString(o.connectionId, o), o]));
  for (const o of outcome.observations) observations.set(observationKeyString(o.connectionId, o), o);
  const closed = new Set(outcome.closedDiscrepancies.map((d) => d.id));
  const updated = new Map(outcome.updatedDiscrepancies.map((d) => [d.id, d]));
  const openDiscrepancies = [...before.openDiscrepancies.filter((d) => !closed.has(d.id)).map((d) => updated.get(d.id) ?? d), ...outcome.openedDiscrepancies];
  const locations = new Map(before.locations);
  for (const l of outcome.locationUpdates) locations.set(l.locationId, l);
  return { levels, observations: [...observations.values()], openDiscrepancies, locations, connections: before.connections };
}

/** The level a state holds for a key, or undefined. */
export const levelIn = (s: BatchState, k: LevelKey): StockLevel | undefined => s.levels.get(levelKeyString(k));
