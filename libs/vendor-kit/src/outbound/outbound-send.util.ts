import type { OutboundResponse } from './outbound-fetch.model';
import type { OutboundItem, OutboundItemResult } from './outbound-connector.model';

/** The result the items of a batch get, without a request, once the batch stops early. */
export type OutboundHalt =
  { readonly outcome: 'retry'; readonly error: string; readonly retryAfterMs?: number } | { readonly outcome: 'rejected'; readonly error: string };

/** What one item's request came to, and whether the rest of its batch must not be sent. */
export interface SingleSendOutcome {
  readonly result: OutboundItemResult;
  /** Set when the answer concerns the whole channel (rate limit, outage, refused credentials). */
  readonly halt?: OutboundHalt;
}

/** How {@link sendEachItem} sends. */
export interface SendEachOptions {
  readonly signal?: AbortSignal;
  /** Runs before each request (pacing); answers false when the send was aborted meanwhile. */
  readonly beforeEach?: () => Promise<boolean>;
}

/** The error of the items a send did not reach because it was aborted. */
export const ABORTED_BEFORE_SENDING = 'not sent: the send was aborted (timeout or shutdown)';

/**
 * Sends a batch as one request per item, in order. When an answer halts the batch, the items
 * not sent yet get the halt's result: hammering a channel that throttles, is down or refuses
 * the credentials would only earn the same answer for each of them.
 */
export async function sendEachItem(
  items: readonly OutboundItem[],
  sendOne: (item: OutboundItem) => Promise<SingleSendOutcome>,
  options: SendEachOptions = {},
): Promise<OutboundItemResult[]> {
  const results: OutboundItemResult[] = [];
  let halt: OutboundHalt | null = null;
  for (const item of items) {
    if (halt === null && (options.signal?.aborted || (options.beforeEach && !(await options.beforeEach())))) {
      halt = { outcome: 'retry', error: ABORTED_BEFORE_SENDING };
    }
    if (halt !== null) {
      results.push({ itemId: item.itemId, ...halt });
      continue;
    }
    const outcome = await sendOne(item);
    results.push(outcome.result);
    if (outcome.halt) halt = outcome.halt;
  }
  return results;
}

/**
 * What a failed `fetch` says, for an item's error: an abort (the caller's timeout or shutdown),
 * or the network error's code. Never includes request headers or bodies.
 */
export function fetchFailureDetail(error: unknown, signal?: AbortSignal): string {
  // Duck-typed: errors thrown by `fetch` may come from another realm than this code's `Error`.
  const thrown = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown; cause?: unknown }) : {};
  if (signal?.aborted || thrown.name === 'AbortError') return 'request aborted (timeout or shutdown)';
  if (thrown.name === 'TimeoutError') return `request timed out: ${typeof thrown.message === 'string' ? thrown.message : 'no answer in time'}`;
  const cause = typeof thrown.cause === 'object' && thrown.cause !== null ? (thrown.cause as { code?: unknown }) : {};
  if (typeof cause.code === 'string') return `network error: ${cause.code}`;
  return `network error: ${typeof thrown.message === 'string' ? thrown.message : String(error)}`;
}

/** Waits `ms` milliseconds; answers false at once when `signal` aborts first. */
export function waitUnlessAborted(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** An answer's body as text, and as JSON when it parses (else undefined). */
export interface ReadAnswer {
  readonly text: string;
  readonly json: unknown;
}

/**
 * Reads an answer's body once, for both classification and error messages. Rejects when the
 * body cannot be read (the connection dropped or the send was aborted): a network failure.
 */
export async function readAnswer(response: OutboundResponse): Promise<ReadAnswer> {
  const text = await response.text();
  try {
    return { text, json: text.trim() === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return { text, json: undefined };
  }
}

/** At most `limit` characters of a text, for error messages. */
export function excerptOf(text: string, limit = 300): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
