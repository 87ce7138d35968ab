import { Client } from 'pg';
import { DatabaseStartError, DatabaseStartErrorCodes } from './database-start.error';

const UNDEFINED_DATABASE = '3D000';
// Two processes creating the same database at once: the loser sees one of these.
const ALREADY_CREATED = new Set(['42P04', '23505']);
// An unreachable host must not hang a start forever.
const CONNECT_TIMEOUT_MS = 10_000;

/** Where a PostgreSQL URL points, for messages: never its user or password. */
export interface PostgresPlace {
  readonly database: string;
  /** `host:port`. */
  readonly server: string;
}

/** The database and server a `postgres://` URL names (PostgreSQL's defaults fill what it leaves out). */
export function postgresPlaceOf(url: string): PostgresPlace {
  const parsed = new URL(url);
  const path = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return { database: path || decodeURIComponent(parsed.username) || 'postgres', server: `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}` };
}

/**
 * Makes sure the database a URL names exists before the ORM connects: answers whether it was
 * created. A missing database is created only when `create` is true (the ORM would create any
 * name it is given, so a typo in the name silently made a new, empty Tally).
 * @throws DatabaseStartError `DATABASE.UNREACHABLE` when the server cannot be reached or refuses
 *   the login, `DATABASE.MISSING` when the database does not exist and may not (or cannot) be created.
 */
export async function ensurePostgresDatabase(url: string, create: boolean): Promise<boolean> {
  const place = postgresPlaceOf(url);
  if (await databaseExists(url, place)) return false;
  if (!create) throw new DatabaseStartError(DatabaseStartErrorCodes.missing, `PostgreSQL database "${place.database}" does not exist on ${place.server}`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = await connect(maintenance.toString(), { ...place, database: 'postgres' });
  try {
    await client.query(`CREATE DATABASE "${place.database.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    if (ALREADY_CREATED.has(codeOf(error))) return false;
    throw new DatabaseStartError(
      DatabaseStartErrorCodes.missing,
      `PostgreSQL database "${place.database}" does not exist on ${place.server}, and creating it failed: ${messageOf(error)}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function databaseExists(url: string, place: PostgresPlace): Promise<boolean> {
  try {
    await (await connect(url, place, true)).end();
    return true;
  } catch (error) {
    if (codeOf(error) === UNDEFINED_DATABASE) return false;
    throw error;
  }
}

// `passMissing`: let "database does not exist" through, for the caller to decide.
async function connect(url: string, place: PostgresPlace, passMissing = false): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A server that drops the connection later must not crash the process through an unhandled 'error'.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if (passMissing && codeOf(error) === UNDEFINED_DATABASE) throw error;
    throw new DatabaseStartError(
      DatabaseStartErrorCodes.unreachable,
      `cannot reach PostgreSQL at ${place.server} (database "${place.database}"): ${messageOf(error)}`,
      { cause: error },
    );
  }
}

function codeOf(error: unknown): string {
  return String((error as { code?: unknown } | null)?.code ?? '');
}

// Driver messages name the user at most (never the password); an empty one (AggregateError) says its code.
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message || codeOf(error) || 'unknown error';
}
