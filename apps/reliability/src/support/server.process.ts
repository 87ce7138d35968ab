import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { heapAfterGc, type HeapFigures } from './heap.probe';
import { LOG_DIR, WORKSPACE_ROOT } from './run-dir';

/** The built server; the target depends on `api:build`, this suite builds nothing. */
export const SERVER_MAIN = resolve(WORKSPACE_ROOT, 'apps/api/dist/main.js');

const READY = /Tally API listening on (http:\/\/\S+)/;
const INSPECTOR = /Debugger listening on (ws:\/\/\S+)/;
let started = 0;

/** A running server process. */
export interface RunningServer {
  readonly baseUrl: string;
  readonly pid: number;
  /** Everything the process printed on stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL: the crash the checks simulate. */
  kill(): Promise<void>;
  /** Resident memory in kB, from /proc/<pid>/status. */
  rssKb(): number;
  /** Memory after a full garbage collection; only for a server started with `inspect`. */
  heapAfterGc(): Promise<HeapFigures>;
}

/** How to start a server. */
export interface ServerOptions {
  /** Opens Node's inspector on 127.0.0.1 (a free port), so the check can force a GC and read the heap. */
  readonly inspect?: boolean;
}

/**
 * Spawns `node apps/api/dist/main.js` on a free port of 127.0.0.1 and waits until it listens.
 * Its output goes to a file of its own under the run's log directory.
 */
export async function startServer(name: string, env: Record<string, string>, options: ServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the api first (nx run api:build)`);
  const child = spawn(process.execPath, [...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), SERVER_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!child.stdout || !child.stderr) throw new Error('the server was spawned without pipes');
  const log = createWriteStream(join(LOG_DIR, `${name}-${++started}-${child.pid}.log`));
  let output = '';
  const capture = (chunk: Buffer) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout.on('data', capture);
  child.stderr.on('data', capture);
  child.once('exit', () => log.end());
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
    pid: child.pid ?? -1,
    output: () => output,
    stop: () => stopProcess(child, 'SIGTERM'),
    kill: () => stopProcess(child, 'SIGKILL'),
    rssKb: () => rssOf(child.pid ?? -1),
    heapAfterGc: () => {
      const inspector = INSPECTOR.exec(output)?.[1];
      if (!inspector) return Promise.reject(new Error(`server ${name} was not started with inspect`));
      return heapAfterGc(inspector);
    },
  };
}

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill(signal);
  });
}
