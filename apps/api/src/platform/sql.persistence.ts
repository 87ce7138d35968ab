import { Logger } from '@nestjs/common';
import type { JobQueue } from '@tally/inventory-application';
import { createPersistence, type Persistence } from '@tally/persistence-sql';
import type { AppConfig } from '@tally/platform-node';
import type { StartSettings } from '../config/start.config';
import type { PersistenceHandle } from './persistence.handle';

/**
 * Opens the configured database (SQLite file or PostgreSQL), migrated, as the API's persistence;
 * a missing PostgreSQL database is created only when the start allows it (ADR 0051).
 */
export async function openPersistence(config: AppConfig, start: StartSettings = { createDatabase: false }): Promise<PersistenceHandle> {
  const logger = new Logger('SqliteCheckpointer');
  const credentialLogger = new Logger('CredentialChanges');
  const persistence = await createPersistence(config.databaseUrl, {
    migrate: true,
    createDatabase: start.createDatabase,
    poolSize: config.databasePoolSize,
    jobClaimOrder: config.unsafeTestMode === 'global-job-order' ? 'global' : 'fair',
    onCheckpointError: (message) => logger.warn(`background checkpoint failed: ${message}`),
    onCredentialListenerError: (message) => credentialLogger.warn(message),
  });
  return {
    databaseKind: config.databaseKind,
    tenants: persistence.tenants,
    accessTokens: persistence.accessTokens,
    sessions: persistence.sessions,
    connections: persistence.connections,
    connectionActivity: persistence.connectionActivity,
    items: persistence.items,
    identityDiscrepancies: persistence.identityDiscrepancies,
    locations: persistence.locations,
    placeNumbers: persistence.placeNumbers,
    store: persistence.store,
    reader: persistence.reader,
    jobs: config.unsafeTestMode === 'no-tenant-scope' ? unscopedJobLookup(persistence) : persistence.jobs,
    channels: persistence.channels,
    channelOutbox: persistence.channelOutbox,
    credentialChanges: persistence.credentialChanges,
    operationalFigures: persistence.operationalFigures,
    itemOverview: persistence.itemOverview,
    rateWindows: persistence.rateWindows,
    sharedFailures: persistence.sharedFailures,
    health: () => persistence.health(),
    close: () => persistence.close(),
  };
}

/**
 * The `no-tenant-scope` negative control of the reliability suite (ADR 0020), only with
 * TALLY_UNSAFE_TEST_MODE: a job looked up by id is found in whichever tenant holds it.
 */
function unscopedJobLookup(persistence: Persistence): JobQueue {
  const queue = persistence.jobs;
  const leaky: JobQueue = Object.create(queue);
  // The newest job of that number, whichever tenant numbered it.
  leaky.get = async (_tenantId, jobNumber) => {
    const rows: { tenant_id: string }[] = await persistence.orm.em
      .getConnection()
      .execute('SELECT tenant_id FROM jobs WHERE tenant_job_no = ? ORDER BY id DESC LIMIT 1', [jobNumber]);
    return rows[0] ? queue.get(rows[0].tenant_id, jobNumber) : null;
  };
  return leaky;
}
