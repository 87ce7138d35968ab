import type { BulkColumn, BulkType } from '../sql/bulk-sql';

/**
 * One column of Tally's schema. `type` is also the PostgreSQL array type of multi-row statements;
 * `length` makes a `text` column a `varchar(length)`.
 */
export interface ColumnSpec {
  readonly type: BulkType;
  readonly length?: number;
  readonly nullable?: boolean;
  /** Part of the primary key. */
  readonly primary?: boolean;
  /** Numbered by the database (a sequence on PostgreSQL, the rowid on SQLite). */
  readonly autoincrement?: boolean;
}

const varchar = (length: number, more: Omit<ColumnSpec, 'type' | 'length'> = {}): ColumnSpec => ({ type: 'text', length, ...more });
// Ids are strings of up to 64 characters; times are the domain's ISO-8601 strings, stored as text
// so they round-trip exactly.
const ID = varchar(64);
const KEY = varchar(64, { primary: true });
const OPTIONAL_ID = varchar(64, { nullable: true });
const TIME = varchar(40);
const OPTIONAL_TIME = varchar(40, { nullable: true });
const TEXT: ColumnSpec = { type: 'text' };
const OPTIONAL_TEXT: ColumnSpec = { type: 'text', nullable: true };
const INT: ColumnSpec = { type: 'int' };
const BIGINT: ColumnSpec = { type: 'bigint' };
const OPTIONAL_BIGINT: ColumnSpec = { type: 'bigint', nullable: true };
const BOOL: ColumnSpec = { type: 'bool' };

/**
 * Every table and column of Tally's schema (ADR 0036): the one source the record entities, the
 * hand-written SQL's column lists and the schema check derive from. The migrations are the
 * history of how the databases got here; `schema.catalogue.spec.ts` fails when a migrated
 * database and this catalogue disagree.
 */
export const SCHEMA = {
  tenants: { id: KEY, name: varchar(200), created_at: TIME },
  api_keys: {
    id: KEY,
    tenant_id: ID,
    name: varchar(200),
    role: varchar(20),
    prefix: varchar(64),
    secret_hash: varchar(200),
    created_at: TIME,
    revoked_at: OPTIONAL_TIME,
    lookup_digest: varchar(128, { nullable: true }),
  },
  connections: {
    id: KEY,
    tenant_id: ID,
    dialect: varchar(40),
    name: varchar(200),
    settings: TEXT,
    credential_id: varchar(200),
    secret_hash: varchar(200),
    status: varchar(20),
    created_at: TIME,
    rotated_at: OPTIONAL_TIME,
    revoked_at: OPTIONAL_TIME,
  },
  access_tokens: {
    token_digest: varchar(128, { primary: true }),
    tenant_id: ID,
    connection_id: ID,
    issued_at: TIME,
    expires_at: TIME,
    /** The connection's `rotated_at` when the token was issued: a rotation ends the tokens of the old secret. */
    secret_rotated_at: OPTIONAL_TIME,
  },
  /** A subject's current window of requests (a vendor's rate across processes); the subject is a digest, never a secret. */
  /** A failed authentication of one API process, for the others (ADR 0057); the credential is the throttle's digest, never a secret. */
  auth_failures: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    address: varchar(100),
    credential: varchar(64, { nullable: true }),
    failed_at: BIGINT,
    /** The random id of the process instance that saw it. */
    process: varchar(36),
    /** The database's clock when it was written, epoch milliseconds: what pulls and sweeps go by. */
    recorded_at: BIGINT,
  },
  /** A connection's last seen time and last refusal, written by every API process at most every few seconds (ADR 0063). */
  connection_activity: {
    connection_id: KEY,
    tenant_id: ID,
    last_seen_at: OPTIONAL_TIME,
    last_error_at: OPTIONAL_TIME,
    last_error_status: { type: 'int', nullable: true },
    last_error_code: varchar(100, { nullable: true }),
    last_error_message: varchar(400, { nullable: true }),
    last_error_source: varchar(20, { nullable: true }),
  },
  /** A connection's refusals in one UTC hour (`YYYY-MM-DDTHH:00:00.000Z`). */
  connection_error_hours: { connection_id: KEY, hour: varchar(40, { primary: true }), tenant_id: ID, errors: INT },
  rate_windows: { scope: varchar(32, { primary: true }), subject: varchar(128, { primary: true }), window_start: BIGINT, hits: INT },
  sessions: {
    /** Digest of the console session's token (SecretHasher.digest), never the token. */
    session_digest: varchar(128, { primary: true }),
    tenant_id: ID,
    key_id: ID,
    created_at: TIME,
    last_seen_at: TIME,
    /** `last_seen_at` plus the idle timeout, never after `expires_at`: the session ends then unless used. */
    idle_until: TIME,
    expires_at: TIME,
  },
  items: { id: KEY, tenant_id: ID, name: varchar(500, { nullable: true }), attributes: OPTIONAL_TEXT, merged_into: OPTIONAL_ID, created_at: TIME },
  item_identifiers: { tenant_id: KEY, kind: varchar(20, { primary: true }), scope: KEY, value: varchar(200, { primary: true }), item_id: ID },
  identity_discrepancies: {
    id: KEY,
    tenant_id: ID,
    item_a: ID,
    item_b: ID,
    status: varchar(20),
    claims: TEXT,
    connection_id: OPTIONAL_ID,
    opened_at: TIME,
    resolved_at: OPTIONAL_TIME,
    resolution: OPTIONAL_TEXT,
  },
  locations: {
    id: KEY,
    tenant_id: ID,
    code: varchar(200),
    name: varchar(500, { nullable: true }),
    kind: varchar(40),
    policy: varchar(20),
    source_connection_id: OPTIONAL_ID,
    /** JSON array of connection ids, the `priority` policy's order; null for none. */
    priority_connection_ids: OPTIONAL_TEXT,
    /** Advanced by every SQLite write at the location (ADR 0025); 0 on PostgreSQL. */
    write_stamp: BIGINT,
    created_at: TIME,
  },
  place_numbers: { place_number: { type: 'bigint', primary: true, autoincrement: true }, tenant_id: ID, item_id: ID, location_id: ID, created_at: TIME },
  stock_levels: {
    tenant_id: KEY,
    item_id: KEY,
    location_id: KEY,
    present: BOOL,
    on_hand: OPTIONAL_BIGINT,
    available_reported: OPTIONAL_BIGINT,
    reserved: BIGINT,
    version: INT,
    source_timestamp: OPTIONAL_TIME,
    updated_at: TIME,
    data: TEXT,
  },
  observations: {
    tenant_id: KEY,
    connection_id: KEY,
    location_id: KEY,
    item_id: KEY,
    present: BOOL,
    source_timestamp: OPTIONAL_TIME,
    received_at: TIME,
    stale_count: INT,
    data: TEXT,
  },
  ledger_entries: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    tenant_id: ID,
    item_id: ID,
    location_id: ID,
    connection_id: OPTIONAL_ID,
    cause: varchar(40),
    actor: varchar(200),
    reference: varchar(500, { nullable: true }),
    source_timestamp: OPTIONAL_TIME,
    recorded_at: TIME,
    version_after: INT,
    lines: TEXT,
    before_snapshot: TEXT,
    after_snapshot: TEXT,
  },
  discrepancies: {
    id: KEY,
    tenant_id: ID,
    item_id: ID,
    location_id: ID,
    status: varchar(20),
    claims: TEXT,
    opened_at: TIME,
    resolved_at: OPTIONAL_TIME,
    resolution: OPTIONAL_TEXT,
  },
  idempotency_records: {
    tenant_id: KEY,
    scope: varchar(200, { primary: true }),
    idempotency_key: varchar(300, { primary: true }),
    request_hash: varchar(200),
    status: INT,
    body: TEXT,
    created_at: TIME,
    expires_at: TIME,
  },
  jobs: {
    id: { type: 'int', primary: true, autoincrement: true },
    tenant_id: ID,
    kind: varchar(32),
    ordering_key: varchar(600),
    location_code: varchar(512, { nullable: true }),
    status: varchar(16),
    item_count: INT,
    processed: INT,
    chunks_done: INT,
    messages: TEXT,
    added: TIME,
    started: OPTIONAL_TIME,
    finished: OPTIONAL_TIME,
    lease_owner: varchar(128, { nullable: true }),
    lease_until: OPTIONAL_TIME,
    tenant_job_no: INT,
    payload_bytes: INT,
  },
  job_payloads: { job_id: { type: 'int', primary: true }, payload: TEXT },
  job_tenants: { tenant_id: KEY, last_job_no: INT, served_turn: BIGINT },
  channels: {
    id: KEY,
    tenant_id: ID,
    name: varchar(200),
    dialect: varchar(40),
    status: varchar(20),
    base_url: varchar(2000),
    /** JSON array of location ids the channel sells from; null for every location. */
    location_ids: OPTIONAL_TEXT,
    rules: TEXT,
    identifier: TEXT,
    settings: TEXT,
    /** Sealed (encrypted) JSON of the outbound credentials, never answered back. */
    credentials: TEXT,
    created_at: TIME,
    updated_at: TIME,
    lease_owner: varchar(128, { nullable: true }),
    lease_until: OPTIONAL_TIME,
    last_success_at: OPTIONAL_TIME,
    last_error: OPTIONAL_TEXT,
    last_error_at: OPTIONAL_TIME,
    /** JSON array of the event types the channel's settings subscribe it to (ADR 0042). */
    events: TEXT,
  },
  channel_overrides: { tenant_id: ID, channel_id: KEY, item_id: KEY, rules: TEXT, fixed: varchar(20, { nullable: true }), excluded: BOOL, updated_at: TIME },
  channel_items: {
    tenant_id: ID,
    channel_id: KEY,
    item_id: KEY,
    state: varchar(16),
    generation: INT,
    marked_at: TIME,
    sent_quantity: OPTIONAL_BIGINT,
    sent_unlimited: BOOL,
    sent_at: OPTIONAL_TIME,
    attempts: INT,
    next_attempt_at: TIME,
    last_error: OPTIONAL_TEXT,
  },
  stock_changes: { tenant_id: KEY, item_id: KEY, changed_at: TIME },
  channel_deliveries: {
    id: { type: 'int', primary: true, autoincrement: true },
    tenant_id: ID,
    channel_id: ID,
    started_at: TIME,
    finished_at: TIME,
    items: INT,
    sent: INT,
    retried: INT,
    rejected: INT,
    error: OPTIONAL_TEXT,
    /** What the send carried: `items` (figures) or `events` (the feed). */
    subject: varchar(16),
  },
  channel_events: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    tenant_id: ID,
    channel_id: ID,
    type: varchar(40),
    /** The event's JSON data, as recorded when it happened. */
    data: TEXT,
    occurred_at: TIME,
    /** `pending` (incl. retries) or `dead`; a sent event is deleted. */
    state: varchar(16),
    attempts: INT,
    next_attempt_at: TIME,
    last_error: OPTIONAL_TEXT,
  },
} as const satisfies Record<string, Record<string, ColumnSpec>>;

/** A table of {@link SCHEMA}. */
export type TableName = keyof typeof SCHEMA;

/** A column of one table of {@link SCHEMA}. */
export type ColumnOf<T extends TableName> = keyof (typeof SCHEMA)[T] & string;

/** MikroORM's own bookkeeping table, the one table of a migrated database outside {@link SCHEMA}. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** The columns of a table, in catalogue order. */
export const columnsOf = <T extends TableName>(table: T): ColumnOf<T>[] => Object.keys(SCHEMA[table]) as ColumnOf<T>[];

/** The spec of one catalogued column. */
export const columnSpec = <T extends TableName>(table: T, column: ColumnOf<T>): ColumnSpec => (SCHEMA[table] as Record<string, ColumnSpec>)[column];

/** A select list of catalogued columns: `selectList('items', 'i', ['id', 'name'])` is `'i.id, i.name'`. */
export function selectList<T extends TableName>(_table: T, alias: string, columns: readonly ColumnOf<T>[]): string {
  return columns.map((column) => `${alias}.${column}`).join(', ');
}

/** The columns of a multi-row statement into a table, typed from the catalogue. */
export function bulkColumns<T extends TableName>(table: T, columns: readonly ColumnOf<T>[]): BulkColumn[] {
  return columns.map((name) => ({ name, type: columnSpec(table, name).type }));
}
