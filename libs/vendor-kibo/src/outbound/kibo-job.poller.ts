import { waitUnlessAborted, type OutboundContext, type OutboundTarget } from '@tally/vendor-kit';
import { readKiboJob, type KiboJobStatus } from './kibo-api.client';

/** Milliseconds between polls when the context names none. */
export const KIBO_DEFAULT_POLL_MS = 500;

/** How the wait for a job ended: the job ended (SUCCESS or FAILED), or its outcome stays unknown. */
export type KiboJobWait = { readonly kind: 'ended'; readonly job: KiboJobStatus } | { readonly kind: 'unknown'; readonly detail: string };

/**
 * Polls the job every `context.pollMs` until it ends, for at most `timeoutSeconds` (by the
 * context's clock, and by the number of polls that fit in it, so a stopped clock still ends the
 * wait). A transient answer (429, 5xx) is polled again, after its `Retry-After` when longer.
 */
export async function awaitKiboJob(target: OutboundTarget, context: OutboundContext, jobId: number, timeoutSeconds: number): Promise<KiboJobWait> {
  const pollMs = context.pollMs ?? KIBO_DEFAULT_POLL_MS;
  const timeoutMs = timeoutSeconds * 1000;
  const deadline = context.now() + timeoutMs;
  const maxPolls = Math.max(1, Math.ceil(timeoutMs / Math.max(pollMs, 1)));
  let wait = pollMs;
  for (let poll = 1; ; poll++) {
    if (!(await waitUnlessAborted(wait, context.signal)))
      return { kind: 'unknown', detail: `job ${jobId}: the send was aborted before the job ended (timeout or shutdown)` };
    const read = await readKiboJob(target, context, jobId);
    if (read.kind === 'failed') return { kind: 'unknown', detail: read.detail };
    if (read.kind === 'status' && (read.job.status === 'SUCCESS' || read.job.status === 'FAILED')) return { kind: 'ended', job: read.job };
    const last = read.kind === 'status' ? `still ${read.job.status}` : read.detail;
    if (poll >= maxPolls || context.now() >= deadline) return { kind: 'unknown', detail: `job ${jobId} did not end within ${timeoutSeconds} s (${last})` };
    wait = read.kind === 'transient' ? Math.max(pollMs, read.retryAfterMs ?? 0) : pollMs;
  }
}
