import type { OutboundItem, OutboundItemResult } from '@tally/vendor-kit';
import type { KiboJobStatus } from './kibo-api.client';
import type { KiboIdentifierField } from './kibo-outbound.settings';

/** Codes of item messages that do not refuse the item: it was taken (merged, or kept as an observation). */
const NOT_REFUSALS: ReadonlySet<string> = new Set(['KIBO.DUPLICATE_ITEM', 'INVENTORY.OBSERVED_NOT_APPLIED']);
/** Codes of item messages worth sending again: a concurrent write got in the way. */
const TRANSIENT: ReadonlySet<string> = new Set(['INVENTORY.VERSION_CONFLICT']);
const POSITION = /^items\[(\d+)\]/;
const CODE = /(?:^|: )([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+): /;
const LABEL = /\b(sku|upc|partNumber) ([^\s():;,]+)/g;
const MAX_ERROR = 1000;

/** One message of a job, read: the items it names (none for a job-wide message) and its code. */
export interface KiboJobMessage {
  readonly items: readonly number[];
  readonly code: string | null;
  readonly text: string;
}

/**
 * Reads a job message. Messages name an item by its position in the request (`items[3] (sku
 * ABC): INVENTORY.UNKNOWN_ITEM: …`); one without a position may still name it by the identifier
 * sent (`sku ABC`; a UPC also in its GTIN-14 form). `job: …` and anything else concern the job.
 */
export function readKiboJobMessage(text: string, items: readonly OutboundItem[], field: KiboIdentifierField): KiboJobMessage {
  const code = CODE.exec(text)?.[1] ?? null;
  const position = POSITION.exec(text);
  if (position && Number(position[1]) < items.length) return { items: [Number(position[1])], code, text };
  if (text.startsWith('job:')) return { items: [], code, text };
  const named = new Set<number>();
  for (const [, name, value] of text.matchAll(LABEL)) {
    if (name !== field) continue;
    items.forEach((item, index) => {
      if (sameIdentifier(item.identifier, value, field)) named.add(index);
    });
  }
  return { items: [...named], code, text };
}

/**
 * Each item's result once its job ended. An item a message refuses is rejected with that
 * message; SUCCESS sends the others; FAILED retries them (the job's own messages say why).
 */
export function resultsOfKiboJob(items: readonly OutboundItem[], field: KiboIdentifierField, job: KiboJobStatus): OutboundItemResult[] {
  const refusals = items.map((): string[] => []);
  const transients = items.map((): string[] => []);
  const jobWide: string[] = [];
  for (const text of job.messages) {
    const message = readKiboJobMessage(text, items, field);
    if (message.items.length === 0) jobWide.push(text);
    for (const index of message.items) {
      if (message.code !== null && NOT_REFUSALS.has(message.code)) continue;
      (message.code !== null && TRANSIENT.has(message.code) ? transients : refusals)[index].push(text);
    }
  }
  const failed = `job ${job.jobID} FAILED: ${jobWide.length ? jobWide.join('; ') : 'no message names a cause'}`;
  return items.map((item, index): OutboundItemResult => {
    if (refusals[index].length) return { itemId: item.itemId, outcome: 'rejected', error: clip(refusals[index].join('; ')) };
    if (job.status === 'FAILED') return { itemId: item.itemId, outcome: 'retry', error: clip([failed, ...transients[index]].join('; ')) };
    if (transients[index].length) return { itemId: item.itemId, outcome: 'retry', error: clip(transients[index].join('; ')) };
    return { itemId: item.itemId, outcome: 'sent' };
  });
}

// A UPC may come back as its GTIN-14 (leading zeros added); other identifiers compare exactly.
function sameIdentifier(sent: string, named: string, field: KiboIdentifierField): boolean {
  if (field !== 'upc') return sent === named;
  return /^\d+$/.test(sent) && /^\d+$/.test(named) && sent.replace(/^0+/, '') === named.replace(/^0+/, '');
}

function clip(text: string): string {
  return text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
}
