import type { PersistenceSubject } from '../contracts/persistence-subject';
import { InMemoryLocationRepository } from './in-memory-catalog.fake';
import { InMemoryInventoryStore } from './in-memory-inventory.fake';
import { InMemoryIdentityDiscrepancies, InMemoryItemRepository } from './in-memory-items.fake';
import { InMemoryJobQueue } from './in-memory-job-queue.fake';
import { InMemoryPlaceNumberRepository } from './in-memory-place-numbers.fake';
import { InMemoryInventoryReader } from './in-memory-reader.fake';
import { InMemoryAccessTokenRepository, InMemoryConnectionRepository, InMemoryTenantRepository } from './in-memory-tenancy.fake';

/** One in-memory fake per persistence port, sharing their state as one database would. */
export function createInMemoryPersistence(): PersistenceSubject {
  const connections = new InMemoryConnectionRepository();
  const items = new InMemoryItemRepository();
  const locations = new InMemoryLocationRepository();
  const identityDiscrepancies = new InMemoryIdentityDiscrepancies();
  const store = new InMemoryInventoryStore(locations, connections, { items, identity: identityDiscrepancies });
  return {
    tenants: new InMemoryTenantRepository(),
    connections,
    accessTokens: new InMemoryAccessTokenRepository(connections),
    items,
    identityDiscrepancies,
    locations,
    placeNumbers: new InMemoryPlaceNumberRepository(),
    store,
    reader: new InMemoryInventoryReader(store),
    jobs: new InMemoryJobQueue(),
    close: async () => undefined,
  };
}
