import { createInMemoryPersistence } from '../fakes/in-memory-persistence.fake';
import { describePersistenceContracts } from './persistence.contracts';

// The fakes the application's unit tests run on keep the same promises as the SQL adapters,
// which run these suites in libs/persistence-sql.
describePersistenceContracts('in-memory fakes', async () => createInMemoryPersistence());
