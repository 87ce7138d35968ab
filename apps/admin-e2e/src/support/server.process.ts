import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The workspace root: the server runs from there, as `npm start` does. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const SERVER_MAIN = resolve(WORKSPACE_ROOT, 'apps/api/dist/main.js');
const CONSOLE_INDEX = resolve(WORKSPACE_ROOT, 'apps/admin/dist/index.html');
const READY = /Tally API listening on (http:\/\/\S+)/;

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
export interface RunningServer {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Spawns the built API on a fresh SQLite file in a new temporary folder. Jobs run in small
 * paused chunks so that a job's progress can be watched from the browser.
 */
export async function startServer(adminKey: string): Promise<RunningServer> {
  for (const file of [SERVER_MAIN, CONSOLE_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (nx run-many -t build -p api admin)`);
  }
  const folder = mkdtempSync(join(tmpdir(), 'tally-admin-e2e-'));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: `sqlite:${join(folder, 'tally.db')}`,
      TALLY_ADMIN_KEY: adminKey,
      JOBS_CHUNK_SIZE: '40',
      JOBS_CHUNK_PAUSE_MS: '150',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = await new Promise<string>((resolveReady, reject) => {
    const onData = () => {
      const match = READY.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        resolveReady(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${output}`)));
  });
  return {
    baseUrl,
    stop: async () => {
      await stopProcess(child);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
