import { describePersistenceContracts } from '@tally/testing';
import { DATABASE_KINDS, createTestDatabase } from './persistence-test.spec-helper';
import { createPersistence } from './persistence.factory';

jest.setTimeout(60_000);

// The ports' contract suites (libs/testing), which the in-memory fakes also pass: what the
// application's unit tests assume of persistence holds for the SQL adapters on both databases.
describe.each(DATABASE_KINDS)('SQL adapters on %s', (kind) => {
  describePersistenceContracts(kind, async () => {
    const db = await createTestDatabase(kind);
    const p = await createPersistence(db.url, { backgroundCheckpoints: false });
    return {
      ...p,
      async close() {
        await p.close();
        await db.drop();
      },
    };
  });
});
