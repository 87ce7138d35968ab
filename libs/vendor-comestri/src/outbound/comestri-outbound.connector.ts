import {
  dialectUrl,
  excerptOf,
  fetchFailureDetail,
  isJsonObject,
  isTransientStatus,
  readAnswer,
  retryAfterMs,
  sendEachItem,
  shownQuantity,
  type OutboundConnector,
  type OutboundContext,
  type OutboundItem,
  type OutboundTarget,
  type ReadAnswer,
  type SingleSendOutcome,
} from '@tally/vendor-kit';
import {
  COMESTRI_OUTBOUND_CREDENTIALS_SCHEMA,
  COMESTRI_OUTBOUND_SETTINGS_SCHEMA,
  comestriSettingsOf,
  type ComestriOutboundSettings,
} from './comestri-outbound.schemas';

/** The vendor's path of "create inventory". */
export const COMESTRI_INVENTORIES_PATH = '/api/v2/inventories';

/** Items per `send`: one request each, in order (Comestri documents no batch call and no rate). */
export const COMESTRI_OUTBOUND_MAX_BATCH = 50;

const PRODUCT_ID = /^[1-9]\d{0,15}$/;

/**
 * The `inventory` record of one item, or the reason it cannot be sent. The figure is both `qty`
 * and `available_qty` (it is what the channel may sell, already net of reservations); unlimited
 * is `style: "perpetual"` (never sells out) and any other figure `dynamic`, so a record that was
 * perpetual counts again. The send time, in whole seconds, is the source timestamp: Comestri
 * then ignores a record older than one it already applied.
 */
export function comestriInventoryRecord(
  item: OutboundItem,
  settings: ComestriOutboundSettings,
  rawSettings: Readonly<Record<string, unknown>>,
  now: number,
): { record: Record<string, unknown> } | { problem: string } {
  const id = item.identifier.trim();
  if (id === '') return { problem: 'the item has no identifier for Comestri' };
  let product: Record<string, unknown>;
  if (settings.identifierField === 'product_id') {
    if (!PRODUCT_ID.test(id) || !Number.isSafeInteger(Number(id)))
      return { problem: `"${excerptOf(id, 40)}" is not a Comestri product_id (a positive integer)` };
    product = { product_id: Number(id) };
  } else {
    product = { product_code: id };
  }
  const qty = item.quantity === null ? shownQuantity(item, rawSettings) : Math.max(0, item.quantity);
  return {
    record: {
      inventory_source: settings.inventorySource,
      ...product,
      qty,
      available_qty: qty,
      style: item.quantity === null ? 'perpetual' : 'dynamic',
      source_system_stock_timestamp: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
  };
}

/**
 * Comestri Product Manager API v2: one `POST /api/v2/inventories` ("create inventory") per
 * item, for the channel's inventory source, authenticated by the static token header.
 */
export const comestriOutbound: OutboundConnector = {
  dialect: 'comestri',
  title: 'Comestri (Product Manager API v2 inventories)',
  maxBatch: COMESTRI_OUTBOUND_MAX_BATCH,
  requestsPerSecond: null,
  settingsSchema: COMESTRI_OUTBOUND_SETTINGS_SCHEMA,
  credentialsSchema: COMESTRI_OUTBOUND_CREDENTIALS_SCHEMA,
  async send(target, items, context) {
    const settings = comestriSettingsOf(target.settings);
    return sendEachItem(items, (item) => postInventory(target, settings, item, context), { signal: context.signal });
  },
};

async function postInventory(
  target: OutboundTarget,
  settings: ComestriOutboundSettings,
  item: OutboundItem,
  context: OutboundContext,
): Promise<SingleSendOutcome> {
  const built = comestriInventoryRecord(item, settings, target.settings, context.now());
  if ('problem' in built) return { result: { itemId: item.itemId, outcome: 'rejected', error: built.problem } };
  let status: number;
  let retryAfter: string | null;
  let answer: ReadAnswer;
  try {
    const response = await context.fetch(dialectUrl(target.baseUrl, COMESTRI_INVENTORIES_PATH), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Token token=${target.credentials['token'] ?? ''},email=${target.credentials['email'] ?? ''}`,
      },
      body: JSON.stringify({ inventory: built.record }),
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
  return classify(item.itemId, status, answer, retryAfterMs(retryAfter, context.now()));
}

function classify(itemId: string, status: number, answer: ReadAnswer, wait: number | undefined): SingleSendOutcome {
  if (status >= 200 && status < 300) {
    // 201 stored, 200 older than what Comestri holds (nothing to do), 202 kept but not applied.
    if (isJsonObject(answer.json)) return { result: { itemId, outcome: 'sent' } };
    return { result: { itemId, outcome: 'retry', error: `malformed answer (HTTP ${status}): not an inventory record: ${excerptOf(answer.text, 200)}` } };
  }
  const error = `HTTP ${status}: ${excerptOf(answer.text) || '(no body)'}`;
  const after = wait === undefined ? {} : { retryAfterMs: wait };
  if (isTransientStatus(status)) {
    return {
      result: { itemId, outcome: 'retry', error, ...after },
      halt: { outcome: 'retry', error: `not sent: the channel answered HTTP ${status} to an earlier request of this batch`, ...after },
    };
  }
  if (status === 401) {
    return { result: { itemId, outcome: 'rejected', error }, halt: { outcome: 'rejected', error: 'not sent: the channel refused the token (HTTP 401)' } };
  }
  return { result: { itemId, outcome: 'rejected', error } };
}
