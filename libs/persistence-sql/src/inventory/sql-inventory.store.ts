import { InventoryStore, type InventoryWriteTransaction } from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';
import { retriedTransaction, withRetries } from './retry.policy';
import { GroupNeedsWriteLock, SqlInventoryWriteTransaction } from './sql-inventory-write.transaction';

/** Options of {@link SqlInventoryStore}. */
export interface SqlInventoryStoreOptions {
  /**
   * SQLite: reconcile on a snapshot outside the write lock and take the lock only to check and
   * write (ADR 0025). Pays off for a connection that shares the database with other writers
   * (job threads); default false.
   */
  readonly snapshotReads?: boolean;
}

/**
 * Runs inventory write transactions with batched SQL (ADR 0002). The whole `work` runs again
 * after a lost race: a version conflict, a PostgreSQL serialization failure, deadlock or
 * concurrent insert of the same key, or SQLITE_BUSY; up to ten attempts with jittered backoff.
 * Inside `work`, use only the transaction's methods: on SQLite the transaction holds the one
 * connection that repositories would wait for.
 */
export class SqlInventoryStore extends InventoryStore {
  private readonly snapshotReads: boolean;

  constructor(
    private readonly gate: SqlGate,
    options: SqlInventoryStoreOptions = {},
  ) {
    super();
    this.snapshotReads = gate.kind === 'sqlite' && Boolean(options.snapshotReads);
  }

  inWriteTransaction<T>(tenantId: string, work: (tx: InventoryWriteTransaction) => Promise<T>): Promise<T> {
    if (this.snapshotReads) return withRetries(() => this.onSnapshot(tenantId, work));
    return retriedTransaction(this.gate, (session) => this.direct(new SqlInventoryWriteTransaction(session, tenantId), work));
  }

  deleteExpiredIdempotency(now: string, limit: number): Promise<number> {
    // In bounded batches, each its own short transaction: a purge never holds the write lock long.
    return retriedTransaction(this.gate, (s) =>
      s.run(
        `DELETE FROM idempotency_records WHERE (tenant_id, scope, idempotency_key) IN
         (SELECT tenant_id, scope, idempotency_key FROM idempotency_records WHERE expires_at <= ? LIMIT ?)`,
        [now, limit],
      ),
    );
  }

  private async direct<T>(tx: SqlInventoryWriteTransaction, work: (tx: InventoryWriteTransaction) => Promise<T>): Promise<T> {
    const value = await work(tx);
    await tx.complete();
    return value;
  }

  // Runs `work` on a snapshot with its writes kept; under the write lock, writes them if nothing
  // it read has changed since, or else runs `work` again there, as the direct path would. A
  // group of commands (ADR 0046) goes straight to the write lock.
  private onSnapshot<T>(tenantId: string, work: (tx: InventoryWriteTransaction) => Promise<T>): Promise<T> {
    return this.gate.snapshotThenWrite(
      async (session) => {
        const tx = new SqlInventoryWriteTransaction(session, tenantId, true);
        let value: T;
        try {
          value = await work(tx);
        } catch (error) {
          if (error instanceof GroupNeedsWriteLock) return { done: false, snapshot: null };
          throw error;
        }
        if (!tx.hasPendingWrites) return { done: true, value };
        return { done: false, snapshot: { tx, value, fingerprint: await tx.fingerprint() } };
      },
      async (session, snapshot) => {
        if (!snapshot || (await snapshot.tx.fingerprint()) !== snapshot.fingerprint) {
          return this.direct(new SqlInventoryWriteTransaction(session, tenantId), work);
        }
        const { tx, value } = snapshot;
        await tx.flush();
        await tx.complete();
        return value;
      },
    );
  }
}
