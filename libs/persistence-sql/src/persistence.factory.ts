import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MetadataProvider, MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { Database } from 'better-sqlite3';
import type {
  AccessTokenRepository,
  CredentialChanges,
  OperationalFigures,
  ItemOverviewReader,
  RateWindows,
  SharedFailures,
  SessionRepository,
  ChannelOutbox,
  ChannelRepository,
  ConnectionActivityStore,
  ConnectionRepository,
  IdGenerator,
  InventoryReader,
  InventoryStore,
  IdentityDiscrepancyRepository,
  ItemRepository,
  JobQueue,
  LocationRepository,
  PlaceNumberRepository,
  TenantRepository,
} from '@tally/inventory-application';
import { RECORD_SCHEMAS } from './records';
import { MIGRATIONS, migrateDatabase } from './migrations/migrate-database';
import { SqlGate, SQLITE_BUSY_TIMEOUT_MS } from './sql/sql-gate';
import { DatabaseStartError, DatabaseStartErrorCodes } from './sql/database-start.error';
import { ensurePostgresDatabase, postgresPlaceOf } from './sql/postgres-database.preflight';
import { DriverConnectionPool } from './sql/driver-connection.pool';
import { SqliteCheckpointer } from './sql/sqlite-checkpointer';
import { UuidV7IdGenerator } from './sql/uuid-v7.id-generator';
import type { DatabaseKind } from './sql/sql-session';
import { SqlTenantRepository } from './repositories/sql-tenant.repository';
import { SqlAccessTokenRepository } from './repositories/sql-access-token.repository';
import { SqlSessionRepository } from './repositories/sql-session.repository';
import { SqlPlaceNumberRepository } from './repositories/sql-place-number.repository';
import { SqlConnectionRepository } from './repositories/sql-connection.repository';
import { SqlItemRepository } from './repositories/sql-item.repository';
import { SqlIdentityDiscrepancyRepository } from './repositories/sql-identity-discrepancy.repository';
import { SqlLocationRepository } from './repositories/sql-location.repository';
import { SqlInventoryStore } from './inventory/sql-inventory.store';
import { SqlInventoryReader } from './inventory/sql-inventory.reader';
import { SqlJobQueue, type JobClaimOrder } from './jobs/sql-job.queue';
import { SqlChannelRepository } from './channels/sql-channel.repository';
import { SqlChannelOutbox } from './channels/sql-channel.outbox';
import { InProcessCredentialChanges } from './credentials/in-process-credential.changes';
import { PgCredentialChanges } from './credentials/pg-credential.changes';
import { SqlOperationalFigures } from './operations/sql-operational.figures';
import { SqlItemOverviewReader } from './operations/sql-item-overview.reader';
import { SqlRateWindows } from './rates/sql-rate.windows';
import { SqlConnectionActivityStore } from './operations/sql-connection-activity.store';
import { PgSharedFailures } from './throttle/pg-shared.failures';
import { InProcessRateWindows } from '@tally/inventory-application';

/** The embedded default: a SQLite file under `./data`. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/tally.db';

/** Options of {@link createPersistence}. */
export interface PersistenceOptions {
  /** Applies pending migrations before answering. Default true. */
  readonly migrate?: boolean;
  /** Ids of the items and locations the repositories create. Default: time-ordered UUIDs (version 7). */
  readonly ids?: IdGenerator;
  /** Largest number of PostgreSQL connections in the pool, at least 2. Default 10 (SQLite always uses one). */
  readonly poolSize?: number;
  /** Logs the ORM's SQL. Default false. */
  readonly debug?: boolean;
  /** SQLite files: checkpoint the write-ahead log from a worker thread (ADR 0007). Default true. */
  readonly backgroundCheckpoints?: boolean;
  /** Told of a background checkpoint that failed (the next one runs anyway). */
  readonly onCheckpointError?: (message: string) => void;
  /** SQLite: inventory writes reconcile on a snapshot and lock only to check and write (ADR 0025). Default false. */
  readonly snapshotReads?: boolean;
  /** The order of job claims: `fair` (tenants take turns, the default) or `global` (the unsafe negative control, ADR 0044). */
  readonly jobClaimOrder?: JobClaimOrder;
  /** Told when the PostgreSQL listener of credential changes loses its connection (it reconnects by itself). */
  readonly onCredentialListenerError?: (message: string) => void;
  /**
   * PostgreSQL: creates the database the URL names when it does not exist. Default false: a
   * missing database is refused with `DATABASE.MISSING` (ADR 0051). A SQLite file is always created.
   */
  readonly createDatabase?: boolean;
}

/** What a database check answers. */
export interface PersistenceHealth {
  readonly database: DatabaseKind;
  readonly ok: boolean;
  readonly detail?: string;
}

/** An opened database with one adapter per persistence port. */
export interface Persistence {
  readonly orm: MikroORM<AbstractSqlDriver>;
  readonly databaseKind: DatabaseKind;
  readonly tenants: TenantRepository;
  readonly accessTokens: AccessTokenRepository;
  /** Console sessions, shared by every process on the database. */
  readonly sessions: SessionRepository;
  readonly connections: ConnectionRepository;
  /** Connections' last seen times and last errors, shared by every process (ADR 0063). */
  readonly connectionActivity: ConnectionActivityStore;
  readonly items: ItemRepository;
  readonly identityDiscrepancies: IdentityDiscrepancyRepository;
  readonly locations: LocationRepository;
  /** Integer names of places, for dialects whose records carry integer ids (ADR 0032). */
  readonly placeNumbers: PlaceNumberRepository;
  readonly store: InventoryStore;
  readonly reader: InventoryReader;
  /** The durable job queue in the database (ADR 0011). */
  readonly jobs: JobQueue;
  /** Sales channels, their overrides and sync state. */
  readonly channels: ChannelRepository;
  /** The channels' outbox and dispatch leases. */
  readonly channelOutbox: ChannelOutbox;
  /**
   * Credential changes between the processes on this database (ADR 0048): LISTEN/NOTIFY on
   * PostgreSQL, opened at the first subscription; within the process on SQLite.
   */
  readonly credentialChanges: CredentialChanges;
  /** Backlogs, pool and log sizes for monitoring. */
  readonly operationalFigures: OperationalFigures;
  /** The console's items overview, its counts and the ledger's activity (ADR 0059). */
  readonly itemOverview: ItemOverviewReader;
  /** Vendors' request rates: in the database on PostgreSQL (shared by every process), in memory on SQLite. */
  readonly rateWindows: RateWindows;
  /**
   * Failed authentications shared by the API processes (ADR 0057): in the database on PostgreSQL;
   * null on SQLite, where one process keeps them in its memory.
   */
  readonly sharedFailures: SharedFailures | null;
  /** Runs `SELECT 1`; never throws. */
  health(): Promise<PersistenceHealth>;
  /** Closes the pool; the instance is unusable afterwards. */
  close(): Promise<void>;
}

/** Where a database URL points. */
export type DatabaseTarget = { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgresql'; readonly url: string };

/**
 * Reads `sqlite:<file>` (relative to the working directory, or `sqlite::memory:`) or
 * `postgres://` / `postgresql://` URLs.
 * @throws Error for any other scheme; the message never repeats the URL (it may hold a password).
 */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return { kind: 'postgresql', url: databaseUrl };
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/.exec(databaseUrl);
  if (sqlite) return { kind: 'sqlite', file: sqlite[1] === ':memory:' ? ':memory:' : resolve(sqlite[1]) };
  throw new Error('database URL must be sqlite:<file path> or postgres://user@host:port/database');
}

/** Connections of the pool: one on SQLite (its writers take turns anyway), the setting (at least 2) on PostgreSQL. */
const poolSizeOf = (target: DatabaseTarget, options: PersistenceOptions): number => (target.kind === 'sqlite' ? 1 : Math.max(2, options.poolSize ?? 10));

/** Entities are declared with `EntitySchema`, so no reflection (and no reflect-metadata) is needed. */
class EntitySchemaMetadataProvider extends MetadataProvider {
  loadEntityMetadata(): void {
    // Nothing to discover: every property declares its type in the schema.
  }
}

/**
 * WAL pages after which a commit checkpoints (SQLite's default is 1,000, 4 MB); a safety net
 * behind the background checkpointer ({@link SqliteCheckpointer}), which normally keeps the log
 * far below it. A checkpoint
 * copies the log into the database file and syncs it; a 3,000-line chunk writes more than 4 MB,
 * so with the default nearly every chunk paid one, and pages written by several chunks (index
 * pages, the ledger's tail) were copied again each time. Committed transactions are in the log
 * whatever the interval, so a process crash loses nothing either way; what a power cut may lose
 * under `synchronous = NORMAL` (the log is synced at checkpoints) grows with it (ADR 0007).
 */
export const SQLITE_CHECKPOINT_PAGES = 10_000;

/**
 * Page cache of each SQLite connection, in KiB (ADR 0027). Enough for the hot pages of the
 * write paths; a larger cache costs more than it saves, because SQLite walks every cached page
 * at the end of each write transaction that split a b-tree page.
 */
export const SQLITE_CACHE_KIB = 16_384;

// Per-connection settings: WAL with synchronous=NORMAL survives a process crash (docs/architecture.md §6).
function configureSqlite(db: Database, done: (error: Error | null, db: Database) => void): void {
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    db.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
    done(null, db);
  } catch (error) {
    done(error as Error, db);
  }
}

function ormOptions(target: DatabaseTarget, options: PersistenceOptions): Options<AbstractSqlDriver> {
  const common = {
    entities: RECORD_SCHEMAS,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, snapshot: false, silent: true, transactional: true, allOrNothing: true },
    metadataProvider: EntitySchemaMetadataProvider,
    metadataCache: { enabled: false },
    discovery: { warnWhenNoEntities: false },
    debug: options.debug ?? false,
    // Never create a database behind the caller's back: createPersistence decides (ADR 0051).
    ensureDatabase: false,
  };
  if (target.kind === 'sqlite') {
    // One connection: SQLite has one writer, and the pool's queue serializes in-process writers.
    return { ...common, driver: BetterSqliteDriver, dbName: target.file, pool: { min: 1, max: poolSizeOf(target, options), afterCreate: configureSqlite } };
  }
  // At least two: migrating holds one connection for its lock while the migrator uses another.
  return { ...common, driver: PostgreSqlDriver, clientUrl: target.url, pool: { min: 0, max: poolSizeOf(target, options) } };
}

/**
 * Creates a new SQLite file's folder (0700) and the file itself (0600) before SQLite opens it:
 * the stock, the ledger and the credentials' hashes are readable by Tally's user only, and
 * SQLite gives the WAL and shared-memory files the database file's permissions. An existing
 * file or folder keeps the permissions its owner gave it.
 */
function createPrivateSqliteFile(file: string): void {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
}

/** The database a target names, for messages (never a URL's user or password). */
function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `SQLite file ${target.file}`;
  const place = postgresPlaceOf(target.url);
  return `PostgreSQL database "${place.database}" on ${place.server}`;
}

/** Creates what may be created (a SQLite file, a PostgreSQL database when asked), then connects the ORM. */
async function openOrm(target: DatabaseTarget, options: PersistenceOptions): Promise<MikroORM<AbstractSqlDriver>> {
  try {
    if (target.kind === 'sqlite' && target.file !== ':memory:') createPrivateSqliteFile(target.file);
    if (target.kind === 'postgresql') await ensurePostgresDatabase(target.url, options.createDatabase ?? false);
    return (await MikroORM.init(ormOptions(target, options))) as MikroORM<AbstractSqlDriver>;
  } catch (error) {
    if (error instanceof DatabaseStartError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(DatabaseStartErrorCodes.unreachable, `cannot open ${describeTarget(target)}: ${message}`, { cause: error });
  }
}

/**
 * Opens the database a URL names (creating the SQLite file and its folder, private; a PostgreSQL
 * database only with `createDatabase`), migrates it unless told not to, and answers one adapter
 * per persistence port.
 * @throws DatabaseStartError when the database cannot be reached, does not exist or does not migrate.
 */
export async function createPersistence(databaseUrl: string, options: PersistenceOptions = {}): Promise<Persistence> {
  const target = parseDatabaseUrl(databaseUrl);
  const orm = await openOrm(target, options);
  try {
    if (options.migrate ?? true) await migrateDatabase(orm);
  } catch (error) {
    await orm.close(true);
    const message = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartError(DatabaseStartErrorCodes.migrationFailed, `migrating ${describeTarget(target)} failed: ${message}`, { cause: error });
  }
  const pool = DriverConnectionPool.of(orm);
  const gate = new SqlGate(target.kind, pool);
  const checkpointer =
    target.kind === 'sqlite' && target.file !== ':memory:' && (options.backgroundCheckpoints ?? true)
      ? SqliteCheckpointer.start(target.file, options.onCheckpointError)
      : null;
  const ids = options.ids ?? new UuidV7IdGenerator();
  const credentialChanges =
    target.kind === 'postgresql' ? new PgCredentialChanges(target.url, gate, { onError: options.onCredentialListenerError }) : new InProcessCredentialChanges();
  return {
    orm,
    databaseKind: target.kind,
    tenants: new SqlTenantRepository(orm, gate),
    accessTokens: new SqlAccessTokenRepository(gate),
    sessions: new SqlSessionRepository(gate),
    connections: new SqlConnectionRepository(orm, gate),
    connectionActivity: new SqlConnectionActivityStore(gate),
    items: new SqlItemRepository(gate, ids),
    identityDiscrepancies: new SqlIdentityDiscrepancyRepository(gate, ids),
    locations: new SqlLocationRepository(orm, gate, ids),
    placeNumbers: new SqlPlaceNumberRepository(gate),
    store: new SqlInventoryStore(gate, { snapshotReads: options.snapshotReads ?? false }),
    reader: new SqlInventoryReader(gate),
    jobs: new SqlJobQueue(gate, options.jobClaimOrder ?? 'fair'),
    channels: new SqlChannelRepository(gate),
    channelOutbox: new SqlChannelOutbox(gate),
    credentialChanges,
    rateWindows: target.kind === 'postgresql' ? new SqlRateWindows(gate) : new InProcessRateWindows(),
    sharedFailures: target.kind === 'postgresql' ? new PgSharedFailures(gate) : null,
    itemOverview: new SqlItemOverviewReader(gate),
    operationalFigures: new SqlOperationalFigures(
      gate,
      pool,
      poolSizeOf(target, options),
      target.kind === 'sqlite' && target.file !== ':memory:' ? target.file : null,
    ),
    async health() {
      try {
        await gate.session((session) => session.all('SELECT 1 AS ok'));
        return { database: target.kind, ok: true };
      } catch (error) {
        return { database: target.kind, ok: false, detail: (error as Error).message };
      }
    },
    async close() {
      if (credentialChanges instanceof PgCredentialChanges) await credentialChanges.close();
      await checkpointer?.stop();
      await orm.close(true);
    },
  };
}
