import type { OutboundResponse } from './outbound-fetch.model';
import type { OutboundItem, OutboundItemResult } from './outbound-connector.model';

/** What a channel shows for an unlimited figure when its dialect has no word for "infinite". */
export const DEFAULT_UNLIMITED_QUANTITY = 9999;

/**
 * The number to send for an item: its quantity, or the channel's `unlimitedQuantity` setting
 * (default {@link DEFAULT_UNLIMITED_QUANTITY}) when it is unlimited and the dialect cannot say so.
 */
export function shownQuantity(item: OutboundItem, settings: Readonly<Record<string, unknown>>): number {
  if (item.quantity !== null) return item.quantity;
  const configured = settings['unlimitedQuantity'];
  return typeof configured === 'number' && Number.isInteger(configured) && configured >= 0 ? configured : DEFAULT_UNLIMITED_QUANTITY;
}

/**
 * Milliseconds a `Retry-After` header asks to wait (delta-seconds or an HTTP date), or
 * undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * True when an HTTP status means "try again later": 408, 425, 429 and every 5xx. Any other
 * 4xx refuses what was sent and sending it again would be refused again.
 */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * The result of every item when the whole request failed: a transient status or a network
 * error is a retry, any other status a rejection. `detail` says what the channel answered
 * (never a credential).
 */
export function wholeRequestResults(
  items: readonly OutboundItem[],
  failure: { readonly status: number | null; readonly detail: string; readonly retryAfterMs?: number },
): OutboundItemResult[] {
  const error = failure.status === null ? failure.detail : `HTTP ${failure.status}: ${failure.detail}`;
  if (failure.status === null || isTransientStatus(failure.status)) {
    return items.map((i) => ({
      itemId: i.itemId,
      outcome: 'retry',
      error,
      ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    }));
  }
  return items.map((i) => ({ itemId: i.itemId, outcome: 'rejected', error }));
}

/** Reads at most `limit` characters of an answer's body, for error messages; never throws. */
export async function answerExcerpt(response: OutboundResponse, limit = 300): Promise<string> {
  try {
    const text = await response.text();
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  } catch {
    return '(unreadable body)';
  }
}
