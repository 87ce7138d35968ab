import type {
  BatchOutcome,
  Result,
  BatchState,
  Discrepancy,
  IdempotencyRecord,
  LevelKey,
  LedgerEntry,
  LocationRules,
  StockLevel,
  WriteContext,
} from '@tally/inventory-domain';

/**
 * One write transaction of one tenant. Loading the state takes the write locks of the
 * places loaded (row locks on PostgreSQL, the database write lock on SQLite), so a
 * reconciliation computed from it cannot be overtaken by another writer. An adapter may
 * instead read a snapshot and check before committing that nothing read has changed (SQLite
 * job threads, ADR 0025): to the caller the guarantee is the same.
 */
export abstract class InventoryWriteTransaction {
  /**
   * Loads, with a bounded number of queries, the levels of these places (absent ones are
   * left out of the map), every connection's observations and open discrepancies of them,
   * and the rules of their locations and of the connections that observed them.
   */
  abstract loadBatchState(keys: readonly LevelKey[]): Promise<BatchState>;
  /** Items the connection has a present observation for at the location. */
  abstract reportedItemIds(connectionId: string, locationId: string): Promise<string[]>;
  /** Every place (item × location) where some connection has an observation at these locations. */
  abstract observedPlacesAt(locationIds: readonly string[]): Promise<LevelKey[]>;
  /** The rules of the locations whose single source is the connection, or whose priority list names it. */
  abstract locationsFollowing(connectionId: string): Promise<LocationRules[]>;
  /** Stores locations' policies, sources and priority lists. */
  abstract saveLocationRules(rules: readonly LocationRules[]): Promise<void>;
  /**
   * The places where the connection has a present observation of one of these items. Until
   * the transaction ends no other snapshot of the same connection and items can change them
   * (PostgreSQL: a lock per connection and item; SQLite: the write lock, or a re-check of the
   * answer under it).
   */
  abstract observedPlaces(connectionId: string, itemIds: readonly string[]): Promise<LevelKey[]>;
  /** Persists a reconciliation outcome with batched statements. */
  abstract saveOutcome(outcome: BatchOutcome, context: WriteContext): Promise<void>;
  abstract findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null>;
  /** Stores an answer; a concurrent insert of the same key makes the transaction retry. */
  abstract saveIdempotency(record: IdempotencyRecord): Promise<void>;
  abstract lockDiscrepancy(discrepancyId: string): Promise<Discrepancy | null>;
  abstract saveDiscrepancy(discrepancy: Discrepancy): Promise<void>;
  /** Overwrites levels and appends ledger entries as they are (repair from the ledger, merge). */
  abstract writeLevels(levels: readonly StockLevel[], ledger: readonly LedgerEntry[], context: WriteContext): Promise<void>;
  /** Locations where any of these items has a level or an observation. */
  abstract itemLocations(itemIds: readonly string[]): Promise<string[]>;
  /**
   * The rest of a merge, after its levels are written: moves the absorbed item's observations
   * (the newer of two of one connection at one place is kept), open discrepancies (one left open
   * per place), identifiers and open identity discrepancies to the survivor, closes the
   * discrepancies between the two as merged, and marks the absorbed item merged into it.
   */
  abstract absorbItem(absorbedId: string, survivorId: string, at: string): Promise<void>;
  /**
   * Declares that this transaction holds several commands, each of which must read what the
   * earlier ones wrote. A transaction that reads a snapshot (ADR 0025) cannot: it throws, and the
   * store runs the work again under the write lock.
   */
  abstract holdSeveralCommands(): void;
  /**
   * Runs `work` so that its failure undoes only its own writes (a savepoint): the transaction
   * goes on, and the error is answered instead of thrown. A lost race that the store retries
   * whole (serialization failure, deadlock, version conflict, busy) is thrown as it is, so the
   * whole transaction runs again. Group commit runs each command of a group this way (ADR 0046).
   */
  abstract isolated<T>(work: () => Promise<T>): Promise<Result<T, unknown>>;
}

/** Runs write transactions; the adapter retries `work` on serialization failures and busy errors. */
export abstract class InventoryStore {
  abstract inWriteTransaction<T>(tenantId: string, work: (tx: InventoryWriteTransaction) => Promise<T>): Promise<T>;
  /** Deletes up to `limit` idempotency records of any tenant that expired at or before `now`; answers how many. */
  abstract deleteExpiredIdempotency(now: string, limit: number): Promise<number>;
}
