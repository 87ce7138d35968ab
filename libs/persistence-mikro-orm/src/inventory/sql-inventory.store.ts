import { InventoryStore, type InventoryWriteTransaction } from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';
import { withRetries } from './retry.policy';
import { SqlInventoryWriteTransaction } from './sql-inventory-write.transaction';

/**
 * Runs inventory write transactions with batched SQL (ADR 0002). The whole `work` runs again
 * after a lost race: a version conflict, a PostgreSQL serialization failure, deadlock or
 * concurrent insert of the same key, or SQLITE_BUSY; up to ten attempts with jittered backoff.
 * Inside `work`, use only the transaction's methods: on SQLite the transaction holds the one
 * connection that repositories would wait for.
 */
export class SqlInventoryStore extends InventoryStore {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  inWriteTransaction<T>(tenantId: string, work: (tx: InventoryWriteTransaction) => Promise<T>): Promise<T> {
    return withRetries(() => this.gate.transaction((session) => work(new SqlInventoryWriteTransaction(session, tenantId))));
  }
}
