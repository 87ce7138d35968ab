import { ManageAccess, VerifyLedger } from '@tally/inventory-application';
import { createPersistence, pendingMigrations, UuidV7IdGenerator, type Persistence } from '@tally/persistence-sql';
import {
  API_KEY_LOOKUP_PURPOSE,
  createChosenSecretHasher,
  createSecretCipher,
  createSecretHasher,
  loadConfig,
  loadSecretsConfig,
  SystemClock,
  type AppConfig,
} from '@tally/platform-node';
import { CliError, CliErrorCodes } from '../cli.error';
import type { CliIo } from '../cli.io';

/** The database and the use cases an admin command works with, built as the API builds them. */
export interface AdminContext {
  readonly config: AppConfig;
  readonly persistence: Persistence;
  readonly verifier: VerifyLedger;
  /**
   * Tenants and keys. Built on first use: it needs the secrets key, and like the API's first
   * start creates the managed key file when none is configured (saying so on stderr).
   */
  access(): ManageAccess;
  close(): Promise<void>;
}

/** The API's settings, read from the same environment variables. @throws ConfigError naming every invalid one. */
export function loadSettings(io: CliIo): AppConfig {
  return loadConfig(io.env);
}

/**
 * Opens the configured database for an admin command. Refuses a database with pending
 * migrations (changing the schema is `tally migrate`'s decision alone), creating nothing.
 */
export async function openAdminContext(io: CliIo): Promise<AdminContext> {
  const config = loadSettings(io);
  const pending = await pendingMigrations(config.databaseUrl);
  if (pending.length) {
    throw new CliError(CliErrorCodes.pendingMigrations, `the database has ${pending.length} pending migration(s): run \`tally migrate\` first`);
  }
  const persistence = await createPersistence(config.databaseUrl, { migrate: false, backgroundCheckpoints: false, poolSize: 2 });
  const clock = new SystemClock();
  let access: ManageAccess | null = null;
  return {
    config,
    persistence,
    verifier: new VerifyLedger(persistence.reader, persistence.store, clock),
    access() {
      if (access) return access;
      const cipher = createSecretCipher(loadSecretsConfig(io.env, config.databaseUrl), (message) => io.err(`tally: ${message}`));
      const chosen = createChosenSecretHasher(config.unsafeTestMode, cipher.derivedKeys(API_KEY_LOOKUP_PURPOSE));
      access = new ManageAccess(persistence.tenants, createSecretHasher(config.unsafeTestMode), clock, new UuidV7IdGenerator(), chosen);
      return access;
    },
    close: () => persistence.close(),
  };
}

/** Runs `work` on an opened context and closes it whatever happens. */
export async function withAdminContext<T>(io: CliIo, work: (context: AdminContext) => Promise<T>): Promise<T> {
  const context = await openAdminContext(io);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
