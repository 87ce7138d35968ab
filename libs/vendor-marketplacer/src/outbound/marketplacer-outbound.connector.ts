import {
  dialectUrl,
  excerptOf,
  fetchFailureDetail,
  isTransientStatus,
  readAnswer,
  retryAfterMs,
  sendEachItem,
  waitUnlessAborted,
  type OutboundConnector,
  type OutboundContext,
  type OutboundItem,
  type OutboundTarget,
  type ReadAnswer,
  type SingleSendOutcome,
} from '@tally/vendor-kit';
import { JSON_API_MEDIA_TYPE } from '../marketplacer-error.model';
import { MARKETPLACER_REQUESTS_PER_SECOND } from '../marketplacer-rate.limiter';
import { isInventoriesDocument, jsonApiErrorMessage } from './marketplacer-outbound.answer';
import {
  MARKETPLACER_OUTBOUND_CREDENTIALS_SCHEMA,
  MARKETPLACER_OUTBOUND_SETTINGS_SCHEMA,
  marketplacerSettingsOf,
  type MarketplacerOutboundSettings,
} from './marketplacer-outbound.schemas';
import { pacerOf } from './marketplacer-request.pacer';

/** The vendor's path of a variant's inventories. */
export const MARKETPLACER_INVENTORIES_PATH = '/api/v2/client/variants/{variantId}/inventories';

/** Items per `send`: two seconds of requests at the documented rate; the connector paces them. */
export const MARKETPLACER_OUTBOUND_MAX_BATCH = 100;

/** The JSON:API document of one seller's record: `infinite` for unlimited, else the count on hand. */
export function marketplacerInventoryDocument(item: OutboundItem, settings: MarketplacerOutboundSettings): Record<string, unknown> {
  const seller = settings.sellerId === null ? {} : { seller_id: settings.sellerId };
  // `infinite: false` is always sent with a count, so a record that was infinite becomes finite again.
  const attributes = item.quantity === null ? { infinite: true, ...seller } : { count_on_hand: Math.max(0, item.quantity), infinite: false, ...seller };
  return { data: [{ type: 'inventories', attributes }] };
}

/**
 * Marketplacer Seller API v2: one `PUT …/variants/{variant id}/inventories` per item (the
 * variant id is the item's identifier), writing the configured seller's record of a multi-store
 * variant; paced to the documented 50 requests per second per channel.
 */
export const marketplacerOutbound: OutboundConnector = {
  dialect: 'marketplacer',
  title: 'Marketplacer (Seller API v2, multi-store variant inventories)',
  maxBatch: MARKETPLACER_OUTBOUND_MAX_BATCH,
  requestsPerSecond: MARKETPLACER_REQUESTS_PER_SECOND,
  settingsSchema: MARKETPLACER_OUTBOUND_SETTINGS_SCHEMA,
  credentialsSchema: MARKETPLACER_OUTBOUND_CREDENTIALS_SCHEMA,
  async send(target, items, context) {
    const settings = marketplacerSettingsOf(target.settings);
    const pacer = pacerOf(context.cache, target.channelId);
    return sendEachItem(items, (item) => putInventory(target, settings, item, context), {
      signal: context.signal,
      beforeEach: () => waitUnlessAborted(pacer.reserve(context.now()), context.signal),
    });
  },
};

async function putInventory(
  target: OutboundTarget,
  settings: MarketplacerOutboundSettings,
  item: OutboundItem,
  context: OutboundContext,
): Promise<SingleSendOutcome> {
  if (item.identifier.trim() === '') return { result: { itemId: item.itemId, outcome: 'rejected', error: 'the item has no Marketplacer variant id' } };
  const key = target.credentials['apiKey'] ?? '';
  const headers: Record<string, string> = {
    'content-type': JSON_API_MEDIA_TYPE,
    accept: JSON_API_MEDIA_TYPE,
    ...(settings.apiKeyHeader ? { 'marketplacer-api-key': key } : { authorization: `Bearer ${key}` }),
  };
  let status: number;
  let answer: ReadAnswer;
  let retryAfter: string | null;
  try {
    const response = await context.fetch(dialectUrl(target.baseUrl, MARKETPLACER_INVENTORIES_PATH, { variantId: item.identifier }), {
      method: 'PUT',
      headers,
      body: JSON.stringify(marketplacerInventoryDocument(item, settings)),
      signal: context.signal,
    });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    answer = await readAnswer(response);
  } catch (error) {
    const detail = fetchFailureDetail(error, context.signal);
    return {
      result: { itemId: item.itemId, outcome: 'retry', error: detail },
      halt: { outcome: 'retry', error: `not sent: an earlier request of this batch failed (${detail})` },
    };
  }
  return classify(item, status, answer, retryAfterMs(retryAfter, context.now()));
}

function classify(item: OutboundItem, status: number, answer: ReadAnswer, wait: number | undefined): SingleSendOutcome {
  const itemId = item.itemId;
  if (status >= 200 && status < 300) {
    if (isInventoriesDocument(answer.json)) return { result: { itemId, outcome: 'sent' } };
    return {
      result: {
        itemId,
        outcome: 'retry',
        error: `malformed answer (HTTP ${status}): not a JSON:API document with a data array: ${excerptOf(answer.text, 200)}`,
      },
    };
  }
  const error = `HTTP ${status}: ${jsonApiErrorMessage(answer.json) ?? (excerptOf(answer.text) || '(no body)')}`;
  const after = wait === undefined ? {} : { retryAfterMs: wait };
  if (isTransientStatus(status)) {
    return {
      result: { itemId, outcome: 'retry', error, ...after },
      halt: { outcome: 'retry', error: `not sent: the channel answered HTTP ${status} to an earlier request of this batch`, ...after },
    };
  }
  if (status === 401) {
    return { result: { itemId, outcome: 'rejected', error }, halt: { outcome: 'rejected', error: 'not sent: the channel refused the API key (HTTP 401)' } };
  }
  return { result: { itemId, outcome: 'rejected', error } };
}
