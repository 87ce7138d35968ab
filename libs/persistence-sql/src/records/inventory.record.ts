import { BigIntType, EntitySchema } from '@mikro-orm/core';

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
  key!: string;
  requestHash!: string;
  status!: number;
  body!: string;
  createdAt!: string;
  expiresAt!: string;
}

const id = { type: 'string', length: 64 } as const;
const time = { type: 'string', length: 40 } as const;
// Quantities and sequence numbers are safe integers (the domain refuses others).

/** Mapping of {@link StockLevelRecord}. */
export const StockLevelSchema = new EntitySchema<StockLevelRecord>({
  class: StockLevelRecord,
  tableName: 'stock_levels',
  indexes: [{ name: 'stock_levels_location_idx', properties: ['tenantId', 'locationId', 'itemId'] }],
  properties: {
    tenantId: { ...id, primary: true },
    itemId: { ...id, primary: true },
    locationId: { ...id, primary: true },
    present: { type: 'boolean' },
    onHand: { type: new BigIntType('number'), nullable: true },
    availableReported: { type: new BigIntType('number'), nullable: true },
    reserved: { type: new BigIntType('number') },
    version: { type: 'integer' },
    sourceTimestamp: { ...time, nullable: true },
    updatedAt: time,
    data: { type: 'text' },
  },
});

/** Mapping of {@link ObservationRecord}. */
export const ObservationSchema = new EntitySchema<ObservationRecord>({
  class: ObservationRecord,
  tableName: 'observations',
  indexes: [{ name: 'observations_place_idx', properties: ['tenantId', 'itemId', 'locationId'] }],
  properties: {
    tenantId: { ...id, primary: true },
    connectionId: { ...id, primary: true },
    locationId: { ...id, primary: true },
    itemId: { ...id, primary: true },
    present: { type: 'boolean' },
    sourceTimestamp: { ...time, nullable: true },
    receivedAt: time,
    staleCount: { type: 'integer' },
    data: { type: 'text' },
  },
});

/** Mapping of {@link LedgerEntryRecord}. */
export const LedgerEntrySchema = new EntitySchema<LedgerEntryRecord>({
  class: LedgerEntryRecord,
  tableName: 'ledger_entries',
  indexes: [
    { name: 'ledger_entries_tenant_seq_idx', properties: ['tenantId', 'seq'] },
    { name: 'ledger_entries_place_idx', properties: ['tenantId', 'itemId', 'locationId', 'seq'] },
  ],
  properties: {
    seq: { type: new BigIntType('number'), primary: true, autoincrement: true },
    tenantId: id,
    itemId: id,
    locationId: id,
    connectionId: { ...id, nullable: true },
    cause: { type: 'string', length: 40 },
    actor: { type: 'string', length: 200 },
    reference: { type: 'string', length: 500, nullable: true },
    sourceTimestamp: { ...time, nullable: true },
    recordedAt: time,
    versionAfter: { type: 'integer' },
    lines: { type: 'text' },
    beforeSnapshot: { type: 'text' },
    afterSnapshot: { type: 'text' },
  },
});

/** Mapping of {@link DiscrepancyRecord}. */
export const DiscrepancySchema = new EntitySchema<DiscrepancyRecord>({
  class: DiscrepancyRecord,
  tableName: 'discrepancies',
  indexes: [
    { name: 'discrepancies_tenant_idx', properties: ['tenantId', 'openedAt', 'id'] },
    { name: 'discrepancies_status_idx', properties: ['tenantId', 'status', 'openedAt', 'id'] },
  ],
  properties: {
    id: { ...id, primary: true },
    tenantId: id,
    itemId: id,
    locationId: id,
    status: { type: 'string', length: 20 },
    claims: { type: 'text' },
    openedAt: time,
    resolvedAt: { ...time, nullable: true },
    resolution: { type: 'text', nullable: true },
  },
});

/** Mapping of {@link IdempotencyRecordRow}. */
export const IdempotencySchema = new EntitySchema<IdempotencyRecordRow>({
  class: IdempotencyRecordRow,
  tableName: 'idempotency_records',
  indexes: [{ name: 'idempotency_records_expiry_idx', properties: ['expiresAt'] }],
  properties: {
    tenantId: { ...id, primary: true },
    scope: { type: 'string', length: 200, primary: true },
    key: { type: 'string', length: 300, primary: true, fieldName: 'idempotency_key' },
    requestHash: { type: 'string', length: 200 },
    status: { type: 'integer' },
    body: { type: 'text' },
    createdAt: time,
    expiresAt: time,
  },
});
