/** How {@link PgBossJobQueue} connects and paces itself. */
export interface PgBossJobQueueOptions {
  /** The PostgreSQL database of the jobs table; pg-boss keeps its own schema there. */
  readonly connectionString: string;
  /** The job lease (JOBS_LEASE_SECONDS): watchdogs and sweeps run at this pace. */
  readonly leaseSeconds: number;
  /** How often an idle pg-boss worker fetches (at least 500 ms, pg-boss's floor). Default 500. */
  readonly pollMs?: number;
  /** Connections of pg-boss's own pool. Default 4. */
  readonly poolSize?: number;
  /** pg-boss schema. Default `pgboss`. */
  readonly schema?: string;
  /** Queue name. Default `tally-stock-jobs`. */
  readonly queueName?: string;
  /**
   * How long pg-boss lets one message run before it counts it as failed and delivers it again.
   * Only a safety net (leases and watchdogs resume dead workers' jobs); default 15 minutes.
   */
  readonly expireSeconds?: number;
  /**
   * Whether tenants take turns (ADR 0044): each message's priority follows its tenant's queue.
   * Default true; false delivers in the order jobs were added (the `global-job-order` negative control).
   */
  readonly tenantTurns?: boolean;
  /** Where delivery errors go (pg-boss's `error` events and failed sends). */
  readonly onError?: (error: Error) => void;
}

/** Defaults of the optional settings. */
export const PG_BOSS_DEFAULTS = {
  pollMs: 500,
  poolSize: 4,
  schema: 'pgboss',
  queueName: 'tally-stock-jobs',
  expireSeconds: 900,
} as const;
