import type { OutboundAuthorizedAnswer, OutboundContext, OutboundTarget } from '@tally/vendor-kit';
import { cruxTokens } from './crux-token.client';

/** Path of the single-SKU update, after the channel's base URL. */
export const CRUX_UPDATE_PATH = '/timp/products/skus/inventory/';
/** Path of the bulk update. */
export const CRUX_BULK_PATH = '/timp/products/skus/inventory/bulk/';

/**
 * POSTs a JSON body to a Crux path with `Authorization: Token <auth_token>`; on a 401 to a
 * cached token, logs in again and posts once more.
 */
export function postToCrux(target: OutboundTarget, context: OutboundContext, path: string, body: unknown): Promise<OutboundAuthorizedAnswer> {
  const json = JSON.stringify(body);
  return cruxTokens.exchange(target, context, `${target.baseUrl}${path}`, (token) => ({
    method: 'POST',
    headers: { authorization: `Token ${token}`, 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
    body: json,
  }));
}
