export * from './persistence.factory';
export { migrateDatabase, MIGRATIONS } from './migrations/migrate-database';
export { pendingMigrations } from './migrations/pending-migrations.query';
export { InitialSchemaMigration } from './migrations/initial-schema.migration';
export * from './records';
export type { DatabaseKind } from './sql/sql-session';
export { SqlInventoryStore, type SqlInventoryStoreOptions } from './inventory/sql-inventory.store';
export { SqlInventoryWriteTransaction } from './inventory/sql-inventory-write.transaction';
export { SqlInventoryReader } from './inventory/sql-inventory.reader';
export { isRetryable, MAX_ATTEMPTS } from './inventory/retry.policy';
export { SqlTenantRepository } from './repositories/sql-tenant.repository';
export { SqlConnectionRepository } from './repositories/sql-connection.repository';
export { SqlItemRepository } from './repositories/sql-item.repository';
export { SqlIdentityDiscrepancyRepository } from './repositories/sql-identity-discrepancy.repository';
export { SqlLocationRepository } from './repositories/sql-location.repository';
export { SqlAccessTokenRepository } from './repositories/sql-access-token.repository';
export { SqlSessionRepository } from './repositories/sql-session.repository';
export { SqlPlaceNumberRepository } from './repositories/sql-place-number.repository';
export { SqlJobQueue, JOB_QUOTA_RETRY_AFTER_SECONDS, type JobClaimOrder } from './jobs/sql-job.queue';
export { JobsMigration } from './migrations/jobs.migration';
export { SqliteCheckpointer, SQLITE_CHECKPOINT_INTERVAL_MS } from './sql/sqlite-checkpointer';
export { UuidV7IdGenerator } from './sql/uuid-v7.id-generator';
export * from './channels/sql-channel.repository';
export * from './channels/sql-channel.outbox';
export { InProcessCredentialChanges } from './credentials/in-process-credential.changes';
export {
  PgCredentialChanges,
  CREDENTIAL_CHANGES_CHANNEL,
  CREDENTIAL_LISTENER_NAME,
  type PgCredentialChangesOptions,
} from './credentials/pg-credential.changes';
export { DatabaseStartError, DatabaseStartErrorCodes, type DatabaseStartErrorCode } from './sql/database-start.error';
export { postgresPlaceOf, type PostgresPlace } from './sql/postgres-database.preflight';
