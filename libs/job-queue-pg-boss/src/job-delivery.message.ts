import type { JobClaimFilter } from '@tally/inventory-application';

/**
 * What a pg-boss message asks a worker to do. The job rows stay in the jobs table; a message only
 * says which claim to try:
 * - `run`: one job (sent when it is added, and as its watchdog while it runs);
 * - `next`: the oldest runnable job of an ordering key (sent when a job of that key ends);
 * - `sweep`: any runnable job (sent at start and periodically, for jobs no message names).
 */
export type JobDelivery =
  | {
      readonly kind: 'run';
      readonly jobId: number;
      readonly tenantId: string;
      /** The tenant's job number, by which the store finds the job (absent in messages sent before it existed). */
      readonly jobNumber?: number;
    }
  | { readonly kind: 'next'; readonly orderingKey: string }
  | { readonly kind: 'sweep' };

/** The claim a delivery asks for; undefined claims any runnable job. */
export function claimFilterOf(delivery: JobDelivery): JobClaimFilter | undefined {
  if (delivery.kind === 'run') return { jobId: delivery.jobId };
  if (delivery.kind === 'next') return { orderingKey: delivery.orderingKey };
  return undefined;
}

/** Reads a message's data back; anything else (a foreign or damaged message) is null. */
export function parseJobDelivery(data: unknown): JobDelivery | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d['kind'] === 'run' && Number.isSafeInteger(d['jobId']) && typeof d['tenantId'] === 'string') {
    const jobNumber = Number.isSafeInteger(d['jobNumber']) ? { jobNumber: d['jobNumber'] as number } : {};
    return { kind: 'run', jobId: d['jobId'] as number, tenantId: d['tenantId'], ...jobNumber };
  }
  if (d['kind'] === 'next' && typeof d['orderingKey'] === 'string') return { kind: 'next', orderingKey: d['orderingKey'] };
  if (d['kind'] === 'sweep') return { kind: 'sweep' };
  return null;
}
