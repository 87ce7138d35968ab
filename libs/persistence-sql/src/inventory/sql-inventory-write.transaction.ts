import { ConcurrentWriteError, InventoryWriteTransaction } from '@tally/inventory-application';
import { err, ok } from '@tally/inventory-domain';
import type {
  BatchOutcome,
  BatchState,
  Discrepancy,
  IdempotencyRecord,
  LedgerEntry,
  LevelKey,
  LocationRules,
  Result,
  StockLevel,
  WriteContext,
} from '@tally/inventory-domain';
import type { SqlSession } from '../sql/sql-session';
import { columns, insertRows, selectByKeys } from '../sql/bulk-sql';
import { DISCREPANCY_COLUMNS, discrepancyOf, idempotencyOf, type DiscrepancyRow, type IdempotencyRow } from '../mapping/inventory-row.mapper';
import { loadBatchState } from './batch-state.loader';
import { locationRulesOf, saveLocationRules, type LocationRulesRow } from './location-rules.sql';
import { lockSnapshotItems, selectObservedPlaces } from './observed-places.sql';
import { planOutcome, runOutcome, saveDiscrepancies, writeLevels } from './outcome.writer';
import { advanceWriteStamps, locationsOfOutcome, readFingerprint } from './write-stamps.sql';
import { absorbItemRows, locationsOfItems } from './item-merge.sql';
import { bulkColumns } from '../schema/schema.catalogue';
import { isRetryable } from './retry.policy';
import { forgetHeldChannels } from '../channels/stock-changes.sql';

/**
 * Thrown by {@link SqlInventoryWriteTransaction.holdSeveralCommands} on a snapshot (ADR 0025): a later
 * command of a group must read what the earlier ones wrote, which the snapshot does not hold,
 * so the store runs the group under the write lock instead.
 */
export class GroupNeedsWriteLock extends Error {
  constructor() {
    super('a group of commands runs under the write lock');
    this.name = 'GroupNeedsWriteLock';
  }
}

const IDEMPOTENCY_COLUMNS = bulkColumns('idempotency_records', [
  'tenant_id',
  'scope',
  'idempotency_key',
  'request_hash',
  'status',
  'body',
  'created_at',
  'expires_at',
]);
// Replaces a record only once it has expired; a live one means a concurrent request won.
const IDEMPOTENCY_UPSERT = `ON CONFLICT (tenant_id, scope, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash,
  status = excluded.status, body = excluded.body, created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE idempotency_records.expires_at <= excluded.created_at`;

/**
 * One write transaction of one tenant over one SQL session (see {@link SqlInventoryStore}).
 * `deferred` (SQLite, ADR 0025): reads run at once on a snapshot, writes are kept until
 * {@link flush}, and the locations read are remembered for {@link fingerprint}.
 */
export class SqlInventoryWriteTransaction extends InventoryWriteTransaction {
  /** Where the levels loaded by this transaction are stored (SQLite), for in-place updates. */
  private readonly rowids = new Map<string, number>();
  private readonly readAt = new Set<string>();
  private readonly wroteAt = new Set<string>();
  private readonly pending: (() => Promise<void>)[] = [];
  /** Reads whose answers must still hold under the write lock (deferred mode), beyond the locations read. */
  private readonly rechecks: (() => Promise<unknown>)[] = [];
  /** Locations of the items of a merge, read by {@link itemLocations}. */
  private mergeLocations: string[] = [];

  constructor(
    private readonly session: SqlSession,
    private readonly tenantId: string,
    private readonly deferred = false,
  ) {
    super();
  }

  /** True when writes wait for {@link flush}. */
  get hasPendingWrites(): boolean {
    return this.pending.length > 0;
  }

  /** What the reads so far depended on (see `readFingerprint`); compare it under the write lock. */
  async fingerprint(): Promise<string> {
    const base = await readFingerprint(this.session, this.tenantId, this.readAt);
    if (this.rechecks.length === 0) return base;
    const answers: unknown[] = [];
    for (const recheck of this.rechecks) answers.push(await recheck());
    return `${base}${JSON.stringify(answers)}`;
  }

  /** Runs the kept writes in order; they need the write lock. */
  async flush(): Promise<void> {
    for (const write of this.pending.splice(0)) await write();
  }

  /** Ends the writes: advances the write stamps where they happened (SQLite), before the commit. */
  complete(): Promise<void> {
    return advanceWriteStamps(this.session, this.tenantId, this.wroteAt);
  }

  private write(at: Iterable<string>, work: () => Promise<void>): Promise<void> {
    for (const locationId of at) this.wroteAt.add(locationId);
    if (!this.deferred) return work();
    this.pending.push(work);
    return Promise.resolve();
  }

  loadBatchState(keys: readonly LevelKey[]): Promise<BatchState> {
    for (const key of keys) this.readAt.add(key.locationId);
    return loadBatchState(this.session, this.tenantId, keys, this.session.kind === 'sqlite' ? this.rowids : undefined);
  }

  async reportedItemIds(connectionId: string, locationId: string): Promise<string[]> {
    this.readAt.add(locationId);
    if (this.session.kind === 'postgresql') {
      // Waits for the writers holding the location's key-share lock and keeps new ones out, so
      // no observation there can appear between this read and the refresh's commit.
      await this.session.all('SELECT id FROM locations WHERE tenant_id = ? AND id = ? FOR UPDATE', [this.tenantId, locationId]);
    }
    const rows = await this.session.all<{ item_id: string }>(
      `SELECT item_id FROM observations WHERE tenant_id = ? AND connection_id = ? AND location_id = ? AND present = ?
       ORDER BY item_id`,
      [this.tenantId, connectionId, locationId, true],
    );
    return rows.map((r) => r.item_id);
  }

  async observedPlacesAt(locationIds: readonly string[]): Promise<LevelKey[]> {
    for (const id of locationIds) this.readAt.add(id);
    if (locationIds.length === 0) return [];
    const rows = await selectByKeys<{ item_id: string; location_id: string }>(
      this.session,
      columns('id:text'),
      locationIds.map((id) => [id]),
      { select: 'DISTINCT o.item_id, o.location_id', from: 'observations o', where: 'o.tenant_id = ? AND o.location_id = k.id' },
      [this.tenantId],
    );
    return rows.map((r) => ({ itemId: r.item_id, locationId: r.location_id })).sort(byPlace);
  }

  async locationsFollowing(connectionId: string): Promise<LocationRules[]> {
    const lock = this.session.kind === 'postgresql' ? ' FOR UPDATE' : '';
    // The priority list is JSON text: a LIKE narrows it, the parsed list decides.
    const rows = await this.session.all<LocationRulesRow>(
      `SELECT l.id, l.policy, l.source_connection_id, l.priority_connection_ids FROM locations l
       WHERE l.tenant_id = ? AND (l.source_connection_id = ? OR l.priority_connection_ids LIKE ?) ORDER BY l.id${lock}`,
      [this.tenantId, connectionId, `%"${connectionId}"%`],
    );
    const rules = rows.map(locationRulesOf).filter((r) => r.sourceConnectionId === connectionId || r.priorityConnectionIds?.includes(connectionId));
    for (const r of rules) this.readAt.add(r.locationId);
    return rules;
  }

  saveLocationRules(rules: readonly LocationRules[]): Promise<void> {
    return this.write(
      rules.map((r) => r.locationId),
      () => saveLocationRules(this.session, this.tenantId, rules),
    );
  }

  async observedPlaces(connectionId: string, itemIds: readonly string[]): Promise<LevelKey[]> {
    const sorted = [...new Set(itemIds)].sort();
    if (sorted.length === 0) return [];
    // PostgreSQL: one lock per connection and item, in item order, so two snapshots of the same
    // items by the same connection run one after the other; writers of other kinds do not wait.
    if (this.session.kind === 'postgresql') await lockSnapshotItems(this.session, this.tenantId, connectionId, sorted);
    const places = await selectObservedPlaces(this.session, this.tenantId, connectionId, sorted);
    for (const place of places) this.readAt.add(place.locationId);
    // On a snapshot (SQLite job threads), a place observed meanwhile elsewhere must send the work to the write lock.
    if (this.deferred) this.rechecks.push(() => selectObservedPlaces(this.session, this.tenantId, connectionId, sorted));
    return places;
  }

  saveOutcome(outcome: BatchOutcome, context: WriteContext): Promise<void> {
    // Built now: on a snapshot, the rows are ready before the write lock is taken.
    const writes = planOutcome(this.session.kind, this.tenantId, outcome, context, this.rowids);
    return this.write(locationsOfOutcome(outcome), () => runOutcome(this.session, this.tenantId, writes));
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const [row] = await this.session.all<IdempotencyRow>(
      `SELECT scope, idempotency_key, request_hash, status, body, created_at, expires_at FROM idempotency_records
       WHERE tenant_id = ? AND scope = ? AND idempotency_key = ?`,
      [this.tenantId, scope, key],
    );
    return row ? idempotencyOf(row) : null;
  }

  saveIdempotency(record: IdempotencyRecord): Promise<void> {
    return this.write([], () => this.insertIdempotency(record));
  }

  private async insertIdempotency(record: IdempotencyRecord): Promise<void> {
    const row = [
      this.tenantId,
      record.scope,
      record.key,
      record.requestHash,
      record.status,
      JSON.stringify(record.body ?? null),
      record.createdAt,
      record.expiresAt,
    ];
    const written = await insertRows(this.session, 'idempotency_records', IDEMPOTENCY_COLUMNS, [row], IDEMPOTENCY_UPSERT);
    if (written !== 1) throw new ConcurrentWriteError(`idempotency key ${record.key} was stored by a concurrent request`);
  }

  async lockDiscrepancy(discrepancyId: string): Promise<Discrepancy | null> {
    const lock = this.session.kind === 'postgresql' ? ' FOR UPDATE' : '';
    const [row] = await this.session.all<DiscrepancyRow>(`SELECT ${DISCREPANCY_COLUMNS} FROM discrepancies d WHERE d.tenant_id = ? AND d.id = ?${lock}`, [
      this.tenantId,
      discrepancyId,
    ]);
    if (!row) return null;
    const discrepancy = discrepancyOf(row);
    this.readAt.add(discrepancy.locationId);
    return discrepancy;
  }

  saveDiscrepancy(discrepancy: Discrepancy): Promise<void> {
    return this.write([discrepancy.locationId], () => saveDiscrepancies(this.session, this.tenantId, [discrepancy]));
  }

  writeLevels(levels: readonly StockLevel[], ledger: readonly LedgerEntry[], context: WriteContext): Promise<void> {
    const at = [...levels, ...ledger].map((row) => row.locationId);
    return this.write(at, () => writeLevels(this.session, this.tenantId, levels, ledger, context));
  }

  async itemLocations(itemIds: readonly string[]): Promise<string[]> {
    const locations = await locationsOfItems(this.session, this.tenantId, itemIds);
    for (const locationId of locations) this.readAt.add(locationId);
    this.mergeLocations = locations;
    return locations;
  }

  absorbItem(absorbedId: string, survivorId: string, at: string): Promise<void> {
    return this.write(this.mergeLocations, () => absorbItemRows(this.session, this.tenantId, absorbedId, survivorId, at));
  }

  holdSeveralCommands(): void {
    if (this.deferred) throw new GroupNeedsWriteLock();
  }

  async isolated<T>(work: () => Promise<T>): Promise<Result<T, unknown>> {
    this.holdSeveralCommands();
    // SAVEPOINT, RELEASE and ROLLBACK TO are spelled alike on SQLite and PostgreSQL.
    await this.session.run(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const value = await work();
      await this.session.run(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return ok(value);
    } catch (error) {
      // A lost race is the whole transaction's: the store runs it again from the start.
      if (isRetryable(error)) throw error;
      // PostgreSQL refuses every statement after an error until this rollback.
      await this.session.run(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      forgetHeldChannels(this.session);
      await this.session.run(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      // Rows the undone work inserted may have been located: later loads locate them again.
      this.rowids.clear();
      return err(error);
    }
  }
}

// One name serves every command: each savepoint is released before the next one is taken.
const SAVEPOINT = 'tally_command';

function byPlace(a: LevelKey, b: LevelKey): number {
  return a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0;
}
