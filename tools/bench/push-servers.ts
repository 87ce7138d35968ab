import { resolve } from 'node:path';
import { startServer, type RunningServer } from '@tally/test-support';

/** The line a bench server of this folder prints once it listens. */
const BENCH_READY = /listening on (http:\/\/\S+)/;

/**
 * BENCH_PROFILE_DIR=<dir> runs every server under `--cpu-prof` and writes its profile there
 * when it exits (SIGTERM; a SIGKILLed server writes none). Summarize one with
 * `node tools/bench/cpu-profile.summary.js <file>`.
 */
const PROFILE_DIR = process.env['BENCH_PROFILE_DIR'];
const profiling = (): string[] => (PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : []);

/**
 * The tenant request rate (5,000/s per tenant by default) is a policy, not the path measured:
 * a benchmark's single tenant could reach it, so the benchmarks set it out of reach.
 */
export const UNLIMITED_TENANT_RATE = { TENANT_REQUEST_RATE: '1000000', TENANT_REQUEST_BURST: '1000000' } as const;

/**
 * Starts the built API with the given environment (profiled under BENCH_PROFILE_DIR), at the
 * default LOG_LEVEL (info) unless told otherwise: measured as it runs, a log line per request.
 */
export function startApi(env: Record<string, string>): Promise<RunningServer> {
  return startServer({ env: { LOG_LEVEL: 'info', ...env }, nodeArgs: profiling() });
}

/**
 * Starts a TypeScript bench server of this folder through ts-node, with `env` over its own, and
 * `ready` instead of the usual "listening on" line when the server prints that line more than once.
 */
export function startTsServer(file: string, options: { env?: Record<string, string>; ready?: RegExp } = {}): Promise<RunningServer> {
  return startServer({
    script: resolve(__dirname, file),
    nodeArgs: [...profiling(), '-r', 'ts-node/register/transpile-only'],
    env: { TS_NODE_PROJECT: resolve(__dirname, 'tsconfig.json'), NODE_ENV: 'production', ...options.env },
    ready: options.ready ?? BENCH_READY,
  });
}
