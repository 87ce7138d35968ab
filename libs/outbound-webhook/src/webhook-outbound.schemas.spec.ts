import Ajv2020 from 'ajv/dist/2020';
import { webhookCredentialsSchema, webhookSettingsSchema } from './webhook-outbound.schemas';
import { generateWebhookSecret, parseWebhookSecret, WEBHOOK_SECRET_PREFIX } from './webhook-secret.util';

const ajv = new Ajv2020({ strict: true });
const credentialsValid = ajv.compile(webhookCredentialsSchema);
const settingsValid = ajv.compile(webhookSettingsSchema);

const secretOf = (bytes: number) => `${WEBHOOK_SECRET_PREFIX}${Buffer.alloc(bytes, 7).toString('base64')}`;

describe('webhook credentials schema', () => {
  it('accepts exactly the secrets the signer accepts: whsec_ and the base64 of 24 to 64 bytes', () => {
    for (let bytes = 20; bytes <= 68; bytes++) {
      const secret = secretOf(bytes);
      const usable = bytes >= 24 && bytes <= 64;
      expect([bytes, credentialsValid({ secret })]).toEqual([bytes, usable]);
      expect([bytes, parseWebhookSecret(secret) !== null]).toEqual([bytes, usable]);
    }
  });

  it('refuses a secret without the prefix, with characters outside base64, or with bad padding', () => {
    const base64 = Buffer.alloc(32, 1).toString('base64');
    for (const secret of [base64, `whsk_${base64}`, `whsec_${base64.replace('A', '-')}`, `whsec_${base64.replace('=', '')}`, `whsec_${base64} `]) {
      expect([secret, credentialsValid({ secret })]).toEqual([secret, false]);
    }
  });

  it('requires secret, allows previousSecret, and nothing else', () => {
    expect(credentialsValid({ secret: generateWebhookSecret(), previousSecret: generateWebhookSecret(24) })).toBe(true);
    expect(credentialsValid({ previousSecret: generateWebhookSecret() })).toBe(false);
    expect(credentialsValid({ secret: generateWebhookSecret(), token: 'x' })).toBe(false);
  });
});

describe('webhook settings schema', () => {
  it('takes an optional path that starts with a slash and has no query or fragment', () => {
    expect(settingsValid({})).toBe(true);
    expect(settingsValid({ path: '/hooks/tally' })).toBe(true);
    expect(settingsValid({ path: 'hooks' })).toBe(false);
    expect(settingsValid({ path: '/hooks?x=1' })).toBe(false);
    expect(settingsValid({ path: '/hooks', extra: 1 })).toBe(false);
  });
});
