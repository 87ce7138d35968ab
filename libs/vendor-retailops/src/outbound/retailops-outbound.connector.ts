import {
  dialectUrl,
  excerptOf,
  fetchFailureDetail,
  readAnswer,
  retryAfterMs,
  shownQuantity,
  wholeRequestResults,
  type OutboundConnector,
  type OutboundItem,
  type OutboundItemResult,
  type ReadAnswer,
} from '@tally/vendor-kit';
import { SUPPORTED_ACTION, SUPPORTED_VERSION } from '../retailops-push.model';
import { readEvents, type AnsweredEvent } from './retailops-outbound.events';
import {
  RETAILOPS_OUTBOUND_CREDENTIALS_SCHEMA,
  RETAILOPS_OUTBOUND_SETTINGS_SCHEMA,
  retailopsSettingsOf,
  type RetailopsOutboundSettings,
} from './retailops-outbound.schemas';

/**
 * SKUs per push. Tally's inbound side takes up to 100,000 but applies a push of more than 3,000
 * lines as several transactions; a SKU is one line, or two with a facility row, so 1,500 SKUs
 * keep every push one transaction (all or nothing) whichever the settings.
 */
export const RETAILOPS_OUTBOUND_MAX_BATCH = 1500;

/**
 * The `inventory_push` v1 body (the SDK's current schema) for a batch: one `inventory_updates`
 * row per SKU with its whole figure, since the receiver takes each SKU it names as a snapshot.
 * A SKU named twice keeps its last figure.
 */
export function retailopsPushBody(
  items: readonly OutboundItem[],
  settings: RetailopsOutboundSettings,
  rawSettings: Readonly<Record<string, unknown>>,
  token: string,
): Record<string, unknown> {
  const bySku = new Map<string, number>();
  for (const item of items) bySku.set(item.identifier.trim(), item.quantity === null ? shownQuantity(item, rawSettings) : Math.max(0, item.quantity));
  const updates = [...bySku].map(([sku, quantity]) => ({
    sku,
    quantity_available: quantity,
    ...(settings.facilityName === null
      ? {}
      : { quantity_detail: [{ quantity_type: 'internal', facility_name: settings.facilityName, available_quantity: quantity }] }),
  }));
  return {
    integration_auth_token: token,
    action: SUPPORTED_ACTION,
    version: SUPPORTED_VERSION,
    client_id: settings.clientId,
    channel_info: settings.channelId === null ? {} : { id: settings.channelId },
    inventory_updates: updates,
  };
}

/**
 * RetailOPS: Tally plays RetailOPS and calls the integration's `inventory_push` v1 webhook with
 * the batch's SKUs; the answer's events say which SKUs failed.
 */
export const retailopsOutbound: OutboundConnector = {
  dialect: 'retailops',
  title: 'RetailOPS (inventory_push v1 webhook)',
  maxBatch: RETAILOPS_OUTBOUND_MAX_BATCH,
  requestsPerSecond: null,
  settingsSchema: RETAILOPS_OUTBOUND_SETTINGS_SCHEMA,
  credentialsSchema: RETAILOPS_OUTBOUND_CREDENTIALS_SCHEMA,
  async send(target, items, context) {
    const settings = retailopsSettingsOf(target.settings);
    const [blank, named] = [items.filter((i) => i.identifier.trim() === ''), items.filter((i) => i.identifier.trim() !== '')];
    const refused: OutboundItemResult[] = blank.map((i) => ({ itemId: i.itemId, outcome: 'rejected', error: 'the item has no SKU for RetailOPS' }));
    if (named.length === 0) return refused;
    const body = retailopsPushBody(named, settings, target.settings, target.credentials['integrationKey'] ?? '');
    let status: number;
    let retryAfter: string | null;
    let answer: ReadAnswer;
    try {
      const response = await context.fetch(dialectUrl(target.baseUrl, settings.path), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: context.signal,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      answer = await readAnswer(response);
    } catch (error) {
      return [...refused, ...wholeRequestResults(named, { status: null, detail: fetchFailureDetail(error, context.signal) })];
    }
    const events = readEvents(answer.json);
    if (status < 200 || status >= 300) {
      const detail = events?.map((e) => e.text).join('; ') || excerptOf(answer.text) || '(no body)';
      return [...refused, ...wholeRequestResults(named, { status, detail, retryAfterMs: retryAfterMs(retryAfter, context.now()) })];
    }
    if (events === null) {
      const error = `malformed answer (HTTP ${status}): expected {"events": [...]}: ${excerptOf(answer.text, 200)}`;
      return [...refused, ...named.map((i): OutboundItemResult => ({ itemId: i.itemId, outcome: 'retry', error }))];
    }
    return [...refused, ...resultsOfEvents(named, events)];
  },
};

/** Items named by an error event are rejected; an error naming nothing rejects the whole push; the rest were taken. */
function resultsOfEvents(items: readonly OutboundItem[], events: readonly AnsweredEvent[]): OutboundItemResult[] {
  const errors = events.filter((e) => e.level === 'error');
  const whole = errors.filter((e) => !e.associated).map((e) => e.text);
  const bySku = new Map<string, string[]>();
  for (const event of errors) for (const sku of event.skus) bySku.set(sku, [...(bySku.get(sku) ?? []), event.text]);
  return items.map((item) => {
    const messages = [...whole, ...(bySku.get(item.identifier.trim()) ?? [])];
    return messages.length === 0
      ? { itemId: item.itemId, outcome: 'sent' }
      : { itemId: item.itemId, outcome: 'rejected', error: excerptOf(messages.join('; ')) };
  });
}
