import { createPersistence } from '@tally/persistence-mikro-orm';
import type { AppConfig } from '../config/app.config';
import type { PersistenceHandle } from './persistence.handle';
import { UuidIdGenerator } from './uuid.id-generator';

/** Opens the configured database (SQLite file or PostgreSQL), migrated, as the API's persistence. */
export async function openPersistence(config: AppConfig): Promise<PersistenceHandle> {
  const persistence = await createPersistence(config.databaseUrl, { migrate: true, ids: new UuidIdGenerator() });
  return {
    databaseKind: config.databaseKind,
    tenants: persistence.tenants,
    accessTokens: persistence.accessTokens,
    connections: persistence.connections,
    items: persistence.items,
    locations: persistence.locations,
    store: persistence.store,
    reader: persistence.reader,
    jobs: persistence.jobs,
    health: () => persistence.health(),
    close: () => persistence.close(),
  };
}
