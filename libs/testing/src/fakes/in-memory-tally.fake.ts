import {
  ApplyStockBatch,
  CatalogQueries,
  CredentialCache,
  type CredentialCacheOptions,
  type CredentialCaching,
  IssueAccessTokens,
  LineResolver,
  ManageAccess,
  ManageConnections,
  ManageDiscrepancies,
  ManageSources,
  ManageItems,
  MergeItems,
  PurgeExpiredRecords,
  QueryLedger,
  ReadInventory,
  VerifyLedger,
} from '@tally/inventory-application';
import { FixedClock, ListedDialects, PlainTextChosenHasher, PlainTextHasher, SequentialIds } from './basic-fakes';
import { InMemoryLocationRepository } from './in-memory-catalog.fake';
import { InMemoryIdentityDiscrepancies, InMemoryItemRepository } from './in-memory-items.fake';
import { InMemoryInventoryStore } from './in-memory-inventory.fake';
import { InMemoryInventoryReader } from './in-memory-reader.fake';
import { InMemoryAccessTokenRepository, InMemoryConnectionRepository, InMemoryTenantRepository } from './in-memory-tenancy.fake';
import { InMemorySessionRepository } from './in-memory-sessions.fake';
import { SwitchableCredentialChanges } from './switchable-credential-changes.fake';

/** Options of {@link createInMemoryTally}. */
export interface InMemoryTallyOptions {
  /** Keeps authentication answers in memory with these limits (ADR 0048); none kept by default. */
  readonly credentialCache?: CredentialCacheOptions;
}

/** Every use case wired to in-memory fakes, for unit tests of the application layer. */
export function createInMemoryTally(options: InMemoryTallyOptions = {}) {
  const clock = new FixedClock();
  const credentialChanges = new SwitchableCredentialChanges();
  const credentialCache = options.credentialCache ? new CredentialCache(credentialChanges, clock, options.credentialCache) : null;
  const caching: CredentialCaching = { changes: credentialChanges, cache: credentialCache };
  const ids = new SequentialIds();
  const hasher = new PlainTextHasher();
  const chosenHasher = new PlainTextChosenHasher();
  const tenants = new InMemoryTenantRepository();
  const connections = new InMemoryConnectionRepository();
  const items = new InMemoryItemRepository();
  const locations = new InMemoryLocationRepository();
  const identity = new InMemoryIdentityDiscrepancies();
  const store = new InMemoryInventoryStore(locations, connections, { items, identity });
  const accessTokens = new InMemoryAccessTokenRepository(connections);
  const sessions = new InMemorySessionRepository(tenants);
  const manageConnections = new ManageConnections(connections, hasher, clock, ids, new ListedDialects(), caching);
  const reader = new InMemoryInventoryReader(store);
  // What ApplyStockBatch told its observer, in order.
  const committedWrites: { dialect: string; counts: Readonly<Record<string, number>> }[] = [];
  return {
    clock,
    ids,
    hasher,
    credentialChanges,
    credentialCache,
    chosenHasher,
    tenants,
    connections,
    items,
    locations,
    identity,
    store,
    reader,
    committedWrites,
    applyBatch: new ApplyStockBatch(store, new LineResolver(items, locations, identity), clock, ids, {
      committed: (dialect, counts) => committedWrites.push({ dialect, counts }),
    }),
    readInventory: new ReadInventory(reader, items),
    ledger: new QueryLedger(reader),
    discrepancies: new ManageDiscrepancies(store, reader, clock),
    sources: new ManageSources(store, locations, connections, clock, ids),
    verify: new VerifyLedger(reader, store, clock),
    access: new ManageAccess(tenants, hasher, clock, ids, chosenHasher, caching),
    manageConnections,
    accessTokens,
    sessions,
    tokens: new IssueAccessTokens(accessTokens, manageConnections, hasher, clock, {}, caching),
    catalog: new CatalogQueries(items, locations),
    manageItems: new ManageItems(items, identity, clock),
    merge: new MergeItems(store, items, clock),
    purge: new PurgeExpiredRecords(store, accessTokens, clock, null, sessions),
  };
}

/** The wiring returned by {@link createInMemoryTally}. */
export type InMemoryTally = ReturnType<typeof createInMemoryTally>;
