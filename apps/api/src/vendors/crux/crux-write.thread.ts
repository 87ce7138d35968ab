import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ApplicationError, ApplicationErrorCodes, type StockWriteObserver } from '@tally/inventory-application';
import { emptyLineCounts } from '@tally/inventory-domain';
import type { CruxCallResult, RunCruxGroup } from '@tally/vendor-crux';
import { errorOfThread, type CruxWriteCommand, type CruxWriteReport, type CruxWriteThreadData } from './crux-write-thread.protocol';
import { withoutSqlValues } from '../../platform/sql-values.redaction';

/** The compiled thread entry, beside this file in the build. */
const THREAD_ENTRY = join(__dirname, 'crux-write-thread.worker.js');
const RESTART_DELAY_MS = 1000;
const STOP_TIMEOUT_MS = 10_000;

interface Pending {
  readonly resolve: (results: CruxCallResult[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs Crux groups on a thread of their own (ADR 0026): checking the token, resolving the
 * SKUs, reconciling and committing use another core, and the event loop that parses and
 * answers HTTP only posts each group and its results. A group is answered only after the
 * thread committed it. The thread starts with the first group, so a process that serves no
 * Crux client pays nothing for it. If the thread dies, the groups it held fail with 503
 * (nothing was acknowledged), and the next group starts a new thread, at most one a second.
 */
export class CruxWriteThread implements OnApplicationShutdown {
  private readonly logger = new Logger('CruxWriteThread');
  private readonly pending = new Map<number, Pending>();
  private thread: Worker | null = null;
  private diedAt = Number.NEGATIVE_INFINITY;
  private nextId = 1;
  private stopping = false;

  /**
   * @param entry the thread's script (the compiled entry by default; specs pass their own)
   * @param restartDelayMs how long after a thread died the next one may start
   */
  constructor(
    private readonly data: CruxWriteThreadData,
    private readonly entry: string | URL = THREAD_ENTRY,
    private readonly restartDelayMs = RESTART_DELAY_MS,
    private readonly observer: StockWriteObserver | null = null,
  ) {}

  /** A {@link RunCruxGroup} on the thread. */
  readonly run: RunCruxGroup = (token, calls) =>
    new Promise((resolve, reject) => {
      const thread = this.stopping ? null : (this.thread ?? this.spawn());
      if (!thread) {
        reject(unavailable());
        return;
      }
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      thread.postMessage({ type: 'run', id, token, calls: JSON.stringify(calls) } satisfies CruxWriteCommand);
    });

  // After the HTTP server closed: the groups in flight commit and are answered, then the thread ends.
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const thread = this.thread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage({ type: 'stop' } satisfies CruxWriteCommand);
    const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([exited, timeout])) === 'late') await thread.terminate();
  }

  /** A new thread, unless the last one died less than `restartDelayMs` ago. */
  private spawn(): Worker | null {
    if (Date.now() - this.diedAt < this.restartDelayMs) return null;
    const thread = new Worker(this.entry, { workerData: this.data });
    this.thread = thread;
    thread.on('message', (report: CruxWriteReport) => this.receive(report));
    thread.on('error', (error) => this.logger.error(`Crux write thread failed: ${error.message}`));
    thread.on('exit', (code) => {
      this.thread = null;
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const pending of lost) pending.reject(unavailable());
      if (this.stopping) return;
      this.diedAt = Date.now();
      this.logger.error(`Crux write thread exited with code ${code}; the next group starts a new one`);
    });
    return thread;
  }

  private receive(report: CruxWriteReport): void {
    if (report.type === 'error') {
      this.logger.error(withoutSqlValues(report.message));
      return;
    }
    const pending = this.pending.get(report.id);
    if (!pending) return;
    this.pending.delete(report.id);
    if (report.type === 'done') {
      for (const lines of report.committed ?? []) this.observer?.committed(lines.dialect, { ...emptyLineCounts(), ...lines.counts }, lines.batch);
      pending.resolve(JSON.parse(report.results) as CruxCallResult[]);
    } else pending.reject(errorOfThread(report.error));
  }
}

function unavailable(): ApplicationError {
  return new ApplicationError(ApplicationErrorCodes.retryExhausted, 'the Crux write thread is unavailable; retry');
}
