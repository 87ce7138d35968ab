import { RateWindowsMigration } from './rate-windows.migration';
import { AuthFailuresMigration } from './auth-failures.migration';
import type { MikroORM } from '@mikro-orm/core';
import { BaseSqlitePlatform, type AbstractSqlDriver } from '@mikro-orm/knex';
import type { Migrator } from '@mikro-orm/migrations';
import { DriverConnectionPool } from '../sql/driver-connection.pool';
import { InitialSchemaMigration } from './initial-schema.migration';
import { AccessTokensMigration } from './access-tokens.migration';
import { JobsMigration } from './jobs.migration';
import { JobPayloadsMigration } from './job-payloads.migration';
import { LocationMajorIndexesMigration } from './location-major-indexes.migration';
import { LocationWriteStampsMigration } from './location-write-stamps.migration';
import { JobKeyHistoryMigration } from './job-key-history.migration';
import { LocationPriorityOrderMigration } from './location-priority-order.migration';
import { PlaceNumbersMigration } from './place-numbers.migration';
import { ItemIdentifiersMigration } from './item-identifiers.migration';
import { ChannelsMigration } from './channels.migration';
import { ChannelEventsMigration } from './channel-events.migration';
import { AccessTokenSecretMigration } from './access-token-secret.migration';
import { SessionsMigration } from './sessions.migration';
import { TenantJobTurnsMigration } from './tenant-job-turns.migration';
import { ApiKeyLookupMigration } from './api-key-lookup.migration';
import { LedgerActivityIndexMigration } from './ledger-activity-index.migration';
import { ConnectionActivityMigration } from './connection-activity.migration';

/** The migrations of Tally's schema, oldest first; names are stable across releases. */
export const MIGRATIONS = [
  { name: 'Migration20260101000000_initial_schema', class: InitialSchemaMigration },
  { name: 'Migration20261123000000_access_tokens', class: AccessTokensMigration },
  { name: 'Migration20261123010000_jobs', class: JobsMigration },
  { name: 'Migration20261201000000_job_payloads', class: JobPayloadsMigration },
  { name: 'Migration20261202000000_location_major_indexes', class: LocationMajorIndexesMigration },
  { name: 'Migration20261202100000_location_write_stamps', class: LocationWriteStampsMigration },
  { name: 'Migration20261202110000_job_key_history', class: JobKeyHistoryMigration },
  { name: 'Migration20261205000000_location_priority_order', class: LocationPriorityOrderMigration },
  { name: 'Migration20261205010000_place_numbers', class: PlaceNumbersMigration },
  { name: 'Migration20261205020000_item_identifiers', class: ItemIdentifiersMigration },
  { name: 'Migration20261206000000_channels', class: ChannelsMigration },
  { name: 'Migration20261207000000_channel_events', class: ChannelEventsMigration },
  { name: 'Migration20261207010000_access_token_secret', class: AccessTokenSecretMigration },
  { name: 'Migration20261207020000_sessions', class: SessionsMigration },
  { name: 'Migration20261208000000_tenant_job_turns', class: TenantJobTurnsMigration },
  { name: 'Migration20261208010000_api_key_lookup', class: ApiKeyLookupMigration },
  { name: 'Migration20261209000000_rate_windows', class: RateWindowsMigration },
  { name: 'Migration20261209010000_auth_failures', class: AuthFailuresMigration },
  { name: 'Migration20261210000000_ledger_activity_index', class: LedgerActivityIndexMigration },
  { name: 'Migration20261211000000_connection_activity', class: ConnectionActivityMigration },
];

// Any constant shared by every Tally process: serializes concurrent migrators on PostgreSQL.
const PG_MIGRATION_LOCK = 7_413_202_601;
const SQLITE_BUSY_ATTEMPTS = 10;

/**
 * Applies the pending migrations and answers their names; running it again applies nothing.
 * On PostgreSQL concurrent processes take turns under an advisory lock; on SQLite a migrator
 * that finds the database busy tries again.
 */
export async function migrateDatabase(orm: MikroORM<AbstractSqlDriver>): Promise<string[]> {
  const migrator = orm.getMigrator<Migrator>();
  if (!(orm.em.getPlatform() instanceof BaseSqlitePlatform)) {
    return DriverConnectionPool.of(orm).withPostgres(async (lock) => {
      await lock.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK]);
      try {
        return (await migrator.up()).map((m) => m.name);
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATION_LOCK]);
      }
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return (await migrator.up()).map((m) => m.name);
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_BUSY') || attempt >= SQLITE_BUSY_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
