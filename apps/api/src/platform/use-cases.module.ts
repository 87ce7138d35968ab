import { Global, Logger, Module } from '@nestjs/common';
import {
  AccessTokenRepository,
  ApplyStockBatch,
  CatalogQueries,
  ExportStock,
  ImportStock,
  ChannelOutbox,
  Clock,
  ConnectionDialects,
  ConnectionRepository,
  CREDENTIAL_CACHE_DEFAULTS,
  CredentialCache,
  CredentialChanges,
  type CredentialCaching,
  IdGenerator,
  IdentityDiscrepancyRepository,
  IssueAccessTokens,
  InventoryReader,
  InventoryStore,
  ItemRepository,
  LocationRepository,
  ManageAccess,
  ManageConnections,
  ManageDiscrepancies,
  ManageSources,
  ManageItems,
  MergeItems,
  PurgeExpiredRecords,
  QueryLedger,
  ReadInventory,
  ItemOverviewQueries,
  ItemOverviewReader,
  ChannelRepository,
  SecretCipher,
  ChosenSecretHasher,
  SecretHasher,
  SessionRepository,
  StockBatchWriter,
  StockWriteObserver,
  TenantRepository,
  VerifyLedger,
} from '@tally/inventory-application';
import { UuidV7IdGenerator } from '@tally/persistence-sql';
import { GroupCommittedStockWriter } from '@tally/vendor-kit';
import {
  AppConfig,
  loadSecretsConfig,
  createSecretCipher,
  type AesGcmSecretCipher,
  API_KEY_LOOKUP_PURPOSE,
  createChosenSecretHasher,
  createSecretHasher,
  SystemClock,
  createApplyStockBatch,
} from '@tally/platform-node';
import { UnheardCredentialChanges } from './unheard-credential.changes';
import { rateLimitedConnections, rateLimitedTokens } from '../http/auth/tenant-rate-limited.credentials';
import { TenantRequestLimiter } from '../http/auth/tenant-request.limiter';

/**
 * Most lines one group of single writes holds (ADR 0046): the first command of a group always
 * runs, so a canonical batch of any allowed size still fits, alone.
 */
const STOCK_WRITE_GROUP_LINES = 2000;

const USE_CASES = [
  ApplyStockBatch,
  ReadInventory,
  ItemOverviewQueries,
  QueryLedger,
  ManageDiscrepancies,
  ManageSources,
  VerifyLedger,
  ManageAccess,
  ManageConnections,
  CatalogQueries,
  IssueAccessTokens,
  PurgeExpiredRecords,
  ManageItems,
  MergeItems,
  ExportStock,
  ImportStock,
];

function cachingOf(cache: CredentialCache, changes: CredentialChanges): CredentialCaching {
  return { cache, changes };
}

/** The use cases, plain classes built from the ports with factories. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    {
      provide: TenantRequestLimiter,
      useFactory: (config: AppConfig) => {
        const logger = new Logger('TenantRate');
        const { perSecond, burst } = config.tenantRate;
        return new TenantRequestLimiter(config.tenantRate, Date.now, (tenant) =>
          logger.warn({ msg: 'tenant request rate tripped: its requests are answered 429 until its bucket refills', tenant, perSecond, burst }),
        );
      },
      inject: [AppConfig],
    },
    { provide: IdGenerator, useClass: UuidV7IdGenerator },
    {
      // One per process, shared by every authentication path; emptied by a change in any process (ADR 0048).
      provide: CredentialCache,
      useFactory: (changes: CredentialChanges, clock: Clock, config: AppConfig) =>
        new CredentialCache(config.unsafeTestMode === 'unheard-credential-changes' ? new UnheardCredentialChanges(changes) : changes, clock, {
          ...CREDENTIAL_CACHE_DEFAULTS,
          ttlMs: config.authCacheSeconds * 1000,
        }),
      inject: [CredentialChanges, Clock, AppConfig],
    },
    {
      provide: SecretHasher,
      useFactory: (config: AppConfig) => createSecretHasher(config.unsafeTestMode),
      inject: [AppConfig],
    },
    {
      // Its lookup keys derive from the secrets keys, so rotating those re-files supplied keys at their next use.
      provide: ChosenSecretHasher,
      useFactory: (config: AppConfig, cipher: SecretCipher) =>
        createChosenSecretHasher(config.unsafeTestMode, (cipher as AesGcmSecretCipher).derivedKeys(API_KEY_LOOKUP_PURPOSE)),
      inject: [AppConfig, SecretCipher],
    },
    {
      // Reads (or on the first start creates) the key at boot, so a missing or exposed key stops the start.
      provide: SecretCipher,
      useFactory: (config: AppConfig) =>
        createSecretCipher(loadSecretsConfig(process.env, config.databaseUrl), (message) => new Logger('Secrets').warn(message)),
      inject: [AppConfig],
    },
    {
      provide: ApplyStockBatch,
      useFactory: (
        store: InventoryStore,
        items: ItemRepository,
        locations: LocationRepository,
        identityDiscrepancies: IdentityDiscrepancyRepository,
        clock: Clock,
        ids: IdGenerator,
        observer: StockWriteObserver,
      ) => createApplyStockBatch({ store, items, locations, identityDiscrepancies }, clock, ids, observer),
      inject: [InventoryStore, ItemRepository, LocationRepository, IdentityDiscrepancyRepository, Clock, IdGenerator, StockWriteObserver],
    },
    {
      // Group commit of the single-write routes (ADR 0046). setImmediate: the requests already
      // received join the group. SQLite has one writer, so one group of a tenant runs at a time;
      // PostgreSQL lets the next group form and start while the previous one commits.
      provide: StockBatchWriter,
      useFactory: (apply: ApplyStockBatch, config: AppConfig) =>
        new GroupCommittedStockWriter(apply, (task) => void setImmediate(task), {
          maxRunning: config.databaseKind === 'sqlite' ? 1 : 2,
          maxGroupSize: STOCK_WRITE_GROUP_LINES,
        }),
      inject: [ApplyStockBatch, AppConfig],
    },
    {
      provide: ReadInventory,
      useFactory: (reader: InventoryReader, items: ItemRepository) => new ReadInventory(reader, items),
      inject: [InventoryReader, ItemRepository],
    },
    {
      provide: ItemOverviewQueries,
      useFactory: (reader: ItemOverviewReader, locations: LocationRepository, connections: ConnectionRepository, channels: ChannelRepository, clock: Clock) =>
        new ItemOverviewQueries(reader, locations, connections, channels, clock),
      inject: [ItemOverviewReader, LocationRepository, ConnectionRepository, ChannelRepository, Clock],
    },
    { provide: QueryLedger, useFactory: (reader: InventoryReader) => new QueryLedger(reader), inject: [InventoryReader] },
    {
      provide: ImportStock,
      useFactory: (apply: ApplyStockBatch, connections: ConnectionRepository) => new ImportStock(apply, connections),
      inject: [ApplyStockBatch, ConnectionRepository],
    },
    {
      provide: ExportStock,
      useFactory: (reader: InventoryReader, items: ItemRepository, locations: LocationRepository) => new ExportStock(reader, items, locations),
      inject: [InventoryReader, ItemRepository, LocationRepository],
    },
    {
      provide: ManageDiscrepancies,
      useFactory: (store: InventoryStore, reader: InventoryReader, clock: Clock) => new ManageDiscrepancies(store, reader, clock),
      inject: [InventoryStore, InventoryReader, Clock],
    },
    {
      provide: ManageSources,
      useFactory: (store: InventoryStore, locations: LocationRepository, connections: ConnectionRepository, clock: Clock, ids: IdGenerator) =>
        new ManageSources(store, locations, connections, clock, ids),
      inject: [InventoryStore, LocationRepository, ConnectionRepository, Clock, IdGenerator],
    },
    {
      provide: VerifyLedger,
      useFactory: (reader: InventoryReader, store: InventoryStore, clock: Clock) => new VerifyLedger(reader, store, clock),
      inject: [InventoryReader, InventoryStore, Clock],
    },
    {
      provide: ManageAccess,
      useFactory: (
        tenants: TenantRepository,
        hasher: SecretHasher,
        clock: Clock,
        ids: IdGenerator,
        chosen: ChosenSecretHasher,
        cache: CredentialCache,
        changes: CredentialChanges,
      ) => new ManageAccess(tenants, hasher, clock, ids, chosen, cachingOf(cache, changes)),
      inject: [TenantRepository, SecretHasher, Clock, IdGenerator, ChosenSecretHasher, CredentialCache, CredentialChanges],
    },
    {
      provide: ManageConnections,
      // Every vendor request authenticates here: each one counts against its tenant's rate (ADR 0044).
      useFactory: (
        connections: ConnectionRepository,
        hasher: SecretHasher,
        clock: Clock,
        ids: IdGenerator,
        dialects: ConnectionDialects,
        limiter: TenantRequestLimiter,
        cache: CredentialCache,
        changes: CredentialChanges,
      ) => rateLimitedConnections(new ManageConnections(connections, hasher, clock, ids, dialects, cachingOf(cache, changes)), limiter),
      inject: [ConnectionRepository, SecretHasher, Clock, IdGenerator, ConnectionDialects, TenantRequestLimiter, CredentialCache, CredentialChanges],
    },
    {
      provide: IssueAccessTokens,
      useFactory: (
        tokens: AccessTokenRepository,
        manage: ManageConnections,
        hasher: SecretHasher,
        clock: Clock,
        config: AppConfig,
        limiter: TenantRequestLimiter,
        cache: CredentialCache,
        changes: CredentialChanges,
      ) =>
        rateLimitedTokens(
          new IssueAccessTokens(
            tokens,
            manage,
            hasher,
            clock,
            { tokensOutliveRotation: config.unsafeTestMode === 'tokens-outlive-rotation' },
            cachingOf(cache, changes),
          ),
          limiter,
        ),
      inject: [AccessTokenRepository, ManageConnections, SecretHasher, Clock, AppConfig, TenantRequestLimiter, CredentialCache, CredentialChanges],
    },
    {
      provide: CatalogQueries,
      useFactory: (items: ItemRepository, locations: LocationRepository) => new CatalogQueries(items, locations),
      inject: [ItemRepository, LocationRepository],
    },
    {
      provide: ManageItems,
      useFactory: (items: ItemRepository, identity: IdentityDiscrepancyRepository, clock: Clock) => new ManageItems(items, identity, clock),
      inject: [ItemRepository, IdentityDiscrepancyRepository, Clock],
    },
    {
      provide: MergeItems,
      useFactory: (store: InventoryStore, items: ItemRepository, clock: Clock) => new MergeItems(store, items, clock),
      inject: [InventoryStore, ItemRepository, Clock],
    },
    {
      provide: PurgeExpiredRecords,
      useFactory: (store: InventoryStore, tokens: AccessTokenRepository, clock: Clock, outbox: ChannelOutbox, sessions: SessionRepository) =>
        new PurgeExpiredRecords(store, tokens, clock, outbox, sessions),
      inject: [InventoryStore, AccessTokenRepository, Clock, ChannelOutbox, SessionRepository],
    },
  ],
  exports: [...USE_CASES, StockBatchWriter, Clock, IdGenerator, SecretHasher, SecretCipher, TenantRequestLimiter, CredentialCache],
})
export class UseCasesModule {}
