import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_MAIN, createSqliteDatabase, startServer, WORKSPACE_ROOT } from '@tally/test-support';

const CONSOLE_INDEX = resolve(WORKSPACE_ROOT, 'apps/admin/dist/index.html');

/** Where globalSetup leaves the running server for the test files. */
export const STATE_FILE = process.env['TALLY_ADMIN_E2E_STATE'] ?? resolve(WORKSPACE_ROOT, 'tmp/admin-e2e/state.json');

/** What the specs need of the server. */
export interface ServerState {
  readonly baseUrl: string;
  readonly adminKey: string;
}

/** The server started by globalSetup. */
export function serverState(): ServerState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ServerState;
}

/** A running server on its own fresh SQLite file. */
export interface ConsoleServer {
  readonly baseUrl: string;
  /** Stops the server and deletes its database. */
  stop(): Promise<void>;
}

/**
 * Starts the built API, which serves the built console, on a fresh SQLite file. Jobs run in
 * small paused chunks so that a job's progress can be watched from the browser.
 */
export async function startConsoleServer(adminKey: string): Promise<ConsoleServer> {
  for (const file of [API_MAIN, CONSOLE_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (nx run-many -t build -p api admin)`);
  }
  const database = createSqliteDatabase({ prefix: 'tally_admin_e2e' });
  try {
    const server = await startServer({
      // Every page of a spec signs in anew, with one key from one address: the sign-in rate is tested in api-e2e.
      env: {
        DATABASE_URL: database.url,
        TALLY_ADMIN_KEY: adminKey,
        JOBS_CHUNK_SIZE: '40',
        JOBS_CHUNK_PAUSE_MS: '150',
        SIGN_IN_LIMIT_PER_KEY: '1000',
        SIGN_IN_LIMIT_PER_ADDRESS: '1000',
      },
    });
    return {
      baseUrl: server.baseUrl,
      stop: async () => {
        await server.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}
