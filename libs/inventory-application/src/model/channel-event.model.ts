import type { Discrepancy, LedgerEntry, LevelSnapshot } from '@tally/inventory-domain';
import type { Job } from '../ports/job-queue.port';

/** The event types a channel's feed may carry besides its figures (ADR 0042). */
export const ChannelEventTypes = {
  levelChanged: 'inventory.level.changed',
  discrepancyOpened: 'discrepancy.opened',
  jobFinished: 'job.finished',
} as const;

/** One of {@link ChannelEventTypes}. */
export type ChannelEventType = (typeof ChannelEventTypes)[keyof typeof ChannelEventTypes];

function snapshotData(s: LevelSnapshot): Record<string, unknown> {
  return { present: s.present, figures: s.figures, details: s.details, sourceTimestamp: s.sourceTimestamp };
}

/** The data of an `inventory.level.changed` event: one ledger entry, as the ledger API shows it, without its actor. */
export function levelChangedData(entry: LedgerEntry): Record<string, unknown> {
  return {
    itemId: entry.itemId,
    locationId: entry.locationId,
    cause: entry.cause,
    connectionId: entry.connectionId,
    reference: entry.reference,
    sourceTimestamp: entry.sourceTimestamp,
    recordedAt: entry.recordedAt,
    versionAfter: entry.versionAfter,
    before: snapshotData(entry.before),
    after: snapshotData(entry.after),
  };
}

/** The data of a `discrepancy.opened` event: the place and the sources' contradicting claims. */
export function discrepancyOpenedData(d: Discrepancy): Record<string, unknown> {
  return { discrepancyId: d.id, itemId: d.itemId, locationId: d.locationId, openedAt: d.openedAt, claims: d.claims };
}

/** The data of a `job.finished` event: the job's status line, without its messages (read them from the job's status). */
export function jobFinishedData(job: Omit<Job, 'messages' | 'tenantId' | 'orderingKey'> & { readonly problems: number }): Record<string, unknown> {
  return {
    jobId: job.number,
    kind: job.kind,
    status: job.status,
    locationCode: job.locationCode,
    itemCount: job.itemCount,
    processed: job.processed,
    problems: job.problems,
    added: job.added,
    started: job.started,
    finished: job.finished,
  };
}
