import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** The workspace root: the server runs from there, as `npm start` does. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** The built server; the e2e target depends on `api:build`, this suite builds nothing. */
export const SERVER_MAIN = resolve(WORKSPACE_ROOT, 'apps/api/dist/main.js');

const READY = /Tally API listening on (http:\/\/\S+)/;

/** A running server process. */
export interface RunningServer {
  readonly baseUrl: string;
  readonly pid: number;
  /** Everything the process printed on stdout so far. */
  output(): string;
  /** Everything the process printed on stderr so far. */
  errors(): string;
  /** SIGTERM, then SIGKILL after 10 s; answers how the process ended. */
  stop(): Promise<ServerExit>;
}

/** How a server process ended: its exit code, or the signal that killed it. */
export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Spawns `node apps/api/dist/main.js` on a free port and waits until it says it listens. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the api first (nx run api:build)`);
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout: out, stderr: err } = pipesOf(child);
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const baseUrl = await new Promise<string>((resolveReady, reject) => {
    const onData = () => {
      const match = READY.exec(stdout);
      if (match) {
        out.off('data', onData);
        resolveReady(match[1]);
      }
    };
    out.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${stderr}${stdout}`)));
  });
  return { baseUrl, pid: child.pid ?? -1, output: () => stdout, errors: () => stderr, stop: () => stopProcess(child) };
}

/** Runs the server to its exit (for configurations that must refuse to boot). */
export function runToExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveExit) => {
    const child = spawn(process.execPath, [SERVER_MAIN], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pipes = pipesOf(child);
    let stdout = '';
    let stderr = '';
    pipes.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    pipes.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolveExit({ code, stdout, stderr }));
  });
}

function pipesOf(child: ChildProcess): { stdout: Readable; stderr: Readable } {
  if (!child.stdout || !child.stderr) throw new Error('the server was spawned without pipes');
  return { stdout: child.stdout, stderr: child.stderr };
}

function stopProcess(child: ChildProcess): Promise<ServerExit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(force);
      resolveStop({ code, signal });
    });
    child.kill('SIGTERM');
  });
}
