import { ConcurrentWriteError } from '@tally/inventory-application';
import {
  levelKeyString,
  type BatchOutcome,
  type Discrepancy,
  type LedgerEntry,
  type LocationRules,
  type Observation,
  type StockLevel,
  type WriteContext,
} from '@tally/inventory-domain';
import { chunksOf, columns, insertRows, insertStatements, names, rowsSource, runStatements, type SqlStatement } from '../sql/bulk-sql';
import type { DatabaseKind, SqlScalar, SqlSession } from '../sql/sql-session';
import { snapshotJson, stockDataJson } from '../mapping/stock-json.mapper';
import { bulkColumns } from '../schema/schema.catalogue';
import { recordStockChanges, type FeedFacts } from '../channels/stock-changes.sql';

const LEVEL_COLUMNS = bulkColumns('stock_levels', [
  'tenant_id',
  'item_id',
  'location_id',
  'present',
  'on_hand',
  'available_reported',
  'reserved',
  'version',
  'source_timestamp',
  'updated_at',
  'data',
]);
const LEVEL_UPDATE = `ON CONFLICT (tenant_id, item_id, location_id) DO UPDATE SET present = excluded.present,
  on_hand = excluded.on_hand, available_reported = excluded.available_reported, reserved = excluded.reserved,
  version = excluded.version, source_timestamp = excluded.source_timestamp, updated_at = excluded.updated_at, data = excluded.data`;

const LEDGER_COLUMNS = bulkColumns('ledger_entries', [
  'tenant_id',
  'item_id',
  'location_id',
  'connection_id',
  'cause',
  'actor',
  'reference',
  'source_timestamp',
  'recorded_at',
  'version_after',
  'lines',
  'before_snapshot',
  'after_snapshot',
]);

const OBSERVATION_COLUMNS = bulkColumns('observations', [
  'tenant_id',
  'connection_id',
  'location_id',
  'item_id',
  'present',
  'source_timestamp',
  'received_at',
  'stale_count',
  'data',
]);
const OBSERVATION_UPDATE = `ON CONFLICT (tenant_id, connection_id, location_id, item_id) DO UPDATE SET
  present = excluded.present, source_timestamp = excluded.source_timestamp, received_at = excluded.received_at,
  stale_count = excluded.stale_count, data = excluded.data`;

const DISCREPANCY_COLUMNS = bulkColumns('discrepancies', [
  'id',
  'tenant_id',
  'item_id',
  'location_id',
  'status',
  'claims',
  'opened_at',
  'resolved_at',
  'resolution',
]);
const DISCREPANCY_UPDATE = `ON CONFLICT (id) DO UPDATE SET status = excluded.status, claims = excluded.claims,
  resolved_at = excluded.resolved_at, resolution = excluded.resolution`;

function levelRow(tenantId: string, level: StockLevel, at: string): SqlScalar[] {
  return [
    tenantId,
    level.itemId,
    level.locationId,
    level.present,
    level.figures.onHand,
    level.figures.availableReported,
    level.figures.reserved,
    level.version,
    level.sourceTimestamp,
    at,
    stockDataJson(level.figures, level.details),
  ];
}

function ledgerRow(tenantId: string, entry: LedgerEntry): SqlScalar[] {
  return [
    tenantId,
    entry.itemId,
    entry.locationId,
    entry.connectionId,
    entry.cause,
    entry.actor,
    entry.reference,
    entry.sourceTimestamp,
    entry.recordedAt,
    entry.versionAfter,
    `[${entry.lines.join(',')}]`,
    snapshotJson(entry.before),
    snapshotJson(entry.after),
  ];
}

function observationRow(tenantId: string, o: Observation): SqlScalar[] {
  return [tenantId, o.connectionId, o.locationId, o.itemId, o.present, o.sourceTimestamp, o.receivedAt, o.staleCount, stockDataJson(o.figures, o.details)];
}

function discrepancyRow(tenantId: string, d: Discrepancy): SqlScalar[] {
  return [
    d.id,
    tenantId,
    d.itemId,
    d.locationId,
    d.status,
    JSON.stringify(d.claims),
    d.openedAt,
    d.resolvedAt,
    d.resolution === null ? null : JSON.stringify(d.resolution),
  ];
}

/** The statements that persist an outcome, built before they run (ADR 0025: outside the write lock). */
export interface OutcomeWrites {
  /** Level writes, conditional on the version each level was loaded at. */
  readonly levelStatements: readonly SqlStatement[];
  /** How many levels they must write; fewer means another writer got there first. */
  readonly levelCount: number;
  /** Ledger, observations and discrepancies. */
  readonly statements: readonly SqlStatement[];
  readonly locationUpdates: readonly LocationRules[];
  /** Items whose levels change, for the channels' outbox, and when. */
  readonly changedItems: readonly string[];
  readonly recordedAt: string;
  /** What the channels' event feeds are told. */
  readonly feed: FeedFacts;
}

/**
 * Builds the statements of an outcome: one multi-row statement per table (per chunk). Levels
 * are written only where the stored version is still the one the outcome was computed from.
 * `rowids` (SQLite) locates the levels loaded with the state, which are then updated in place
 * without an index search.
 */
export function planOutcome(
  kind: DatabaseKind,
  tenantId: string,
  outcome: BatchOutcome,
  context: WriteContext,
  rowids?: ReadonlyMap<string, number>,
): OutcomeWrites {
  const changed = outcome.changedLevels;
  const where = rowids ?? new Map<string, number>();
  const located = changed.filter((l) => where.has(levelKeyString(l)));
  const others = located.length > 0 ? changed.filter((l) => !where.has(levelKeyString(l))) : changed;
  const levelStatements = located.length > 0 ? inPlaceStatements(kind, tenantId, located, outcome.expectedVersions, where, context.recordedAt) : [];
  if (others.length > 0) {
    for (const level of others) {
      // The conditional upsert below compares against `version - 1`, as the domain computes it.
      if (outcome.expectedVersions.get(levelKeyString(level)) !== level.version - 1) {
        throw new Error(`outcome for ${levelKeyString(level)} does not advance its version by one`);
      }
    }
    const rows = others.map((level) => levelRow(tenantId, level, context.recordedAt));
    levelStatements.push(...insertStatements(kind, 'stock_levels', LEVEL_COLUMNS, rows, `${LEVEL_UPDATE} WHERE stock_levels.version = excluded.version - 1`));
  }
  const statements = ledgerStatements(kind, tenantId, outcome.ledger);
  if (outcome.observations.length > 0) {
    const rows = outcome.observations.map((o) => observationRow(tenantId, o));
    statements.push(...insertStatements(kind, 'observations', OBSERVATION_COLUMNS, rows, OBSERVATION_UPDATE));
  }
  const discrepancies = [...outcome.openedDiscrepancies, ...outcome.updatedDiscrepancies, ...outcome.closedDiscrepancies];
  statements.push(...discrepancyStatements(kind, tenantId, discrepancies));
  return {
    levelStatements,
    levelCount: changed.length,
    statements,
    locationUpdates: outcome.locationUpdates,
    changedItems: changed.map((l) => l.itemId),
    recordedAt: context.recordedAt,
    feed: { ledger: outcome.ledger, opened: outcome.openedDiscrepancies },
  };
}

/** Runs what {@link planOutcome} built, in its transaction. */
export async function runOutcome(session: SqlSession, tenantId: string, writes: OutcomeWrites): Promise<void> {
  const written = await runStatements(session, writes.levelStatements);
  if (written !== writes.levelCount) throw new ConcurrentWriteError(`${writes.levelCount - written} stock levels changed since they were loaded`);
  await runStatements(session, writes.statements);
  for (const rules of writes.locationUpdates) await settleLocation(session, tenantId, rules);
  await recordStockChanges(session, tenantId, writes.changedItems, writes.recordedAt, writes.feed);
}

const IN_PLACE_COLUMNS = columns(
  'row_id:int',
  'present:bool',
  'on_hand:bigint',
  'available_reported:bigint',
  'reserved:bigint',
  'version:int',
  'source_timestamp:text',
  'updated_at:text',
  'data:text',
  'expected:int',
);

function inPlaceStatements(
  kind: DatabaseKind,
  tenantId: string,
  levels: readonly StockLevel[],
  expected: ReadonlyMap<string, number>,
  rowids: ReadonlyMap<string, number>,
  at: string,
): SqlStatement[] {
  return chunksOf(kind, levels, IN_PLACE_COLUMNS.length).map((chunk) => {
    const rows = chunk.map((l) => {
      const key = levelKeyString(l);
      const f = l.figures;
      return [
        rowids.get(key) ?? null,
        l.present,
        f.onHand,
        f.availableReported,
        f.reserved,
        l.version,
        l.sourceTimestamp,
        at,
        stockDataJson(f, l.details),
        expected.get(key) ?? -1,
      ];
    });
    const source = rowsSource(kind, IN_PLACE_COLUMNS, rows);
    return {
      sql: `WITH v(${names(IN_PLACE_COLUMNS)}) AS (${source.sql})
       UPDATE stock_levels SET present = v.present, on_hand = v.on_hand, available_reported = v.available_reported,
         reserved = v.reserved, version = v.version, source_timestamp = v.source_timestamp, updated_at = v.updated_at, data = v.data
       FROM v WHERE stock_levels.rowid = v.row_id AND stock_levels.version = v.expected AND stock_levels.tenant_id = ?`,
      params: [...source.params, tenantId],
    };
  });
}

/** Overwrites levels as they are and appends their ledger entries (repairs, resolutions). */
export async function writeLevels(
  session: SqlSession,
  tenantId: string,
  levels: readonly StockLevel[],
  ledger: readonly LedgerEntry[],
  context: WriteContext,
): Promise<void> {
  if (levels.length > 0) {
    await insertRows(
      session,
      'stock_levels',
      LEVEL_COLUMNS,
      levels.map((l) => levelRow(tenantId, l, context.recordedAt)),
      LEVEL_UPDATE,
    );
  }
  await runStatements(session, ledgerStatements(session.kind, tenantId, ledger));
  await recordStockChanges(
    session,
    tenantId,
    levels.map((l) => l.itemId),
    context.recordedAt,
    { ledger },
  );
}

/** Inserts new discrepancies and updates known ones, by id. */
export async function saveDiscrepancies(session: SqlSession, tenantId: string, discrepancies: readonly Discrepancy[]): Promise<void> {
  await runStatements(session, discrepancyStatements(session.kind, tenantId, discrepancies));
}

function discrepancyStatements(kind: DatabaseKind, tenantId: string, discrepancies: readonly Discrepancy[]): SqlStatement[] {
  if (discrepancies.length === 0) return [];
  return insertStatements(
    kind,
    'discrepancies',
    DISCREPANCY_COLUMNS,
    discrepancies.map((d) => discrepancyRow(tenantId, d)),
    DISCREPANCY_UPDATE,
  );
}

function ledgerStatements(kind: DatabaseKind, tenantId: string, ledger: readonly LedgerEntry[]): SqlStatement[] {
  if (ledger.length === 0) return [];
  return insertStatements(
    kind,
    'ledger_entries',
    LEDGER_COLUMNS,
    ledger.map((e) => ledgerRow(tenantId, e)),
  );
}

// Settling a location's single source (a location without one, or whose source was revoked)
// is the only location change a batch makes; the condition makes a concurrent settlement by
// another connection visible as a lost race.
async function settleLocation(session: SqlSession, tenantId: string, rules: LocationRules): Promise<void> {
  const changed = await session.run(
    `UPDATE locations SET source_connection_id = ? WHERE tenant_id = ? AND id = ? AND policy = ?
     AND (source_connection_id IS NULL OR source_connection_id = ?
       OR source_connection_id IN (SELECT c.id FROM connections c WHERE c.tenant_id = ? AND c.status = 'revoked'))`,
    [rules.sourceConnectionId, tenantId, rules.locationId, rules.policy, rules.sourceConnectionId, tenantId],
  );
  if (changed !== 1) throw new ConcurrentWriteError(`location ${rules.locationId} changed since it was loaded`);
}
