import { recordSchema } from './record-schema.factory';

/**
 * Row of `stock_levels`, keyed by (tenant, item, location). The figures that lists filter or
 * sort on are columns; `data` holds the full figures and details as JSON text.
 */
export class StockLevelRecord {
  tenantId!: string;
  itemId!: string;
  locationId!: string;
  present!: boolean;
  onHand!: number | null;
  availableReported!: number | null;
  reserved!: number;
  version!: number;
  sourceTimestamp!: string | null;
  updatedAt!: string;
  data!: string;
}

/** Row of `observations`: the latest report of one connection for one place. */
export class ObservationRecord {
  tenantId!: string;
  connectionId!: string;
  locationId!: string;
  itemId!: string;
  present!: boolean;
  sourceTimestamp!: string | null;
  receivedAt!: string;
  staleCount!: number;
  data!: string;
}

/**
 * Row of `ledger_entries`. `seq` is the database's increasing sequence (the entry's id, and
 * the cursor of newest-first pages); before and after are JSON snapshots.
 */
export class LedgerEntryRecord {
  seq!: number;
  tenantId!: string;
  itemId!: string;
  locationId!: string;
  connectionId!: string | null;
  cause!: string;
  actor!: string;
  reference!: string | null;
  sourceTimestamp!: string | null;
  recordedAt!: string;
  versionAfter!: number;
  lines!: string;
  beforeSnapshot!: string;
  afterSnapshot!: string;
}

/** Row of `discrepancies`; at most one open per place (a partial unique index, in the migrations). */
export class DiscrepancyRecord {
  id!: string;
  tenantId!: string;
  itemId!: string;
  locationId!: string;
  status!: string;
  claims!: string;
  openedAt!: string;
  resolvedAt!: string | null;
  resolution!: string | null;
}

/** Row of `idempotency_records`, keyed by (tenant, scope, key). */
export class IdempotencyRecordRow {
  tenantId!: string;
  scope!: string;
  idempotencyKey!: string;
  requestHash!: string;
  status!: number;
  body!: string;
  createdAt!: string;
  expiresAt!: string;
}

/** Mapping of {@link StockLevelRecord}. */
export const StockLevelSchema = recordSchema(StockLevelRecord, 'stock_levels', {
  indexes: [{ name: 'stock_levels_location_idx', properties: ['tenantId', 'locationId', 'itemId'] }],
});

/** Mapping of {@link ObservationRecord}. */
export const ObservationSchema = recordSchema(ObservationRecord, 'observations', {
  indexes: [{ name: 'observations_place_idx', properties: ['tenantId', 'itemId', 'locationId'] }],
});

/** Mapping of {@link LedgerEntryRecord}. */
export const LedgerEntrySchema = recordSchema(LedgerEntryRecord, 'ledger_entries', {
  indexes: [
    { name: 'ledger_entries_tenant_seq_idx', properties: ['tenantId', 'seq'] },
    { name: 'ledger_entries_place_idx', properties: ['tenantId', 'itemId', 'locationId', 'seq'] },
  ],
});

/** Mapping of {@link DiscrepancyRecord}. */
export const DiscrepancySchema = recordSchema(DiscrepancyRecord, 'discrepancies', {
  indexes: [
    { name: 'discrepancies_tenant_idx', properties: ['tenantId', 'openedAt', 'id'] },
    { name: 'discrepancies_status_idx', properties: ['tenantId', 'status', 'openedAt', 'id'] },
  ],
});

/** Mapping of {@link IdempotencyRecordRow}. */
export const IdempotencySchema = recordSchema(IdempotencyRecordRow, 'idempotency_records', {
  indexes: [{ name: 'idempotency_records_expiry_idx', properties: ['expiresAt'] }],
});
