import { ConcurrentWriteError, InventoryStore, InventoryWriteTransaction, type StoredLedgerEntry } from '@tally/inventory-application';
import {
  err,
  levelKeyString,
  ok,
  observationKeyString,
  type BatchOutcome,
  type BatchState,
  type Discrepancy,
  type IdempotencyRecord,
  type LedgerEntry,
  type LevelKey,
  type LocationRules,
  type Observation,
  type Result,
  type StockLevel,
  type WriteContext,
} from '@tally/inventory-domain';
import type { InMemoryConnectionRepository } from './in-memory-tenancy.fake';
import type { InMemoryLocationRepository } from './in-memory-catalog.fake';
import type { InMemoryIdentityDiscrepancies, InMemoryItemRepository } from './in-memory-items.fake';

/** The item stores a merge also writes to. */
export interface InMemoryMergeTargets {
  readonly items: InMemoryItemRepository;
  readonly identity: InMemoryIdentityDiscrepancies;
}

/** The whole inventory state of one tenant, copied per transaction. */
export interface InventoryTables {
  levels: Map<string, StockLevel>;
  observations: Map<string, Observation>;
  ledger: StoredLedgerEntry[];
  discrepancies: Map<string, Discrepancy>;
  idempotency: Map<string, IdempotencyRecord>;
}

const emptyTables = (): InventoryTables => ({
  levels: new Map(),
  observations: new Map(),
  ledger: [],
  discrepancies: new Map(),
  idempotency: new Map(),
});

const copyTables = (t: InventoryTables): InventoryTables => ({
  levels: new Map(t.levels),
  observations: new Map(t.observations),
  ledger: [...t.ledger],
  discrepancies: new Map(t.discrepancies),
  idempotency: new Map(t.idempotency),
});

/**
 * Serializable transactions over in-memory tables: each transaction works on a copy that
 * replaces the tables only when the work succeeds, one transaction at a time.
 */
export class InMemoryInventoryStore extends InventoryStore {
  readonly tenants = new Map<string, InventoryTables>();
  private queue: Promise<unknown> = Promise.resolve();
  private ledgerSeq = 0;

  constructor(
    private readonly locations: InMemoryLocationRepository,
    private readonly connections: InMemoryConnectionRepository,
    private readonly merges: InMemoryMergeTargets | null = null,
  ) {
    super();
  }

  tables(tenantId: string): InventoryTables {
    let tables = this.tenants.get(tenantId);
    if (!tables) this.tenants.set(tenantId, (tables = emptyTables()));
    return tables;
  }

  async deleteExpiredIdempotency(now: string, limit: number): Promise<number> {
    let deleted = 0;
    for (const tables of this.tenants.values()) {
      for (const [key, record] of tables.idempotency) {
        if (deleted >= limit) return deleted;
        if (Date.parse(record.expiresAt) > Date.parse(now)) continue;
        tables.idempotency.delete(key);
        deleted += 1;
      }
    }
    return deleted;
  }

  inWriteTransaction<T>(tenantId: string, work: (tx: InventoryWriteTransaction) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        const draft = copyTables(this.tables(tenantId));
        try {
          const result = await work(
            new InMemoryWriteTransaction(tenantId, draft, this.locations, this.connections, () => `ledger-${++this.ledgerSeq}`, this.merges),
          );
          this.tenants.set(tenantId, draft);
          return result;
        } catch (error) {
          if (!(error instanceof ConcurrentWriteError) || attempt >= 5) throw error;
        }
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

class InMemoryWriteTransaction extends InventoryWriteTransaction {
  constructor(
    private readonly tenantId: string,
    private readonly t: InventoryTables,
    private readonly locations: InMemoryLocationRepository,
    private readonly connections: InMemoryConnectionRepository,
    private readonly nextLedgerId: () => string,
    private readonly merges: InMemoryMergeTargets | null,
  ) {
    super();
  }

  holdSeveralCommands(): void {
    // The fake's transactions always read their own writes.
  }

  async isolated<T>(work: () => Promise<T>): Promise<Result<T, unknown>> {
    const before = copyTables(this.t);
    try {
      return ok(await work());
    } catch (error) {
      if (error instanceof ConcurrentWriteError) throw error;
      // Undo in place: the transaction's draft is the object its store commits.
      Object.assign(this.t, before);
      return err(error);
    }
  }

  async itemLocations(itemIds: readonly string[]): Promise<string[]> {
    const wanted = new Set(itemIds);
    const places = [...this.t.levels.values(), ...this.t.observations.values()].filter((p) => wanted.has(p.itemId));
    return [...new Set(places.map((p) => p.locationId))].sort();
  }

  async absorbItem(absorbedId: string, survivorId: string, at: string): Promise<void> {
    for (const [key, o] of [...this.t.observations]) {
      if (o.itemId !== absorbedId) continue;
      this.t.observations.delete(key);
      const moved = { ...o, itemId: survivorId };
      const movedKey = observationKeyString(o.connectionId, moved);
      const kept = this.t.observations.get(movedKey);
      if (!kept || kept.receivedAt < moved.receivedAt) this.t.observations.set(movedKey, moved);
    }
    const open = [...this.t.discrepancies.values()].filter((d) => d.status === 'open');
    for (const d of open.filter((x) => x.itemId === absorbedId)) {
      const clash = open.some((x) => x.itemId === survivorId && x.locationId === d.locationId);
      this.t.discrepancies.set(
        d.id,
        clash
          ? ({ ...d, status: 'resolved', resolvedAt: at, resolution: { kind: 'merged', into: survivorId } } satisfies Discrepancy)
          : { ...d, itemId: survivorId },
      );
    }
    this.merges?.items.absorb(this.tenantId, absorbedId, survivorId);
    this.merges?.identity.absorb(this.tenantId, absorbedId, survivorId, at);
  }

  async loadBatchState(keys: readonly LevelKey[]): Promise<BatchState> {
    const wanted = new Set(keys.map(levelKeyString));
    const levels = new Map([...this.t.levels].filter(([k]) => wanted.has(k)));
    const observations = [...this.t.observations.values()].filter((o) => wanted.has(levelKeyString(o)));
    const openDiscrepancies = [...this.t.discrepancies.values()].filter((d) => d.status === 'open' && wanted.has(levelKeyString(d)));
    const locationIds = new Set(keys.map((k) => k.locationId));
    const locations = new Map(
      this.locations.locations
        .filter((l) => l.tenantId === this.tenantId && locationIds.has(l.id))
        .map((l) => [l.id, { locationId: l.id, policy: l.policy, sourceConnectionId: l.sourceConnectionId, priorityConnectionIds: l.priorityConnectionIds }]),
    );
    const connections = new Map(
      this.connections.connections
        .filter((c) => c.tenantId === this.tenantId)
        .map((c) => [c.id, { connectionId: c.id, priority: c.settings.priority, active: c.status === 'active' }]),
    );
    return { levels, observations, openDiscrepancies, locations, connections };
  }

  async reportedItemIds(connectionId: string, locationId: string): Promise<string[]> {
    return [...this.t.observations.values()].filter((o) => o.connectionId === connectionId && o.locationId === locationId && o.present).map((o) => o.itemId);
  }

  async observedPlaces(connectionId: string, itemIds: readonly string[]): Promise<LevelKey[]> {
    const items = new Set(itemIds);
    return [...this.t.observations.values()]
      .filter((o) => o.connectionId === connectionId && items.has(o.itemId) && o.present)
      .map((o) => ({ itemId: o.itemId, locationId: o.locationId }))
      .sort((a, b) => (a.itemId === b.itemId ? a.locationId.localeCompare(b.locationId) : a.itemId.localeCompare(b.itemId)));
  }

  async saveOutcome(outcome: BatchOutcome, _context: WriteContext): Promise<void> {
    for (const level of outcome.changedLevels) {
      const key = levelKeyString(level);
      if ((this.t.levels.get(key)?.version ?? 0) !== outcome.expectedVersions.get(key)) throw new ConcurrentWriteError();
      this.t.levels.set(key, level);
    }
    this.appendLedger(outcome.ledger);
    for (const o of outcome.observations) this.t.observations.set(observationKeyString(o.connectionId, o), o);
    for (const d of [...outcome.openedDiscrepancies, ...outcome.updatedDiscrepancies, ...outcome.closedDiscrepancies]) {
      this.t.discrepancies.set(d.id, d);
    }
    await this.saveLocationRules(outcome.locationUpdates);
  }

  async observedPlacesAt(locationIds: readonly string[]): Promise<LevelKey[]> {
    const wanted = new Set(locationIds);
    const places = new Map<string, LevelKey>();
    for (const o of this.t.observations.values()) {
      if (wanted.has(o.locationId)) places.set(levelKeyString(o), { itemId: o.itemId, locationId: o.locationId });
    }
    return [...places.values()];
  }

  async locationsFollowing(connectionId: string): Promise<LocationRules[]> {
    return this.locations.locations
      .filter((l) => l.tenantId === this.tenantId && (l.sourceConnectionId === connectionId || l.priorityConnectionIds.includes(connectionId)))
      .map((l) => ({ locationId: l.id, policy: l.policy, sourceConnectionId: l.sourceConnectionId, priorityConnectionIds: l.priorityConnectionIds }));
  }

  async saveLocationRules(rules: readonly LocationRules[]): Promise<void> {
    for (const r of rules) {
      await this.locations.setPolicy(this.tenantId, r.locationId, {
        policy: r.policy,
        sourceConnectionId: r.sourceConnectionId,
        priorityConnectionIds: r.priorityConnectionIds ?? [],
      });
    }
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    return this.t.idempotency.get(`${scope}\u0000${key}`) ?? null;
  }

  async saveIdempotency(record: IdempotencyRecord): Promise<void> {
    const key = `${record.scope}\u0000${record.key}`;
    if (this.t.idempotency.has(key)) throw new ConcurrentWriteError('idempotency key taken');
    this.t.idempotency.set(key, record);
  }

  async lockDiscrepancy(discrepancyId: string): Promise<Discrepancy | null> {
    return this.t.discrepancies.get(discrepancyId) ?? null;
  }

  async saveDiscrepancy(discrepancy: Discrepancy): Promise<void> {
    this.t.discrepancies.set(discrepancy.id, discrepancy);
  }

  async writeLevels(levels: readonly StockLevel[], ledger: readonly LedgerEntry[]): Promise<void> {
    for (const level of levels) this.t.levels.set(levelKeyString(level), level);
    this.appendLedger(ledger);
  }

  private appendLedger(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) this.t.ledger.push({ ...entry, id: this.nextLedgerId() });
  }
}
