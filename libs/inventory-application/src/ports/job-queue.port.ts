import type { LocationKind } from '../model/catalog.model';
import type { UnknownItemPolicy } from '../model/tenancy.model';
import type { CanonicalLine } from '../use-cases/apply-stock-batch.command';

/** Where a job is in its life. */
export type JobStatus = 'PENDING' | 'WORKING' | 'SUCCESS' | 'FAILED';

/** What a job does; the vendor word (Kibo `type`) is derived from it. `IMPORT`: a stock file uploaded to the API (ADR 0060). */
export type JobKind = 'REFRESH' | 'ADJUST' | 'IMPORT';

/** One problem of a job: a rejected line, a merged duplicate, or the failure of the whole job. */
export interface JobMessage {
  /**
   * Position of the line in the submitted document (0-based; for an `IMPORT` job, the file's
   * line number, 1-based), or null for the whole job.
   */
  readonly line: number | null;
  /** How the line named its item (`sku 123`), or null. */
  readonly item: string | null;
  /** Stable code (`INVENTORY.UNKNOWN_ITEM`, `KIBO.DUPLICATE_ITEM`, ...). */
  readonly code: string;
  readonly message: string;
}

/**
 * The work of a stock job: canonical lines to apply through ApplyStockBatch, in chunks.
 * Everything is plain JSON, since it is stored.
 */
export interface StockJobPayload {
  readonly connectionId: string | null;
  readonly actor: string;
  readonly reference: string | null;
  readonly lines: readonly CanonicalLine[];
  /** Labels of the lines' items for messages, by the lines' `lineNo` (their position in the document). */
  readonly labels: readonly string[];
  readonly refresh?: { readonly mode: 'partial' | 'full'; readonly location: { readonly code: string } };
  readonly createLocationsAs?: LocationKind;
  readonly unknownItemPolicy?: UnknownItemPolicy;
}

/** What a submitter hands to the queue. */
export interface NewJob {
  readonly kind: JobKind;
  readonly tenantId: string;
  /** Jobs of one ordering key run one at a time, in submission order (tenant + location). */
  readonly orderingKey: string;
  /** The location code, shown in the job's status. */
  readonly locationCode: string | null;
  readonly payload: StockJobPayload;
  readonly itemCount: number;
  /** Items already handled when the job is accepted (refused by validation, merged duplicates). */
  readonly processed: number;
  /** Problems found while accepting the job (merged duplicates). */
  readonly messages: readonly JobMessage[];
  readonly added: string;
}

/** A job as its status shows it. */
export interface Job {
  /** The queue's own id, unique over every tenant: never shown to a tenant (it would count the others' jobs). */
  readonly id: number;
  /** The tenant's own job number (1, 2, 3... per tenant): the id the tenant sees (ADR 0044). */
  readonly number: number;
  readonly kind: JobKind;
  readonly tenantId: string;
  readonly orderingKey: string;
  readonly locationCode: string | null;
  readonly status: JobStatus;
  readonly itemCount: number;
  /** Lines handled so far (applied, unchanged or rejected). */
  readonly processed: number;
  /** Chunks committed so far: the next chunk to run. */
  readonly chunksDone: number;
  readonly messages: readonly JobMessage[];
  readonly added: string;
  readonly started: string | null;
  readonly finished: string | null;
}

/** A job claimed by a worker, with its payload and the lease that makes it the job's runner. */
export interface ClaimedJob extends Job {
  readonly payload: StockJobPayload;
  readonly leaseOwner: string;
}

/** What {@link JobQueue.add} answers. */
export interface AddedJob {
  /** The queue's own id (workers, deliveries). */
  readonly id: number;
  /** The tenant's job number, the id its caller is answered. */
  readonly number: number;
  /** The tenant's unfinished jobs queued before this one. */
  readonly queuedBefore: number;
}

/** A tenant's caps on its unfinished (pending or working) jobs; a job that would pass one is refused. */
export interface JobQuota {
  readonly maxQueuedJobs: number;
  /** Sum of the stored payloads' sizes (UTF-8 bytes of their JSON). */
  readonly maxQueuedBytes: number;
}

/**
 * Narrows a claim to one job, or to the jobs of one ordering key (the oldest runnable one), for
 * adapters whose delivery names what to run (pg-boss). The runnable rules stay the same.
 */
export type JobClaimFilter = { readonly jobId: number } | { readonly orderingKey: string };

/**
 * The durable job queue (docs/architecture.md §3 "Job"). Adapters store jobs durably before `add` returns,
 * hand each job to one worker at a time (a lease that expires when the worker dies), and never
 * hand out a job while an older job of the same ordering key is unfinished.
 */
export abstract class JobQueue {
  /**
   * Stores the job durably and answers its ids. With a quota, the tenant's unfinished jobs are
   * counted in the same transaction, so concurrent adds cannot pass it together.
   * @throws ApplicationError `JOBS.QUOTA_EXCEEDED` when the job would pass the quota; nothing is stored.
   */
  abstract add(job: NewJob, quota?: JobQuota): Promise<AddedJob>;
  /** The job of a tenant by the tenant's job number, or null. */
  abstract get(tenantId: string, jobNumber: number): Promise<Job | null>;
  /** A tenant's newest jobs first, at most `limit`, without their messages (the list stays small). */
  abstract listRecent(tenantId: string, limit: number): Promise<Job[]>;
  /**
   * Claims a runnable job: pending, or working under an expired lease (its worker died), and
   * first of its ordering key. Among them, the oldest job of the tenant served least recently
   * (tenants take turns, ADR 0044). Null when there is none. `only` narrows the choice.
   */
  abstract claim(owner: string, now: string, leaseUntil: string, only?: JobClaimFilter): Promise<ClaimedJob | null>;
  /**
   * Records a committed chunk and renews the lease. False when the lease was lost (another
   * worker took the job over), so the caller stops.
   */
  abstract recordChunk(
    jobId: number,
    owner: string,
    progress: { chunksDone: number; processed: number; messages: readonly JobMessage[]; leaseUntil: string },
  ): Promise<boolean>;
  /** Ends the job under the caller's lease. */
  abstract finish(jobId: number, owner: string, status: 'SUCCESS' | 'FAILED', finished: string, messages: readonly JobMessage[]): Promise<boolean>;
}
