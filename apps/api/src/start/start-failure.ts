import { DatabaseStartError, DatabaseStartErrorCodes } from '@tally/persistence-sql';
import { ConfigError } from '@tally/platform-node';
import { CREATE_DATABASE_FLAG } from '../config/start.config';

/**
 * The exit codes of a start that fails, one per cause, so scripts and supervisors can tell a
 * mistake to fix from a wait-and-retry (README, "Starting and stopping"; ADR 0051).
 */
export const StartExitCodes = {
  /** A setting or argument is invalid (every problem is listed). */
  settings: 1,
  /** Anything else: a fault of Tally's; the stack is printed. */
  unexpected: 2,
  /** The database server cannot be reached, or refused the login, or the SQLite file cannot be opened. */
  databaseUnreachable: 3,
  /** The PostgreSQL database does not exist and creating it was not asked for (or failed). */
  databaseMissing: 4,
  /** A migration failed. */
  migrationFailed: 5,
  /** The HTTP server cannot listen: the port is in use, or not allowed, or the address is not this machine's. */
  cannotListen: 6,
} as const;

/** The HTTP server, or the metrics port's, could not bind its address. */
export class ListenError extends Error {
  /**
   * @param settings the settings that choose this address, for the message: `PORT (or HOST)` for
   * the API, `METRICS_PORT (or METRICS_HOST)` for the metrics port.
   */
  constructor(
    host: string,
    port: number,
    cause: unknown,
    readonly settings = 'PORT (or HOST)',
  ) {
    super(`cannot listen on ${host}:${port}: ${reasonOf(cause)}`, { cause });
    this.name = 'ListenError';
  }
}

/** What a failed start prints (one paragraph on stderr) and the code it exits with. */
export function startFailureOf(error: unknown): { exitCode: number; message: string } {
  if (error instanceof ConfigError) return { exitCode: StartExitCodes.settings, message: `Tally API cannot start. ${error.message}` };
  if (error instanceof ListenError) {
    return {
      exitCode: StartExitCodes.cannotListen,
      message: `Tally API cannot start: ${error.message}. No tenant or key was created yet: free the port or set ${error.settings}, and start again.`,
    };
  }
  if (error instanceof DatabaseStartError) {
    switch (error.code) {
      case DatabaseStartErrorCodes.missing:
        return {
          exitCode: StartExitCodes.databaseMissing,
          message:
            `Tally API cannot start (${error.code}): ${error.message}. Check the database name in DATABASE_URL; ` +
            `to create it, start once with DATABASE_CREATE=on or ${CREATE_DATABASE_FLAG}.`,
        };
      case DatabaseStartErrorCodes.unreachable:
        return { exitCode: StartExitCodes.databaseUnreachable, message: `Tally API cannot start (${error.code}): ${error.message}.` };
      case DatabaseStartErrorCodes.migrationFailed:
        return { exitCode: StartExitCodes.migrationFailed, message: `Tally API cannot start (${error.code}): ${error.message}.` };
    }
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { exitCode: StartExitCodes.unexpected, message: `Tally API failed to start: ${detail}` };
}

function reasonOf(cause: unknown): string {
  const code = String((cause as { code?: unknown } | null)?.code ?? '');
  if (code === 'EADDRINUSE') return 'the port is in use by another process';
  if (code === 'EACCES') return 'not allowed to bind this port (ports below 1024 need privileges)';
  if (code === 'EADDRNOTAVAIL') return 'the address is not one of this machine';
  return cause instanceof Error ? cause.message : String(cause);
}
