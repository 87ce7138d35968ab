import type { OutboundContext } from '@tally/vendor-kit';

/** What one HTTP exchange with a channel gave: its answer, read whole, or no answer at all. */
export type CruxExchange =
  { readonly kind: 'answer'; readonly status: number; readonly headers: Headers; readonly text: string } | { readonly kind: 'failed'; readonly detail: string };

/** Why a whole request failed, in the shape `wholeRequestResults` takes. */
export interface CruxRequestFailure {
  readonly status: number | null;
  readonly detail: string;
  readonly retryAfterMs?: number;
}

/** Sends one request with the send's signal and reads the whole answer; never throws. */
export async function cruxExchange(context: OutboundContext, url: string, init: RequestInit): Promise<CruxExchange> {
  try {
    const response = await context.fetch(url, { ...init, ...(context.signal ? { signal: context.signal } : {}) });
    const text = await response.text();
    return { kind: 'answer', status: response.status, headers: response.headers, text };
  } catch (error) {
    return { kind: 'failed', detail: describeFailure(error, context.signal) };
  }
}

/** The JSON value of an answer's text, or undefined when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** At most `limit` characters of an answer, for error messages. */
export function excerptOf(text: string, limit = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

/** A network failure in words: the cause's code (ECONNREFUSED) rather than fetch's generic message. */
export function describeFailure(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return 'the send was aborted before the channel answered (timeout or shutdown)';
  // Duck-typed: fetch's errors may come from another realm, where instanceof Error fails.
  const cause = fieldOf(error, 'cause');
  const code = fieldOf(cause, 'code');
  const text = typeof code === 'string' ? code : (fieldOf(cause, 'message') ?? fieldOf(error, 'message') ?? String(error));
  return `network error: ${String(text)}`;
}

function fieldOf(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && key in value ? (value as Record<string, unknown>)[key] : undefined;
}
