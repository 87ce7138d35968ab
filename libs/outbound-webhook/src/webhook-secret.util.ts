import { randomBytes } from 'node:crypto';

/** The prefix that marks a Standard Webhooks symmetric secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** Fewest and most bytes a signing key may have (the scheme asks for 24 to 64 random bytes). */
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;

/**
 * A `whsec_` secret whose base64 part decodes to 24–64 bytes: 8 to 20 base64 quads with an
 * optional padded tail, or 21 quads with an optional two-character tail (63 or 64 bytes).
 * Written out so a JSON Schema validator checks exactly what {@link parseWebhookSecret} accepts.
 */
export const WEBHOOK_SECRET_PATTERN =
  '^whsec_(?:(?:[A-Za-z0-9+/]{4}){8,20}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?|(?:[A-Za-z0-9+/]{4}){21}(?:[A-Za-z0-9+/]{2}==)?)$';

const SECRET = new RegExp(WEBHOOK_SECRET_PATTERN);

/**
 * The HMAC key of a `whsec_<base64>` secret, or null when the text is not one. The error never
 * says what the text was: it is a secret.
 */
export function parseWebhookSecret(secret: string): Buffer | null {
  if (!SECRET.test(secret)) return null;
  const key = Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), 'base64');
  return key.length >= WEBHOOK_SECRET_MIN_BYTES && key.length <= WEBHOOK_SECRET_MAX_BYTES ? key : null;
}

/** Thrown when code hands the signer or the verifier something that is not a `whsec_` secret. */
export class InvalidWebhookSecretError extends Error {
  readonly code = 'WEBHOOK.INVALID_SECRET';
  constructor() {
    super(`A webhook secret is "${WEBHOOK_SECRET_PREFIX}" followed by the base64 of ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes`);
    this.name = 'InvalidWebhookSecretError';
  }
}

/** The HMAC key of a secret; throws {@link InvalidWebhookSecretError} when it is not one. */
export function webhookSecretKey(secret: string): Buffer {
  const key = parseWebhookSecret(secret);
  if (key === null) throw new InvalidWebhookSecretError();
  return key;
}

/** A new random secret of `bytes` bytes (default 32), for a channel that has none yet. */
export function generateWebhookSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < WEBHOOK_SECRET_MIN_BYTES || bytes > WEBHOOK_SECRET_MAX_BYTES) throw new InvalidWebhookSecretError();
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(bytes).toString('base64')}`;
}
