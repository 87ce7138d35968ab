import type {
  AccessTokenRepository,
  ChannelOutbox,
  ChannelRepository,
  ConnectionActivityStore,
  ConnectionRepository,
  CredentialChanges,
  InventoryReader,
  InventoryStore,
  IdentityDiscrepancyRepository,
  ItemOverviewReader,
  ItemRepository,
  JobQueue,
  LocationRepository,
  OperationalFigures,
  RateWindows,
  SharedFailures,
  PlaceNumberRepository,
  SessionRepository,
  TenantRepository,
} from '@tally/inventory-application';

/** What a database check answers. */
export interface DatabaseHealth {
  readonly ok: boolean;
  readonly detail?: string;
}

/**
 * The adapters the API runs on: one instance per port, plus health and shutdown. An
 * abstract class so Nest can inject it; the real one wraps the SQL persistence adapter.
 */
export abstract class PersistenceHandle {
  abstract readonly databaseKind: string;
  abstract readonly tenants: TenantRepository;
  abstract readonly accessTokens: AccessTokenRepository;
  /** Console sessions, shared by every process on the database. */
  abstract readonly sessions: SessionRepository;
  abstract readonly connections: ConnectionRepository;
  /** Connections' last seen times and last errors, shared by every process (ADR 0063). */
  abstract readonly connectionActivity: ConnectionActivityStore;
  abstract readonly items: ItemRepository;
  abstract readonly identityDiscrepancies: IdentityDiscrepancyRepository;
  abstract readonly locations: LocationRepository;
  abstract readonly placeNumbers: PlaceNumberRepository;
  abstract readonly store: InventoryStore;
  abstract readonly reader: InventoryReader;
  abstract readonly jobs: JobQueue;
  abstract readonly channels: ChannelRepository;
  abstract readonly channelOutbox: ChannelOutbox;
  /** Credential changes between the processes on the database (ADR 0048). */
  abstract readonly credentialChanges: CredentialChanges;
  /** Backlogs, pool and log sizes for the metrics. */
  abstract readonly operationalFigures: OperationalFigures;
  /** The console's items overview, counts and activity (ADR 0059). */
  abstract readonly itemOverview: ItemOverviewReader;
  /** Vendors' request rates, shared by every process on PostgreSQL. */
  abstract readonly rateWindows: RateWindows;
  /** Failed authentications shared by every process on PostgreSQL (ADR 0057); null on SQLite. */
  abstract readonly sharedFailures: SharedFailures | null;
  abstract health(): Promise<DatabaseHealth>;
  abstract close(): Promise<void>;
}
