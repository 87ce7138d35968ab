import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The workspace root, where every server runs from. */
export const ROOT = resolve(__dirname, '../..');

/** A server process the benchmark drives. */
export interface BenchServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, or SIGKILL to prove that what was acknowledged is on disk. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** CPU seconds the process used so far, all its threads; null where /proc cannot tell. */
  cpuSeconds(): number | null;
}

let clockTicks: number | undefined;

/**
 * User plus system CPU time of a process from /proc (Linux), in seconds. Steadier than
 * requests/s on a shared machine: it counts the work a server did, not how much of the
 * machine it got.
 */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    // Fields after the command name, which is in parentheses and may itself hold ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

const READY = /listening on (http:\/\/[^\s]+)/;

/**
 * BENCH_PROFILE_DIR=<dir> runs every server under `--cpu-prof` and writes its profile there
 * when it exits (SIGTERM; a SIGKILLed server writes none). Summarize one with
 * `node tools/bench/cpu-profile.summary.js <file>`.
 */
const PROFILE_DIR = process.env['BENCH_PROFILE_DIR'];

/** Spawns `node <args>` and waits for the line that says where it listens. */
export function startServer(args: string[], env: Record<string, string>): Promise<BenchServer> {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (!match) return;
      child.stdout?.off('data', onData);
      resolveStart({ url: match[1], child, stop: (signal = 'SIGTERM') => stop(child, signal), cpuSeconds: () => cpuSecondsOf(child.pid) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before listening:\n${output}`)));
  });
}

/** Starts a TypeScript bench server of this folder through ts-node. */
export function startTsServer(file: string): Promise<BenchServer> {
  return startServer(['-r', 'ts-node/register/transpile-only', resolve(__dirname, file)], {
    TS_NODE_PROJECT: resolve(__dirname, 'tsconfig.json'),
    NODE_ENV: 'production',
  });
}

function stop(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    child.once('exit', () => resolveStop());
    child.kill(signal);
  });
}
