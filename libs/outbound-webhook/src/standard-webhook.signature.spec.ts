import { signStandardWebhook, verifyStandardWebhook, WebhookSignatureInputError, WebhookVerificationCodes } from './standard-webhook.signature';
import { generateWebhookSecret, InvalidWebhookSecretError } from './webhook-secret.util';

// The key is the bytes 0x00..0x1f; the expected signature was computed with another HMAC
// implementation (a command-line tool), not with this code.
const SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const ID = 'msg_test';
const TS = 1_700_000_000;
const BODY = '{"type":"inventory.availability.changed"}';
const KNOWN_SIGNATURE = 'v1,B1NzBrOWyoJjHpEdXgI9jvVrwfNlSTqVaeN+duqJQgA=';
const AT = TS * 1000;

const headers = (signature: string, id = ID, ts = String(TS)) => ({ 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': signature });

describe('signStandardWebhook', () => {
  it('signs "{id}.{timestamp}.{body}" with HMAC-SHA256 of the decoded secret', () => {
    expect(signStandardWebhook(SECRET, ID, TS, BODY)).toBe(KNOWN_SIGNATURE);
    expect(signStandardWebhook(SECRET, ID, TS, Buffer.from(BODY))).toBe(KNOWN_SIGNATURE);
  });

  it('refuses a secret that is not whsec_<base64 of 24–64 bytes>, without echoing it', () => {
    for (const bad of [
      'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      'whsec_c2hvcnQ=',
      'whsec_not base64!!',
      `whsec_${Buffer.alloc(65).toString('base64')}`,
    ]) {
      expect(() => signStandardWebhook(bad, ID, TS, BODY)).toThrow(InvalidWebhookSecretError);
      try {
        signStandardWebhook(bad, ID, TS, BODY);
      } catch (error) {
        expect((error as Error).message).not.toContain(bad);
      }
    }
  });

  it('refuses ids with a full stop or spaces and timestamps that are not whole seconds', () => {
    expect(() => signStandardWebhook(SECRET, 'msg.1', TS, BODY)).toThrow(WebhookSignatureInputError);
    expect(() => signStandardWebhook(SECRET, 'msg 1', TS, BODY)).toThrow(WebhookSignatureInputError);
    expect(() => signStandardWebhook(SECRET, ID, 1.5, BODY)).toThrow(WebhookSignatureInputError);
    expect(() => signStandardWebhook(SECRET, ID, -1, BODY)).toThrow(WebhookSignatureInputError);
  });
});

describe('verifyStandardWebhook', () => {
  it('accepts a genuine webhook and answers its id and timestamp', () => {
    expect(verifyStandardWebhook(SECRET, headers(KNOWN_SIGNATURE), BODY, AT)).toEqual({ ok: true, id: ID, timestampSeconds: TS });
    expect(verifyStandardWebhook(SECRET, new Headers(headers(KNOWN_SIGNATURE)), Buffer.from(BODY), new Date(AT)).ok).toBe(true);
    expect(verifyStandardWebhook(SECRET, { 'Webhook-Id': ID, 'Webhook-Timestamp': String(TS), 'Webhook-Signature': KNOWN_SIGNATURE }, BODY, AT).ok).toBe(true);
  });

  it('refuses a tampered body, id or timestamp', () => {
    const tampered = [
      verifyStandardWebhook(SECRET, headers(KNOWN_SIGNATURE), BODY.replace('changed', 'changee'), AT),
      verifyStandardWebhook(SECRET, headers(KNOWN_SIGNATURE, 'msg_other'), BODY, AT),
      verifyStandardWebhook(SECRET, headers(KNOWN_SIGNATURE, ID, String(TS + 1)), BODY, AT),
    ];
    for (const verdict of tampered) expect(verdict).toMatchObject({ ok: false, code: WebhookVerificationCodes.noMatchingSignature });
  });

  it('refuses a signature made with another secret', () => {
    const other = generateWebhookSecret();
    expect(verifyStandardWebhook(other, headers(KNOWN_SIGNATURE), BODY, AT)).toMatchObject({ ok: false, code: WebhookVerificationCodes.noMatchingSignature });
  });

  it('refuses a timestamp outside the tolerance, either way, and accepts one at its edge', () => {
    const signed = headers(KNOWN_SIGNATURE);
    expect(verifyStandardWebhook(SECRET, signed, BODY, AT + 301_000)).toMatchObject({ ok: false, code: WebhookVerificationCodes.staleTimestamp });
    expect(verifyStandardWebhook(SECRET, signed, BODY, AT - 301_000)).toMatchObject({ ok: false, code: WebhookVerificationCodes.staleTimestamp });
    expect(verifyStandardWebhook(SECRET, signed, BODY, AT + 300_999).ok).toBe(true);
    expect(verifyStandardWebhook(SECRET, signed, BODY, AT + 61_000, 60)).toMatchObject({ ok: false, code: WebhookVerificationCodes.staleTimestamp });
  });

  it('accepts when any v1 signature of several matches (secret rotation) and ignores other versions', () => {
    const old = generateWebhookSecret();
    const both = `${signStandardWebhook(SECRET, ID, TS, BODY)} ${signStandardWebhook(old, ID, TS, BODY)}`;
    expect(verifyStandardWebhook(old, headers(both), BODY, AT).ok).toBe(true);
    expect(verifyStandardWebhook(SECRET, headers(both), BODY, AT).ok).toBe(true);
    expect(verifyStandardWebhook([generateWebhookSecret(), old], headers(both), BODY, AT).ok).toBe(true);
    expect(verifyStandardWebhook(generateWebhookSecret(), headers(both), BODY, AT).ok).toBe(false);
    // The right MAC under another version tag, or a damaged entry, is not a v1 signature.
    const base64 = KNOWN_SIGNATURE.slice(3);
    expect(verifyStandardWebhook(SECRET, headers(`v1a,${base64} v2,${base64} v1,${base64}x`), BODY, AT)).toMatchObject({ ok: false });
    expect(verifyStandardWebhook(SECRET, headers(`v1a,${base64} ${KNOWN_SIGNATURE}`), BODY, AT).ok).toBe(true);
  });

  it('refuses missing or malformed headers', () => {
    expect(verifyStandardWebhook(SECRET, { 'webhook-id': ID, 'webhook-timestamp': String(TS) }, BODY, AT)).toMatchObject({
      ok: false,
      code: WebhookVerificationCodes.missingHeaders,
    });
    expect(verifyStandardWebhook(SECRET, headers(KNOWN_SIGNATURE, 'msg.x'), BODY, AT)).toMatchObject({
      ok: false,
      code: WebhookVerificationCodes.invalidHeaders,
    });
    expect(verifyStandardWebhook(SECRET, headers(KNOWN_SIGNATURE, ID, '1700000000.5'), BODY, AT)).toMatchObject({
      ok: false,
      code: WebhookVerificationCodes.invalidHeaders,
    });
  });

  it('throws when the receiver configured something that is not a whsec_ secret', () => {
    expect(() => verifyStandardWebhook('not-a-secret', headers(KNOWN_SIGNATURE), BODY, AT)).toThrow(InvalidWebhookSecretError);
  });
});
