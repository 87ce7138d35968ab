/** Stable codes of the ways opening a database can fail before Tally answers anything. */
export const DatabaseStartErrorCodes = {
  /** The server cannot be reached or refused the credentials. */
  unreachable: 'DATABASE.UNREACHABLE',
  /** The named PostgreSQL database does not exist, and creating it was not asked for. */
  missing: 'DATABASE.MISSING',
  /** A migration failed; the schema is as the last migration that committed left it. */
  migrationFailed: 'DATABASE.MIGRATION_FAILED',
} as const;

/** One of {@link DatabaseStartErrorCodes}. */
export type DatabaseStartErrorCode = (typeof DatabaseStartErrorCodes)[keyof typeof DatabaseStartErrorCodes];

/**
 * Opening or migrating the database failed. The message names the database and the server
 * (host and port), never the URL's user or password; `cause` keeps the driver's error.
 */
export class DatabaseStartError extends Error {
  constructor(
    readonly code: DatabaseStartErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}
