import type { OutboundContext, OutboundTarget } from '@tally/vendor-kit';
import { cruxExchange, type CruxExchange, type CruxRequestFailure } from './crux-outbound-http.util';
import { cruxAuthToken, dropCruxToken } from './crux-token.client';

/** Path of the single-SKU update, after the channel's base URL. */
export const CRUX_UPDATE_PATH = '/timp/products/skus/inventory/';
/** Path of the bulk update. */
export const CRUX_BULK_PATH = '/timp/products/skus/inventory/bulk/';

/** The channel's answer to an authorized call, or why there is none. */
export type CruxAnswer = Extract<CruxExchange, { kind: 'answer' }> | { readonly kind: 'failed'; readonly failure: CruxRequestFailure };

/**
 * POSTs a JSON body to a Crux path with `Authorization: Token <auth_token>`; on a 401 to a
 * cached token, logs in again and posts once more.
 */
export async function postToCrux(target: OutboundTarget, context: OutboundContext, path: string, body: unknown): Promise<CruxAnswer> {
  const json = JSON.stringify(body);
  const post = (token: string) =>
    cruxExchange(context, `${target.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: json,
    });
  let token = await cruxAuthToken(target, context);
  if (!token.ok) return { kind: 'failed', failure: token.failure };
  let exchange = await post(token.token);
  if (exchange.kind === 'answer' && exchange.status === 401 && token.cached) {
    dropCruxToken(target, context, token.token);
    token = await cruxAuthToken(target, context);
    if (!token.ok) return { kind: 'failed', failure: token.failure };
    exchange = await post(token.token);
  }
  return exchange.kind === 'failed' ? { kind: 'failed', failure: { status: null, detail: exchange.detail } } : exchange;
}
