import type { StoredLedgerEntry } from '@tally/inventory-application';
import type { Discrepancy, DiscrepancyClaim, DiscrepancyResolution, IdempotencyRecord, LedgerCause, Observation, StockLevel } from '@tally/inventory-domain';
import { parseSnapshot, parseStockData } from './stock-json.mapper';
import { selectList } from '../schema/schema.catalogue';

/** Columns of `stock_levels` that map to a {@link StockLevel}. */
export const LEVEL_COLUMNS = selectList('stock_levels', 's', ['item_id', 'location_id', 'present', 'version', 'source_timestamp', 'data']);

/** A `stock_levels` row as selected with {@link LEVEL_COLUMNS}. */
export interface LevelRow {
  item_id: string;
  location_id: string;
  present: boolean | number;
  version: number | string;
  source_timestamp: string | null;
  data: string;
}

/** Columns of `observations` that map to an {@link Observation}. */
export const OBSERVATION_COLUMNS = selectList('observations', 'o', [
  'connection_id',
  'item_id',
  'location_id',
  'present',
  'source_timestamp',
  'received_at',
  'stale_count',
  'data',
]);

/** An `observations` row as selected with {@link OBSERVATION_COLUMNS}. */
export interface ObservationRow {
  connection_id: string;
  item_id: string;
  location_id: string;
  present: boolean | number;
  source_timestamp: string | null;
  received_at: string;
  stale_count: number | string;
  data: string;
}

/** Columns of `discrepancies` that map to a {@link Discrepancy}. */
export const DISCREPANCY_COLUMNS = selectList('discrepancies', 'd', [
  'id',
  'item_id',
  'location_id',
  'status',
  'claims',
  'opened_at',
  'resolved_at',
  'resolution',
]);

/** A `discrepancies` row as selected with {@link DISCREPANCY_COLUMNS}. */
export interface DiscrepancyRow {
  id: string;
  item_id: string;
  location_id: string;
  status: string;
  claims: string;
  opened_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

/** Columns of `ledger_entries` that map to a {@link StoredLedgerEntry}. */
export const LEDGER_COLUMNS = selectList('ledger_entries', 'l', [
  'seq',
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

/** A `ledger_entries` row as selected with {@link LEDGER_COLUMNS}. */
export interface LedgerRow {
  seq: number | string;
  item_id: string;
  location_id: string;
  connection_id: string | null;
  cause: string;
  actor: string;
  reference: string | null;
  source_timestamp: string | null;
  recorded_at: string;
  version_after: number | string;
  lines: string;
  before_snapshot: string;
  after_snapshot: string;
}

/** An `idempotency_records` row. */
export interface IdempotencyRow {
  scope: string;
  idempotency_key: string;
  request_hash: string;
  status: number | string;
  body: string;
  created_at: string;
  expires_at: string;
}

/** SQLite answers booleans as 0/1. */
export const bool = (value: boolean | number | string): boolean => value === true || value === 1 || value === '1';

/** Maps a `stock_levels` row. */
export function levelOf(row: LevelRow): StockLevel {
  const { figures, details } = parseStockData(row.data);
  return {
    itemId: row.item_id,
    locationId: row.location_id,
    present: bool(row.present),
    figures,
    details,
    sourceTimestamp: row.source_timestamp,
    version: Number(row.version),
  };
}

/** Maps an `observations` row. */
export function observationOf(row: ObservationRow): Observation {
  const { figures, details } = parseStockData(row.data);
  return {
    connectionId: row.connection_id,
    itemId: row.item_id,
    locationId: row.location_id,
    present: bool(row.present),
    figures,
    details,
    sourceTimestamp: row.source_timestamp,
    receivedAt: row.received_at,
    staleCount: Number(row.stale_count),
  };
}

/** Maps a `discrepancies` row. */
export function discrepancyOf(row: DiscrepancyRow): Discrepancy {
  return {
    id: row.id,
    itemId: row.item_id,
    locationId: row.location_id,
    status: row.status as Discrepancy['status'],
    claims: JSON.parse(row.claims) as DiscrepancyClaim[],
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution === null ? null : (JSON.parse(row.resolution) as DiscrepancyResolution),
  };
}

/** Maps a `ledger_entries` row; the entry's id is its sequence number. */
export function ledgerEntryOf(row: LedgerRow): StoredLedgerEntry {
  return {
    id: String(row.seq),
    itemId: row.item_id,
    locationId: row.location_id,
    before: parseSnapshot(row.before_snapshot),
    after: parseSnapshot(row.after_snapshot),
    versionAfter: Number(row.version_after),
    cause: row.cause as LedgerCause,
    actor: row.actor,
    connectionId: row.connection_id,
    reference: row.reference,
    sourceTimestamp: row.source_timestamp,
    recordedAt: row.recorded_at,
    lines: JSON.parse(row.lines) as number[],
  };
}

/** Maps an `idempotency_records` row. */
export function idempotencyOf(row: IdempotencyRow): IdempotencyRecord {
  return {
    scope: row.scope,
    key: row.idempotency_key,
    requestHash: row.request_hash,
    status: Number(row.status),
    body: JSON.parse(row.body) as unknown,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
