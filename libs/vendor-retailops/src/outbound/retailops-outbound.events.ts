import { excerptOf, isJsonObject } from '@tally/vendor-kit';

/** One event of a push's answer, in either spelling, as the connector needs it. */
export interface AnsweredEvent {
  readonly level: string;
  /** `code: message (diagnostic)`, for an item's error. */
  readonly text: string;
  /** SKUs named by its associations (`sku_number` or `sku`). */
  readonly skus: readonly string[];
  /** Whether it names anything at all; an error naming nothing concerns the whole push. */
  readonly associated: boolean;
}

const SKU_TYPES = new Set(['sku_number', 'sku']);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The `events` of an answer: `null` is none; anything but an array of objects (or an answer
 * without `events`) is malformed and answers null. Reads the SDK's field names (`event_type`,
 * `code`, `message`, associations `{identifier_type, identifier}`) and the older draft's
 * (`status`, `error_code`, `error_message`, associations `{type, identity}`).
 */
export function readEvents(json: unknown): AnsweredEvent[] | null {
  if (!isJsonObject(json) || !('events' in json)) return null;
  const events = json['events'];
  if (events === null) return [];
  if (!Array.isArray(events) || !events.every(isJsonObject)) return null;
  return events.map((event) => {
    const associations = Array.isArray(event['associations']) ? event['associations'].filter(isJsonObject) : [];
    const skus = associations
      .filter((a) => SKU_TYPES.has(String(a['identifier_type'] ?? a['type'])))
      .map((a) => str(a['identifier'] ?? a['identity']))
      .filter((sku): sku is string => sku !== null);
    const code = str(event['code']) ?? str(event['error_code']);
    const message = str(event['message']) ?? str(event['error_message']) ?? 'no message';
    const diagnostic = event['diagnostic_data'];
    const detail =
      typeof diagnostic === 'string' ? str(diagnostic) : Array.isArray(diagnostic) ? str(diagnostic.filter((d) => typeof d === 'string').join(', ')) : null;
    const text = `${code ? `${code}: ` : ''}${message}${detail ? ` (${detail})` : ''}`;
    return { level: String(event['event_type'] ?? event['status'] ?? ''), text: excerptOf(text, 300), skus, associated: associations.length > 0 };
  });
}
