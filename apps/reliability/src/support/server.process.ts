import { join } from 'node:path';
import { startServer as startProcess, type RunningServer as ServerProcess } from '@tally/test-support';
import { heapAfterGc, type HeapFigures } from './heap.probe';
import { LOG_DIR } from './run-dir';

const INSPECTOR = /Debugger listening on (ws:\/\/\S+)/;
let started = 0;

/** A running server process of a check. */
export interface RunningServer extends ServerProcess {
  /** Memory after a full garbage collection; only for a server started with `inspect`. */
  heapAfterGc(): Promise<HeapFigures>;
}

/** How to start a server. */
export interface ServerOptions {
  /** Opens Node's inspector on 127.0.0.1 (a free port), so the check can force a GC and read the heap. */
  readonly inspect?: boolean;
}

/**
 * Starts the built API (LOG_LEVEL=info, NODE_ENV=test unless `env` says otherwise); everything it
 * prints goes to a file of its own under the run's log directory, for the credential check.
 */
export async function startServer(name: string, env: Record<string, string>, options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startProcess({
    env: { LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    nodeArgs: options.inspect ? ['--inspect=127.0.0.1:0'] : [],
    logFile: (pid) => join(LOG_DIR, `${name}-${++started}-${pid}.log`),
  });
  return {
    ...server,
    heapAfterGc: () => {
      const inspector = INSPECTOR.exec(server.transcript())?.[1];
      if (!inspector) return Promise.reject(new Error(`server ${name} was not started with inspect`));
      return heapAfterGc(inspector);
    },
  };
}
