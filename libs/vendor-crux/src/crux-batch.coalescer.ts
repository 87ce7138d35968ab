import { GroupCommitQueue, type Defer, type RunGroup } from '@tally/vendor-kit';

export type { Defer, RunGroup } from '@tally/vendor-kit';

/** Most elements one group takes; a bulk call (at most 1000) always fits whole. */
export const MAX_GROUP_SIZE = 2000;

/**
 * Group commit for one-SKU-per-call traffic, keyed by Crux token: the dialect kit's
 * {@link GroupCommitQueue} (ADR 0046) with Crux's group bound. A token is still checked after
 * the call arrived (once per group), so revoking a connection takes effect at once.
 */
export class CruxBatchCoalescer<T, R> extends GroupCommitQueue<T, R> {
  constructor(run: RunGroup<T, R>, defer: Defer, maxRunning = 1) {
    super(run, defer, { maxRunning, maxGroupSize: MAX_GROUP_SIZE });
  }
}
