import type { CommittedBatch } from '@tally/inventory-application';
import type { LineStatus } from '@tally/inventory-domain';

/** Lines a worker thread committed, sent to the main thread, whose registry counts them. */
export interface CommittedLines {
  readonly dialect: string;
  readonly counts: Readonly<Partial<Record<LineStatus, number>>>;
  /** Whose batch it was and its first refused line, for the connection's activity (ADR 0063). */
  readonly batch?: CommittedBatch;
}
