import {
  bodyExcerptOf,
  isSuccessStatus,
  isTransientStatus,
  refusalOf,
  retryAfterMs,
  type OutboundContext,
  type OutboundRequestFailure,
  type OutboundTarget,
} from '@tally/vendor-kit';
import { kiboTokens } from './kibo-token.client';

/** Path of Kibo's job status call, before the job id. */
export const KIBO_QUEUE_PATH = '/inv/api/v1/queue/';
/** Every status a Kibo job has; the last two are final. */
export const KIBO_JOB_STATUSES = ['PENDING', 'WORKING', 'SUCCESS', 'FAILED'] as const;

/** The parts of a job's status this connector reads. */
export interface KiboJobStatus {
  readonly jobID: number;
  readonly status: (typeof KIBO_JOB_STATUSES)[number];
  readonly messages: readonly string[];
}

/** The refresh's job id, or why the refresh failed as a whole. */
export type KiboSubmitOutcome = { readonly ok: true; readonly jobId: number } | { readonly ok: false; readonly failure: OutboundRequestFailure };

/** One read of a job's status: the status, a transient failure (poll again), or a lasting one. */
export type KiboJobRead =
  | { readonly kind: 'status'; readonly job: KiboJobStatus }
  | { readonly kind: 'transient'; readonly detail: string; readonly retryAfterMs?: number }
  | { readonly kind: 'failed'; readonly detail: string };

/** `POST {refreshPath}` with the body; reads `{"jobID": n}`. */
export async function submitKiboRefresh(target: OutboundTarget, context: OutboundContext, path: string, body: unknown): Promise<KiboSubmitOutcome> {
  const json = JSON.stringify(body);
  const answer = await kiboTokens.exchange(target, context, `${target.baseUrl}${path}`, (token) => ({
    method: 'POST',
    headers: jsonHeaders(token),
    body: json,
  }));
  if (answer.kind === 'failed') return { ok: false, failure: answer.failure };
  if (!isSuccessStatus(answer.status)) return { ok: false, failure: refusalOf(answer, `refresh refused: ${bodyExcerptOf(answer.text)}`, context.now()) };
  const parsed = answer.json as Record<string, unknown> | null | undefined;
  const jobId = parsed && typeof parsed === 'object' ? jobIdOf(parsed['jobID']) : null;
  if (jobId === null) return { ok: false, failure: { status: null, detail: `refresh answer is malformed (no integer jobID): ${bodyExcerptOf(answer.text)}` } };
  return { ok: true, jobId };
}

/** `GET /inv/api/v1/queue/{jobID}`, once. */
export async function readKiboJob(target: OutboundTarget, context: OutboundContext, jobId: number): Promise<KiboJobRead> {
  const answer = await kiboTokens.exchange(target, context, `${target.baseUrl}${KIBO_QUEUE_PATH}${jobId}`, (token) => ({
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  }));
  if (answer.kind === 'failed') {
    const { status, detail } = answer.failure;
    return status !== null && isTransientStatus(status)
      ? { kind: 'transient', detail }
      : { kind: 'failed', detail: status === null ? detail : `HTTP ${status}: ${detail}` };
  }
  if (!isSuccessStatus(answer.status)) {
    const detail = `job ${jobId} status: HTTP ${answer.status}: ${bodyExcerptOf(answer.text)}`;
    if (!isTransientStatus(answer.status)) return { kind: 'failed', detail };
    const wait = retryAfterMs(answer.headers.get('retry-after'), context.now());
    return wait === undefined ? { kind: 'transient', detail } : { kind: 'transient', detail, retryAfterMs: wait };
  }
  const job = jobStatusOf(answer.json);
  return job ? { kind: 'status', job } : { kind: 'failed', detail: `job ${jobId} status is malformed: ${bodyExcerptOf(answer.text)}` };
}

function jsonHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };
}

// Lenient: the document's own example writes the id with a leading zero, which a client may get as text.
function jobIdOf(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

function jobStatusOf(body: unknown): KiboJobStatus | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  const status = KIBO_JOB_STATUSES.find((s) => s === record['status']);
  const jobID = jobIdOf(record['jobID']);
  const messages = record['messages'] ?? [];
  if (!status || jobID === null || !Array.isArray(messages)) return null;
  return { jobID, status, messages: messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))) };
}
