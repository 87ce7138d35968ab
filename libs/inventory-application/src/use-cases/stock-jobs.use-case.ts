import { ApplicationError, ApplicationErrorCodes, ConcurrentWriteError } from '../errors/application-error';
import type { Clock } from '../ports/clock.port';
import type { AddedJob, ClaimedJob, Job, JobClaimFilter, JobMessage, JobQueue, JobQuota, NewJob } from '../ports/job-queue.port';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';
import { errorOfLine, type BatchReport } from './apply-stock-batch.command';
import type { ApplyStockBatch } from './apply-stock-batch.use-case';

/** Options of {@link StockJobs}. */
export interface StockJobsOptions {
  /** Lines per chunk; each chunk is one write transaction. Default 3,000 (Kibo's batch size). */
  readonly chunkSize?: number;
  /** How long a claimed job stays a worker's after its last committed chunk. Default 60 s. */
  readonly leaseSeconds?: number;
  /** Caps on each tenant's unfinished jobs (ADR 0044); none when absent. */
  readonly quota?: JobQuota;
}

/** How a worker steers a running job. */
export interface JobRunHooks {
  /** Checked before each chunk: true leaves the job to be resumed later (shutdown). */
  readonly shouldStop?: () => boolean;
  /** Awaited after each committed chunk, e.g. to let other writers in on SQLite's single writer. */
  readonly afterChunk?: () => Promise<void>;
  /** Told when a run met a busy store and will go on after a pause (for the operator's log). */
  readonly onTransientError?: (message: string) => void;
  /** Told when a job starts or resumes, and when its run ends (for the operator's log). */
  readonly onJob?: (event: JobRunEvent) => void;
}

/**
 * A job's run as the operator's log tells it: `started` (or resumed), then `succeeded`,
 * `failed` (with the error's code) or `paused` (the worker stopped, or lost the job's lease:
 * it goes on later from its last committed chunk). Counts and ids only, never a line's content.
 */
export interface JobRunEvent {
  readonly event: 'started' | 'succeeded' | 'failed' | 'paused';
  /** The queue's id of the job. */
  readonly jobId: number;
  /** The tenant's number of the job, the id its caller was answered. */
  readonly jobNumber: number;
  readonly kind: string;
  readonly tenantId: string;
  readonly connectionId: string | null;
  readonly items: number;
  readonly processed: number;
  /** Messages the job holds (rejected lines, warnings). */
  readonly messages: number;
  /** From the claim to this event, in ms (0 for `started`). */
  readonly ms: number;
  /** The failure's code, for `failed`. */
  readonly code?: string;
}

/** How far a claimed job got: what its last recorded chunk left. */
interface JobProgress {
  chunksDone: number;
  processed: number;
  messages: JobMessage[];
}

/** Longest pause before a job that met a busy store tries again. */
const TRANSIENT_PAUSE_CAP_MS = 1000;

// Lost races the store gave up retrying: the same work can succeed a moment later.
function isTransient(error: unknown): boolean {
  return error instanceof ConcurrentWriteError || (error instanceof ApplicationError && error.code === ApplicationErrorCodes.retryExhausted);
}

/** What a chunk's idempotency record keeps: enough to rebuild the job's progress on replay. */
interface ChunkAnswer {
  readonly processed: number;
  readonly messages: JobMessage[];
}

/** Scope of the idempotency records that mark committed chunks. */
export const JOB_CHUNK_SCOPE = 'jobs:chunk';

/**
 * Submits stock jobs and runs them. A job is applied in chunks through {@link ApplyStockBatch};
 * each chunk is one transaction whose idempotency record (`job:<id>:chunk:<n>`) is written with
 * the chunk's changes, so a worker that dies after a commit and before saving the job's progress
 * replays that chunk's stored answer instead of applying it twice (docs/architecture.md §6: queues deliver
 * at least once).
 */
export class StockJobs {
  private readonly chunkSize: number;
  private readonly leaseMs: number;
  private readonly quota: JobQuota | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly apply: ApplyStockBatch,
    private readonly connections: ConnectionRepository,
    private readonly clock: Clock,
    options: StockJobsOptions = {},
  ) {
    this.chunkSize = Math.max(1, options.chunkSize ?? 3000);
    this.leaseMs = Math.max(1, options.leaseSeconds ?? 60) * 1000;
    this.quota = options.quota;
  }

  /**
   * Stores a job durably and answers its ids; the caller shows the tenant only its `number`.
   * @throws ApplicationError `JOBS.QUOTA_EXCEEDED` when the tenant's queue is full; nothing is stored.
   */
  submit(job: NewJob): Promise<AddedJob> {
    return this.queue.add(job, this.quota);
  }

  /**
   * A tenant's job, by the tenant's job number.
   * @throws ApplicationError `RESOURCE.NOT_FOUND` when the tenant has no such job.
   */
  async get(tenantId: string, jobNumber: number): Promise<Job> {
    const job = Number.isSafeInteger(jobNumber) && jobNumber > 0 ? await this.queue.get(tenantId, jobNumber) : null;
    if (!job) throw new ApplicationError(ApplicationErrorCodes.notFound, `no job ${jobNumber}`, 'jobId');
    return job;
  }

  /** A tenant's newest jobs (1 to 200 of them), without their messages. */
  list(tenantId: string, limit: number): Promise<Job[]> {
    return this.queue.listRecent(tenantId, Math.min(200, Math.max(1, Math.trunc(limit))));
  }

  /**
   * Claims the next runnable job and runs it to its end (or until `hooks.shouldStop` says so
   * between chunks). Answers false when there was nothing to run. `only` narrows the claim to
   * one job or one ordering key (a delivery that names its job).
   */
  async runNext(owner: string, hooks: JobRunHooks = {}, only?: JobClaimFilter): Promise<boolean> {
    const job = await this.queue.claim(owner, this.clock.now().toISOString(), this.leaseUntil(), only);
    if (!job) return false;
    const progress: JobProgress = { chunksDone: job.chunksDone, processed: job.processed, messages: [...job.messages] };
    const claimedAt = this.clock.now().getTime();
    const tell = (event: JobRunEvent['event'], code?: string) =>
      hooks.onJob?.({
        event,
        jobId: job.id,
        jobNumber: job.number,
        kind: job.kind,
        tenantId: job.tenantId,
        connectionId: job.payload.connectionId ?? null,
        items: job.payload.lines.length,
        processed: progress.processed,
        messages: progress.messages.length + (code ? 1 : 0),
        ms: this.clock.now().getTime() - claimedAt,
        ...(code ? { code } : {}),
      });
    tell('started');
    for (let attempt = 1; ; attempt++) {
      try {
        tell(await this.run(job, progress, hooks));
        return true;
      } catch (error) {
        // A busy store is no fault of the job: it goes on from its last committed chunk, and a
        // worker that stops meanwhile leaves it to the next one when its lease runs out.
        if (isTransient(error)) {
          hooks.onTransientError?.(`job ${job.id}: ${(error as Error).message}; retrying`);
          if (hooks.shouldStop?.()) {
            tell('paused');
            return true;
          }
          await this.clock.sleep(Math.min(TRANSIENT_PAUSE_CAP_MS, 50 * 2 ** Math.min(attempt, 5)));
          continue;
        }
        const code = error instanceof ApplicationError ? error.code : ApplicationErrorCodes.jobFailed;
        const message = error instanceof Error ? error.message : String(error);
        await this.queue.finish(job.id, owner, 'FAILED', this.clock.now().toISOString(), [...progress.messages, { line: null, item: null, code, message }]);
        tell('failed', code);
        return true;
      }
    }
  }

  /** Runs the job's remaining chunks: `succeeded` when it finished, `paused` when it was left for later. */
  private async run(job: ClaimedJob, progress: JobProgress, hooks: JobRunHooks): Promise<'succeeded' | 'paused'> {
    const { payload } = job;
    const connection = payload.connectionId ? await this.connections.get(job.tenantId, payload.connectionId) : null;
    if (payload.connectionId && (!connection || connection.status !== 'active')) {
      throw new ApplicationError(ApplicationErrorCodes.forbidden, 'the connection that submitted the job is revoked');
    }
    for (let n = progress.chunksDone; n * this.chunkSize < payload.lines.length; n++) {
      if (hooks.shouldStop?.()) return 'paused';
      const lines = payload.lines.slice(n * this.chunkSize, (n + 1) * this.chunkSize);
      const key = `job:${job.id}:chunk:${n}`;
      const execution = await this.apply.execute({
        tenantId: job.tenantId,
        connection,
        actor: payload.actor,
        reference: payload.reference ?? `job:${job.number}`,
        lines,
        ...(payload.refresh ? { refresh: payload.refresh } : {}),
        ...(payload.createLocationsAs ? { createLocationsAs: payload.createLocationsAs } : {}),
        ...(payload.unknownItemPolicy ? { unknownItemPolicy: payload.unknownItemPolicy } : {}),
        idempotency: {
          scope: JOB_CHUNK_SCOPE,
          key,
          requestHash: key,
          render: (report) => ({ status: 200, body: chunkAnswer(report, lines.length, payload.labels) }),
        },
      });
      const answer = (execution.kind === 'replayed' ? execution.body : execution.response?.body) as ChunkAnswer;
      const messages = [...progress.messages, ...answer.messages].sort(byLine);
      const processed = progress.processed + answer.processed;
      const kept = await this.queue.recordChunk(job.id, job.leaseOwner, {
        chunksDone: n + 1,
        processed,
        messages,
        leaseUntil: this.leaseUntil(),
      });
      if (!kept) return 'paused';
      // Only once recorded: a retry after a failed record replays the chunk's stored answer.
      Object.assign(progress, { chunksDone: n + 1, processed, messages });
      await hooks.afterChunk?.();
    }
    await this.queue.finish(job.id, job.leaseOwner, 'SUCCESS', this.clock.now().toISOString(), progress.messages);
    return 'succeeded';
  }

  private leaseUntil(): string {
    return new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
  }
}

function chunkAnswer(report: BatchReport, size: number, labels: readonly string[]): ChunkAnswer {
  const messages: JobMessage[] = [];
  for (const line of report.lines) {
    if (line.status === 'observed') {
      // Accepted but not applied: the job says so for the item, in the warning's words.
      for (const w of line.warnings) messages.push({ line: line.lineNo, item: labels[line.lineNo] ?? null, code: w.code, message: w.message });
      continue;
    }
    if (line.status !== 'rejected' && line.status !== 'conflict' && line.status !== 'stale') continue;
    const error = errorOfLine(line);
    messages.push({ line: line.lineNo, item: labels[line.lineNo] ?? null, code: error.code, message: error.message });
  }
  return { processed: size, messages };
}

// Stable: messages of one line keep their order; job-wide messages (line null) go last.
function byLine(a: JobMessage, b: JobMessage): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}
