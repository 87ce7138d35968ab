import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { printedAdminKey } from './admin-key.util';
import { cpuSecondsOf, rssKbOf } from './process-figures.util';
import { API_MAIN, WORKSPACE_ROOT } from './workspace-root.util';

/** The line the API prints once it listens; its URL is the server's base URL. */
export const API_READY = /Tally API listening on (http:\/\/\S+)/;

/** How to start a server process. */
export interface ServerOptions {
  /** Environment over the defaults (PATH, PORT=0, HOST=127.0.0.1, LOG_LEVEL=warn); nothing else is inherited. */
  readonly env?: Record<string, string>;
  /** The script node runs; the built API by default. */
  readonly script?: string;
  /** Arguments after the script, such as `--create-database`. */
  readonly args?: readonly string[];
  /** Node options before the script, such as `--inspect=127.0.0.1:0` or `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** The stdout line that says the server listens; its first group is the base URL. */
  readonly ready?: RegExp;
  /** A file that receives everything the process prints (named once its pid is known). */
  readonly logFile?: (pid: number) => string;
}

/** How a server process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running server process. */
export interface RunningServer {
  readonly baseUrl: string;
  readonly pid: number;
  /** Everything the process printed on stdout so far. */
  output(): string;
  /** Everything the process printed on stderr so far. */
  errors(): string;
  /** Everything the process printed on stdout and stderr so far, in the order it arrived. */
  transcript(): string;
  /** The admin key a first start printed (a server started without `TALLY_ADMIN_KEY` on an empty database). */
  printedAdminKey(): string | undefined;
  /** SIGTERM, then SIGKILL after 10 s (or SIGKILL at once); answers how the process ended. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<ServerExit>;
  /** SIGKILL: the crash a test simulates. */
  kill(): Promise<ServerExit>;
  /** CPU seconds the process used so far, all its threads; null where /proc cannot tell. */
  cpuSeconds(): number | null;
  /** Resident memory in kB. */
  rssKb(): number;
}

/** What a process printed before it exited on its own. */
export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Spawns `node [nodeArgs] <script>` (the built API by default) from the workspace root on a free
 * port of 127.0.0.1 and waits until it says it listens; rejects with its output if it exits first.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const child = spawnNode(options);
  const pid = child.pid ?? -1;
  const log = options.logFile ? createWriteStream(options.logFile(pid)) : null;
  const printed = capture(child, log);
  const ready = options.ready ?? API_READY;
  const baseUrl = await new Promise<string>((resolveReady, reject) => {
    const onData = () => {
      const match = ready.exec(printed.stdout);
      if (match) {
        child.stdout?.off('data', onData);
        resolveReady(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening:\n${printed.stderr}${printed.stdout}`)));
  });
  return {
    baseUrl,
    pid,
    output: () => printed.stdout,
    errors: () => printed.stderr,
    transcript: () => printed.both,
    printedAdminKey: () => printedAdminKey(printed.stdout),
    stop: (signal = 'SIGTERM') => stopProcess(child, signal),
    kill: () => stopProcess(child, 'SIGKILL'),
    cpuSeconds: () => cpuSecondsOf(pid),
    rssKb: () => rssKbOf(pid),
  };
}

/** Runs a server to its exit: for configurations that must refuse to boot. */
export function runToExit(options: ServerOptions = {}): Promise<ProcessRun> {
  return new Promise((resolveExit) => {
    const child = spawnNode(options);
    const printed = capture(child, null);
    child.once('exit', (code) => resolveExit({ code, stdout: printed.stdout, stderr: printed.stderr }));
  });
}

function spawnNode(options: ServerOptions): ChildProcess {
  const script = options.script ?? API_MAIN;
  if (!existsSync(script)) throw new Error(`${script} is missing: build it first (nx run api:build)`);
  return spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects what the process prints, and copies it to the log file if there is one. */
function capture(child: ChildProcess, log: WriteStream | null): { stdout: string; stderr: string; both: string } {
  const { stdout, stderr } = pipesOf(child);
  const printed = { stdout: '', stderr: '', both: '' };
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString();
    printed[stream] += text;
    printed.both += text;
    log?.write(chunk);
  };
  stdout.on('data', collect('stdout'));
  stderr.on('data', collect('stderr'));
  if (log) child.once('exit', () => log.end());
  return printed;
}

function pipesOf(child: ChildProcess): { stdout: Readable; stderr: Readable } {
  if (!child.stdout || !child.stderr) throw new Error('the server was spawned without pipes');
  return { stdout: child.stdout, stderr: child.stderr };
}

function stopProcess(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<ServerExit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(force);
      resolveStop({ code, signal });
    });
    child.kill(signal);
  });
}
