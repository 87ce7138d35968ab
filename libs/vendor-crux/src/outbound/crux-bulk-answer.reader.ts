import { isTransientStatus, type OutboundItem, type OutboundItemResult } from '@tally/vendor-kit';

/** One element of a bulk answer. */
export interface CruxBulkResult {
  readonly status_code: number;
  readonly message: string;
}

/** The bulk answer's elements, one per item in order, or what is wrong with it. */
export function bulkElementsOf(body: unknown, count: number): readonly CruxBulkResult[] | string {
  if (!Array.isArray(body)) return 'not a JSON array';
  if (body.length !== count) return `${body.length} results for ${count} updates`;
  const bad = body.findIndex((e) => e === null || typeof e !== 'object' || !Number.isInteger((e as Record<string, unknown>)['status_code']));
  if (bad >= 0) return `element ${bad} has no integer status_code`;
  return body.map((e: Record<string, unknown>) => ({ status_code: e['status_code'] as number, message: typeof e['message'] === 'string' ? e['message'] : '' }));
}

/**
 * One item's result from its element: 2xx sent (202 included: the update was taken, kept as
 * an observation); a transient status (429, 5xx) retry; 401 retry (the next send logs in
 * again); any other refusal (400, 404, 409, 422, …) rejected.
 */
export function resultOfElement(item: OutboundItem, element: CruxBulkResult, retryAfterMs: number | undefined): OutboundItemResult {
  const { status_code: status, message } = element;
  if (status >= 200 && status <= 299) return { itemId: item.itemId, outcome: 'sent' };
  const error = `${status}: ${message || '(no message)'}`;
  if (isTransientStatus(status) || status === 401) {
    return { itemId: item.itemId, outcome: 'retry', error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  return { itemId: item.itemId, outcome: 'rejected', error };
}
