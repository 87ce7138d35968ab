import { Worker } from 'node:worker_threads';

/** How often the background thread checkpoints the write-ahead log, in ms. */
export const SQLITE_CHECKPOINT_INTERVAL_MS = 100;

// Runs in the worker thread. CommonJS source evaluated by the worker, so it works the same from
// the compiled lib and under the test runner, which cannot start a worker from a .ts file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// Posted as text: a native error loses its message on its way across threads.
const report = (error) => parentPort.postMessage(String((error && error.message) || error));
function open() {
  try {
    return new Database(workerData.file, { fileMustExist: true });
  } catch (error) {
    report(error);
    return null;
  }
}
const db = open();
if (!db) {
  parentPort.close();
} else {
  // PASSIVE never waits for the writer and never blocks it: it copies what is committed and stops.
  const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { report(error); } };
  const timer = setInterval(checkpoint, workerData.intervalMs);
  parentPort.on('message', (message) => {
    if (message !== 'close') return;
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
  });
}
`;

/**
 * Checkpoints a SQLite database's write-ahead log from a worker thread with its own connection
 * (ADR 0007). better-sqlite3 is synchronous, so a checkpoint triggered by a commit (SQLite's
 * auto-checkpoint) stops the event loop while it copies pages and syncs the file: that was most of
 * the push path's tail latency. Here the copy runs on another core while the process keeps
 * serving; the writer's own auto-checkpoint stays as a safety net should this thread fall behind.
 */
export class SqliteCheckpointer {
  private readonly ended: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.ended = new Promise<void>((resolveEnd) => worker.once('exit', () => resolveEnd()));
  }

  /**
   * Starts the thread on `file` (the database must exist and be in WAL mode).
   * @param onError told of a checkpoint that failed; the thread keeps going.
   */
  static start(file: string, onError: (message: string) => void = () => undefined, intervalMs = SQLITE_CHECKPOINT_INTERVAL_MS): SqliteCheckpointer {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') } });
    worker.on('message', (message: unknown) => onError(String(message)));
    worker.on('error', (error: unknown) => onError(String((error as Error | undefined)?.message ?? error)));
    // Never what keeps a process alive: a crash or exit loses nothing the log holds.
    worker.unref();
    return new SqliteCheckpointer(worker);
  }

  /** Runs a last checkpoint, closes the thread's connection and waits for the thread to end. */
  async stop(): Promise<void> {
    // Held from here on: a caller awaiting stop() may have nothing else keeping its event loop
    // alive, and Node would then exit in the middle of the await, with the rest of its work undone.
    this.worker.ref();
    this.worker.postMessage('close');
    const timeout = new Promise<void>((resolveLate) => setTimeout(resolveLate, 5000).unref());
    await Promise.race([this.ended, timeout]);
    await this.worker.terminate();
  }
}
