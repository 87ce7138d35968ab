import {
  JobQueue,
  type AddedJob,
  type ClaimedJob,
  type Job,
  type JobClaimFilter,
  type JobMessage,
  type JobQuota,
  type NewJob,
} from '@tally/inventory-application';
import PgBoss from 'pg-boss';
import { claimFilterOf, parseJobDelivery, type JobDelivery } from './job-delivery.message';
import { PG_BOSS_DEFAULTS, type PgBossJobQueueOptions } from './pg-boss-job-queue.options';

/** Runs the claim a delivery asks for through the use case; true when a job was claimed. */
export type JobRunner = (only: JobClaimFilter | undefined) => Promise<boolean>;

/** How many of a tenant's newest jobs are read to count its unfinished ones. */
const TURN_LOOKBACK = 200;

/** Watchdogs fire this long after a lease ends, so clocks a little apart still see it expired. */
const WATCHDOG_MARGIN_MS = 1000;

/**
 * The job queue on PostgreSQL with pg-boss delivering the work (ADR 0016). Job rows, leases and
 * progress stay in the jobs table of `store` (the database adapter), which also keeps the order
 * of an ordering key; pg-boss carries small messages that tell any number of worker processes
 * which claim to try: a job when it is added, the next job of its key when one ends, the job
 * again after its lease while it runs (the watchdog that resumes a dead worker's job), and a
 * periodic sweep for jobs no message names.
 */
export class PgBossJobQueue extends JobQueue {
  private readonly queueName: string;
  private readonly workerIds: string[] = [];
  /** Jobs this process claimed and has not ended: what a watchdog and a `next` message need. */
  private readonly running = new Map<number, { tenantId: string; number: number; orderingKey: string }>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopping = false;

  private constructor(
    private readonly store: JobQueue,
    private readonly boss: PgBoss,
    private readonly options: PgBossJobQueueOptions,
  ) {
    super();
    this.queueName = options.queueName ?? PG_BOSS_DEFAULTS.queueName;
  }

  /**
   * Starts pg-boss (creating or migrating its schema) and its queue. Maintenance runs in every
   * process (pg-boss lets one of them do it per interval); cron scheduling is off.
   */
  static async open(store: JobQueue, options: PgBossJobQueueOptions): Promise<PgBossJobQueue> {
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? PG_BOSS_DEFAULTS.schema,
      max: options.poolSize ?? PG_BOSS_DEFAULTS.poolSize,
      application_name: 'tally-jobs',
      schedule: false,
      supervise: true,
      migrate: true,
    });
    const onError = options.onError ?? (() => undefined);
    boss.on('error', (error: Error) => onError(error));
    await boss.start();
    const queue = new PgBossJobQueue(store, boss, options);
    try {
      await ensureQueue(boss, queue.queueName, options.expireSeconds ?? PG_BOSS_DEFAULTS.expireSeconds);
    } catch (error) {
      await boss.stop({ graceful: false, wait: true });
      throw error;
    }
    return queue;
  }

  /**
   * Stores the job, then sends its `run` message; a failed send leaves it to the sweep. pg-boss
   * hands out higher priorities first: the message of a tenant's k-th unfinished job gets
   * priority -k, so tenants take turns (a tenant's first job before anyone's second, ADR 0044).
   */
  async add(job: NewJob, quota?: JobQuota): Promise<AddedJob> {
    const added = await this.store.add(job, quota);
    await this.send({ kind: 'run', jobId: added.id, tenantId: job.tenantId, jobNumber: added.number }, undefined, this.turnPriority(added.queuedBefore));
    for (const worker of this.workerIds) this.boss.notifyWorker(worker);
    return added;
  }

  get(tenantId: string, jobNumber: number): Promise<Job | null> {
    return this.store.get(tenantId, jobNumber);
  }

  listRecent(tenantId: string, limit: number): Promise<Job[]> {
    return this.store.listRecent(tenantId, limit);
  }

  /** Claims through the store; a claimed job gets a watchdog message due when its lease ends. */
  async claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null> {
    const job = await this.store.claim(owner, now, leaseUntil, only);
    if (job) {
      this.running.set(job.id, { tenantId: job.tenantId, number: job.number, orderingKey: job.orderingKey });
      await this.send({ kind: 'run', jobId: job.id, tenantId: job.tenantId, jobNumber: job.number }, Date.parse(leaseUntil) + WATCHDOG_MARGIN_MS);
    }
    return job;
  }

  async recordChunk(
    jobId: number,
    owner: string,
    progress: { chunksDone: number; processed: number; messages: readonly JobMessage[]; leaseUntil: string },
  ): Promise<boolean> {
    const kept = await this.store.recordChunk(jobId, owner, progress);
    if (!kept) this.running.delete(jobId);
    return kept;
  }

  /** Ends the job, then wakes the next job of its ordering key. */
  async finish(jobId: number, owner: string, status: 'SUCCESS' | 'FAILED', finished: string, messages: readonly JobMessage[]): Promise<boolean> {
    const ended = await this.store.finish(jobId, owner, status, finished, messages);
    const job = this.running.get(jobId);
    this.running.delete(jobId);
    if (ended && job) {
      // The next job of the key waits its tenant's turn like a new one: behind the tenant's other unfinished jobs.
      const open = (await this.store.listRecent(job.tenantId, TURN_LOOKBACK)).filter((j) => j.status === 'PENDING' || j.status === 'WORKING');
      await this.send({ kind: 'next', orderingKey: job.orderingKey }, undefined, this.turnPriority(Math.max(0, open.length - 1)));
      for (const worker of this.workerIds) this.boss.notifyWorker(worker);
    }
    return ended;
  }

  /**
   * Starts `concurrency` pg-boss workers that hand each message to `run`, and the periodic
   * sweep. Call once per process that runs jobs.
   */
  async consume(concurrency: number, run: JobRunner): Promise<void> {
    const pollingIntervalSeconds = Math.max(500, this.options.pollMs ?? PG_BOSS_DEFAULTS.pollMs) / 1000;
    for (let i = 0; i < concurrency; i++) {
      this.workerIds.push(
        await this.boss.work(this.queueName, { batchSize: 1, pollingIntervalSeconds }, async ([message]) => {
          const delivery = parseJobDelivery(message?.data);
          if (delivery) await this.deliver(delivery, run);
        }),
      );
    }
    await this.sweep(false);
    this.sweepTimer = setInterval(() => void this.sweep(true), this.options.leaseSeconds * 1000);
    this.sweepTimer.unref();
  }

  /**
   * Stops fetching, waits for the messages in hand (their runners stop after the chunk in
   * flight when told so), then closes pg-boss's timers and pool.
   */
  async close(timeoutMs = 120_000): Promise<void> {
    this.stopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
  }

  private async deliver(delivery: JobDelivery, run: JobRunner): Promise<void> {
    if (this.stopping) {
      // Fetched while shutting down: hand it back untouched for another process.
      await this.send(delivery);
      return;
    }
    const ran = await run(claimFilterOf(delivery));
    if (delivery.kind === 'sweep' && ran) {
      await this.send({ kind: 'sweep' }); // more orphans may wait: one after another
    } else if (delivery.kind === 'run' && !ran) {
      // Still running elsewhere (or under a lease not yet expired): look again one lease later.
      const job = await this.jobOf(delivery);
      if (job?.status === 'WORKING') await this.send(delivery, Date.now() + this.options.leaseSeconds * 1000 + WATCHDOG_MARGIN_MS);
    }
  }

  private async sweep(throttled: boolean): Promise<void> {
    try {
      if (throttled) await this.boss.sendThrottled(this.queueName, { kind: 'sweep' }, {}, this.options.leaseSeconds, 'sweep');
      else await this.boss.send(this.queueName, { kind: 'sweep' });
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  /** The pg-boss priority of a tenant's job with `queuedBefore` unfinished jobs ahead of it. */
  private turnPriority(queuedBefore: number): number {
    return this.options.tenantTurns === false ? 0 : -Math.min(queuedBefore, 1_000_000);
  }

  // The store finds jobs by the tenant's number; a message sent before numbers existed names only the id.
  private async jobOf(delivery: Extract<JobDelivery, { kind: 'run' }>): Promise<Job | null> {
    if (delivery.jobNumber !== undefined) return this.store.get(delivery.tenantId, delivery.jobNumber);
    const recent = await this.store.listRecent(delivery.tenantId, TURN_LOOKBACK);
    return recent.find((j) => j.id === delivery.jobId) ?? null;
  }

  // A send that fails is reported, not thrown: the job is already durable and the sweep finds it.
  private async send(delivery: JobDelivery, startAfterMs?: number, priority = 0): Promise<void> {
    try {
      const options: PgBoss.SendOptions = { priority, ...(startAfterMs === undefined ? {} : { startAfter: new Date(startAfterMs) }) };
      await this.boss.send(this.queueName, delivery, options);
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }
}

/** Attempts at creating the queue while other processes create it too. */
const CREATE_QUEUE_ATTEMPTS = 6;

/**
 * Creates the queue unless it exists. Processes starting together on a fresh database race to
 * create it, and PostgreSQL may end one of them as a deadlock victim (pg-boss creates a
 * partition table and a queue row in one function): the loser waits a little and looks again,
 * by then finding the winner's queue.
 */
async function ensureQueue(boss: PgBoss, name: string, expireInSeconds: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await boss.getQueue(name)) return;
      await boss.createQueue(name, { name, policy: 'standard', retryLimit: 5, retryDelay: 1, retryBackoff: true, expireInSeconds });
      return;
    } catch (error) {
      if (await boss.getQueue(name).catch(() => null)) return;
      if (attempt >= CREATE_QUEUE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.floor(Math.random() * 50)));
    }
  }
}
