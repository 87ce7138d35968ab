import {
  bodyExcerptOf,
  isSuccessStatus,
  refusalOf,
  retryAfterMs,
  shownQuantity,
  wholeRequestResults,
  type OutboundAuthorizedAnswer,
  type OutboundConnector,
  type OutboundContext,
  type OutboundItem,
  type OutboundItemResult,
  type OutboundTarget,
} from '@tally/vendor-kit';
import { MAX_CRUX_BULK } from '../crux-request.parser';
import { CRUX_BULK_PATH, CRUX_UPDATE_PATH, postToCrux } from './crux-api.client';
import { bulkElementsOf, resultOfElement } from './crux-bulk-answer.reader';
import { CRUX_OUTBOUND_CREDENTIALS_SCHEMA, CRUX_OUTBOUND_SETTINGS_SCHEMA, readCruxOutboundSettings } from './crux-outbound.settings';
import { cruxMessageOf } from './crux-token.client';

/** One SKU's update: the identifier in the channel's field and the units in stock. */
export function cruxUpdateOf(item: OutboundItem, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { identifierField } = readCruxOutboundSettings(settings);
  // Crux has no infinite flag: an unlimited item shows the channel's configured figure.
  return { [identifierField]: item.identifier, quantity_in_stock: Math.max(0, Math.floor(shownQuantity(item, settings))) };
}

/**
 * Crux TIMP as a channel: a user login for the two-hour token, then "Update sku inventory" for
 * one item or its bulk sibling for several (at most 1,000 per call), read per element.
 */
export const cruxOutbound: OutboundConnector = {
  dialect: 'crux',
  title: 'Crux TIMP',
  maxBatch: MAX_CRUX_BULK,
  requestsPerSecond: null,
  settingsSchema: CRUX_OUTBOUND_SETTINGS_SCHEMA,
  credentialsSchema: CRUX_OUTBOUND_CREDENTIALS_SCHEMA,
  async send(target: OutboundTarget, items: readonly OutboundItem[], context: OutboundContext): Promise<OutboundItemResult[]> {
    const results: OutboundItemResult[] = [];
    for (let start = 0; start < items.length; start += MAX_CRUX_BULK) {
      const batch = items.slice(start, start + MAX_CRUX_BULK);
      results.push(...(batch.length === 1 ? await single(target, batch[0], context) : await bulk(target, batch, context)));
    }
    return results;
  },
};

async function single(target: OutboundTarget, item: OutboundItem, context: OutboundContext): Promise<OutboundItemResult[]> {
  const answer = await postToCrux(target, context, CRUX_UPDATE_PATH, cruxUpdateOf(item, target.settings));
  if (answer.kind === 'failed' || !isSuccessStatus(answer.status)) return failureOf([item], answer, context);
  const body = answer.json;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return wholeRequestResults([item], { status: null, detail: `update answer is malformed (not a JSON object): ${bodyExcerptOf(answer.text)}` });
  }
  return [{ itemId: item.itemId, outcome: 'sent' }];
}

async function bulk(target: OutboundTarget, items: readonly OutboundItem[], context: OutboundContext): Promise<OutboundItemResult[]> {
  const answer = await postToCrux(
    target,
    context,
    CRUX_BULK_PATH,
    items.map((item) => cruxUpdateOf(item, target.settings)),
  );
  if (answer.kind === 'failed' || !isSuccessStatus(answer.status)) return failureOf(items, answer, context);
  const elements = bulkElementsOf(answer.json, items.length);
  if (typeof elements === 'string')
    return wholeRequestResults(items, { status: null, detail: `bulk answer is malformed (${elements}): ${bodyExcerptOf(answer.text)}` });
  const wait = retryAfterMs(answer.headers.get('retry-after'), context.now());
  return items.map((item, n) => resultOfElement(item, elements[n], wait));
}

/** Every item's result when the call failed as a whole: no answer, or a status other than 2xx. */
function failureOf(items: readonly OutboundItem[], answer: OutboundAuthorizedAnswer, context: OutboundContext): OutboundItemResult[] {
  return wholeRequestResults(items, answer.kind === 'failed' ? answer.failure : refusalOf(answer, cruxMessageOf(answer), context.now()));
}
