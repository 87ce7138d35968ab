import type { OutboundContext } from './outbound-connector.model';
import type { OutboundRequestInit, OutboundResponse } from './outbound-fetch.model';
import { retryAfterMs } from './outbound-http.util';
import { excerptOf, fetchFailureDetail, readAnswer } from './outbound-send.util';

/** An answer of the channel, read whole: its body as text, and as JSON when it parses. */
export interface OutboundAnswer {
  readonly kind: 'answer';
  readonly status: number;
  readonly headers: OutboundResponse['headers'];
  readonly text: string;
  readonly json: unknown;
}

/** What one HTTP exchange with a channel gave: its answer, or no answer at all and why. */
export type OutboundExchange = OutboundAnswer | { readonly kind: 'failed'; readonly detail: string };

/** Why a whole request failed, in the shape {@link wholeRequestResults} takes. */
export interface OutboundRequestFailure {
  /** The channel's status; null when it did not answer (network error, abort). */
  readonly status: number | null;
  readonly detail: string;
  readonly retryAfterMs?: number;
}

/**
 * Sends one request with the send's signal and reads the whole answer; never throws. A request
 * that gets no answer, or whose answer cannot be read, is `failed` with what `fetch` said.
 */
export async function exchangeWithChannel(context: OutboundContext, url: string, init: OutboundRequestInit): Promise<OutboundExchange> {
  try {
    const response = await context.fetch(url, { ...init, ...(context.signal ? { signal: context.signal } : {}) });
    const { text, json } = await readAnswer(response);
    return { kind: 'answer', status: response.status, headers: response.headers, text, json };
  } catch (error) {
    return { kind: 'failed', detail: fetchFailureDetail(error, context.signal) };
  }
}

/** True for a 2xx status: the channel took the request. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/**
 * The failure of a request the channel refused (any status but 2xx): its status, `detail`, and
 * the wait its `Retry-After` asks for, when it names one.
 */
export function refusalOf(answer: OutboundAnswer, detail: string, now: number): OutboundRequestFailure {
  const wait = retryAfterMs(answer.headers.get('retry-after'), now);
  return wait === undefined ? { status: answer.status, detail } : { status: answer.status, detail, retryAfterMs: wait };
}

/**
 * An answer's text for an error message: runs of white space as one space, at most `limit`
 * characters, `(empty body)` when there is nothing to show.
 */
export function bodyExcerptOf(text: string, limit = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty body)' : excerptOf(flat, limit);
}
