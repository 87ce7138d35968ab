import { answerExcerpt, isTransientStatus, retryAfterMs, type OutboundContext, type OutboundResponse, type OutboundTarget } from '@tally/vendor-kit';
import { signStandardWebhook } from './standard-webhook.signature';
import type { WebhookEvent } from './webhook-event.model';
import { webhookMessageId } from './webhook-message-id.util';
import { parseWebhookSecret } from './webhook-secret.util';

/** Stable codes that start the `error` of a delivery that did not succeed. */
export const WebhookDeliveryCodes = {
  /** The channel's credentials hold no valid `whsec_` secret: fix the channel. */
  invalidSecret: 'WEBHOOK.INVALID_SECRET',
  /** No answer: connection refused or reset, DNS, timeout or abort. Transient. */
  unreachable: 'WEBHOOK.UNREACHABLE',
  /** 408, 425, 429 or 5xx: the subscriber asks to try later. */
  busy: 'WEBHOOK.SUBSCRIBER_BUSY',
  /** 410 Gone: the subscriber no longer wants these webhooks; stop sending to it. */
  gone: 'WEBHOOK.GONE',
  /** 3xx: redirects are not followed; the channel's URL should be updated. */
  redirected: 'WEBHOOK.REDIRECTED',
  /** Any other status: the subscriber refused the message, and would refuse it again. */
  refused: 'WEBHOOK.REFUSED',
} as const;

/** One of {@link WebhookDeliveryCodes}. */
export type WebhookDeliveryCode = (typeof WebhookDeliveryCodes)[keyof typeof WebhookDeliveryCodes];

/** What became of one signed POST; `status` is null when no HTTP answer came. */
export type WebhookDelivery =
  | { readonly outcome: 'sent'; readonly messageId: string; readonly status: number }
  | { readonly outcome: 'retry'; readonly messageId: string; readonly status: number | null; readonly error: string; readonly retryAfterMs?: number }
  | { readonly outcome: 'rejected'; readonly messageId: string; readonly status: number | null; readonly error: string };

/** The subscriber's endpoint: the channel's URL and its optional `path` setting. */
export function webhookUrl(target: OutboundTarget): string {
  const path = target.settings['path'];
  return typeof path === 'string' ? `${target.baseUrl}${path}` : target.baseUrl;
}

/** The `webhook-signature` value: the current secret's signature, then the previous one's while rotating. */
function signatures(target: OutboundTarget, id: string, timestamp: number, body: string): string | null {
  const secrets = [target.credentials['secret'], target.credentials['previousSecret']].filter((s) => s !== undefined);
  if (secrets.length === 0 || secrets.some((s) => parseWebhookSecret(s) === null)) return null;
  return secrets.map((s) => signStandardWebhook(s, id, timestamp, body)).join(' ');
}

// Read by shape, not `instanceof`: fetch's errors may come from another realm (a test sandbox).
function networkDetail(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  const text = typeof message === 'string' ? message : String(error);
  return typeof cause?.code === 'string' ? `${text} (${cause.code})` : text;
}

async function classify(response: OutboundResponse, messageId: string, now: number): Promise<WebhookDelivery> {
  const status = response.status;
  if (status >= 200 && status < 300) {
    await response.text().catch(() => undefined); // frees the connection; the body means nothing
    return { outcome: 'sent', messageId, status };
  }
  const detail = `HTTP ${status}: ${await answerExcerpt(response)}`;
  if (isTransientStatus(status)) {
    const wait = retryAfterMs(response.headers.get('retry-after'), now);
    return { outcome: 'retry', messageId, status, error: `${WebhookDeliveryCodes.busy}: ${detail}`, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  }
  const code = status === 410 ? WebhookDeliveryCodes.gone : status >= 300 && status < 400 ? WebhookDeliveryCodes.redirected : WebhookDeliveryCodes.refused;
  return { outcome: 'rejected', messageId, status, error: `${code}: ${detail}` };
}

/**
 * Signs one event (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`)
 * and POSTs it as JSON to the channel's endpoint. 2xx is sent; 408, 425, 429, 5xx and no
 * answer at all are retries (honouring `Retry-After`); 410, 3xx (never followed) and other
 * 4xx are rejections. Never throws for what the subscriber does.
 */
export async function sendWebhookEvent(target: OutboundTarget, event: WebhookEvent, context: OutboundContext): Promise<WebhookDelivery> {
  const messageId = webhookMessageId(target.channelId, event);
  const timestamp = Math.floor(context.now() / 1000);
  const body = JSON.stringify(event);
  const signature = signatures(target, messageId, timestamp, body);
  if (signature === null) {
    return { outcome: 'rejected', messageId, status: null, error: `${WebhookDeliveryCodes.invalidSecret}: the channel's secret is not a whsec_ secret` };
  }
  let response: OutboundResponse;
  try {
    response = await context.fetch(webhookUrl(target), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signature,
      },
      body,
      redirect: 'manual',
      signal: context.signal,
    });
  } catch (error) {
    return { outcome: 'retry', messageId, status: null, error: `${WebhookDeliveryCodes.unreachable}: ${networkDetail(error)}` };
  }
  return classify(response, messageId, context.now());
}
