import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret.util';

/** The version tag of a symmetric (HMAC-SHA256) signature in `webhook-signature`. */
export const SIGNATURE_VERSION = 'v1';

/** Seconds a `webhook-timestamp` may differ from the receiver's clock by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Thrown when code asks to sign a message id or timestamp the scheme cannot carry. */
export class WebhookSignatureInputError extends Error {
  readonly code = 'WEBHOOK.INVALID_SIGNATURE_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureInputError';
  }
}

// The signed content is `{id}.{timestamp}.{body}`: an id or timestamp holding a full stop (or
// spaces, which would also break the header) could make two messages sign the same bytes.
const MESSAGE_ID = /^[A-Za-z0-9_-]{1,255}$/;
const TIMESTAMP = /^\d{1,15}$/;

function hmac(key: Buffer, id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/**
 * The `webhook-signature` entry (`v1,<base64 HMAC-SHA256>`) of a message signed with a
 * `whsec_` secret over `{id}.{timestampSeconds}.{body}`. Sign the exact bytes you send.
 * Throws for a secret that is not `whsec_<base64>`, an id outside `[A-Za-z0-9_-]`, or a
 * timestamp that is not a whole number of seconds.
 */
export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string | Uint8Array): string {
  if (!MESSAGE_ID.test(id)) throw new WebhookSignatureInputError('A webhook id is 1 to 255 characters of [A-Za-z0-9_-]');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0)
    throw new WebhookSignatureInputError('A webhook timestamp is whole seconds since the epoch');
  return `${SIGNATURE_VERSION},${hmac(webhookSecretKey(secret), id, String(timestampSeconds), body).toString('base64')}`;
}

/** Stable codes of a refused webhook. */
export const WebhookVerificationCodes = {
  missingHeaders: 'WEBHOOK.MISSING_HEADERS',
  invalidHeaders: 'WEBHOOK.INVALID_HEADERS',
  staleTimestamp: 'WEBHOOK.STALE_TIMESTAMP',
  noMatchingSignature: 'WEBHOOK.NO_MATCHING_SIGNATURE',
} as const;

/** Why a webhook was refused. */
export type WebhookVerificationCode = (typeof WebhookVerificationCodes)[keyof typeof WebhookVerificationCodes];

/** The verdict on a received webhook: its id and timestamp when genuine, else why not. */
export type WebhookVerification =
  | { readonly ok: true; readonly id: string; readonly timestampSeconds: number }
  | { readonly ok: false; readonly code: WebhookVerificationCode; readonly message: string };

/** Request headers as `node:http` (`request.headers`) or `fetch` (`Headers`) hold them. */
export type WebhookHeaders = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
}

const refuse = (code: WebhookVerificationCode, message: string): WebhookVerification => ({ ok: false, code, message });

/**
 * Checks a received Standard Webhook: the `webhook-id`, `webhook-timestamp` and
 * `webhook-signature` headers, the timestamp within `toleranceSeconds` of `now` (milliseconds
 * or a Date) either way, and at least one `v1` signature of the raw `body` that matches one of
 * the secrets (several while a secret is being rotated). Signatures are compared in constant
 * time; entries of other versions are ignored. Pass the body exactly as received, before any
 * JSON parsing. Throws only when a secret is not `whsec_<base64>` (a configuration error).
 */
export function verifyStandardWebhook(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  now: number | Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): WebhookVerification {
  const keys = (typeof secret === 'string' ? [secret] : secret).map(webhookSecretKey);
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    return refuse(WebhookVerificationCodes.missingHeaders, 'webhook-id, webhook-timestamp and webhook-signature are required');
  if (!MESSAGE_ID.test(id) || !TIMESTAMP.test(timestamp))
    return refuse(WebhookVerificationCodes.invalidHeaders, 'webhook-id or webhook-timestamp is malformed');
  const nowSeconds = Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    return refuse(WebhookVerificationCodes.staleTimestamp, `webhook-timestamp is more than ${toleranceSeconds}s away from now`);
  }
  // Compared as base64 text, so an entry only matches when written exactly as the signer wrote it.
  const expected = keys.map((key) => Buffer.from(hmac(key, id, timestamp, body).toString('base64')));
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== SIGNATURE_VERSION) continue;
    const given = Buffer.from(entry.slice(comma + 1));
    if (expected.some((mac) => mac.length === given.length && timingSafeEqual(mac, given))) return { ok: true, id, timestampSeconds: Number(timestamp) };
  }
  return refuse(WebhookVerificationCodes.noMatchingSignature, 'no v1 signature matches');
}
