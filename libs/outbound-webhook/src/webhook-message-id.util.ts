import { createHash } from 'node:crypto';
import type { WebhookEvent } from './webhook-event.model';

/** Object keys sorted at every depth, so equal data hashes equally whatever order it was built in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return canonical(json.call(value));
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, canonical(record[key])]),
  );
}

/**
 * The `webhook-id` of an event for a channel: `msg_` and the base64url SHA-256 of the channel
 * id, the event type and the data. A message sent again (a retry, even from another process
 * after a restart) carries the same id, so subscribers can deduplicate without Tally storing
 * ids; the event's own timestamp is left out for that reason.
 */
export function webhookMessageId(channelId: string, event: WebhookEvent): string {
  const digest = createHash('sha256')
    .update(channelId)
    .update('\n')
    .update(event.type)
    .update('\n')
    .update(JSON.stringify(canonical(event.data)))
    .digest('base64url');
  return `msg_${digest}`;
}
