import { createHash, randomBytes } from 'node:crypto';
import { ApplicationError, ApplicationErrorCodes } from '@tally/inventory-application';
import { describeSecretCipherContract } from '@tally/testing';
import { AesGcmSecretCipher, secretKeyIdOf } from './aes-gcm-secret.cipher';

/** A key per name, the same every time. */
const keyNamed = (name: string): Buffer => createHash('sha256').update(`key ${name}`).digest();

describeSecretCipherContract('AES-256-GCM', (current, previous = []) => new AesGcmSecretCipher(keyNamed(current), previous.map(keyNamed)));

describe('AesGcmSecretCipher', () => {
  const key = randomBytes(32);
  const cipher = new AesGcmSecretCipher(key);
  const secret = 'client-secret-0123456789';

  /** The sealed text with one bit of its iv (part 2) or body (part 3) flipped at `index` (negative: from the end). */
  const flipped = (sealed: string, part: 2 | 3, index: number): string => {
    const parts = sealed.split(':');
    const bytes = Buffer.from(parts[part], 'base64url');
    bytes[(bytes.length + index) % bytes.length] ^= 0x01;
    parts[part] = bytes.toString('base64url');
    return parts.join(':');
  };

  const failureOf = (open: () => string): unknown => {
    try {
      return open();
    } catch (error) {
      return error;
    }
  };

  it('writes v1, the key id (8 hex digits of its SHA-256), a 12-byte iv, and the ciphertext with its 16-byte tag', () => {
    const sealed = cipher.seal(secret, 'channel:7');
    const [version, keyId, iv, body] = sealed.split(':');
    expect([version, keyId]).toEqual(['v1', createHash('sha256').update(key).digest('hex').slice(0, 8)]);
    expect(keyId).toBe(secretKeyIdOf(key));
    expect(cipher.keyId).toBe(keyId);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(body, 'base64url')).toHaveLength(Buffer.byteLength(secret) + 16);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url').slice(0, 8));
  });

  it.each([
    ['the first byte of the ciphertext', 3, 0],
    ['the last byte of the ciphertext', 3, -17],
    ['the first byte of the tag', 3, -16],
    ['the last byte of the tag', 3, -1],
    ['the first byte of the iv', 2, 0],
    ['the last byte of the iv', 2, -1],
  ] as const)('refuses a text with %s altered, with SECRETS.UNREADABLE and without the secret', (_what, part, index) => {
    const error = failureOf(() => cipher.open(flipped(cipher.seal(secret, 'channel:7'), part, index), 'channel:7'));
    expect(error).toBeInstanceOf(ApplicationError);
    expect(error).toMatchObject({ code: ApplicationErrorCodes.secretsUnreadable, message: expect.stringContaining('another context, or altered') });
    expect(String((error as Error).message)).not.toContain(secret);
  });

  it('refuses a truncated tag and a text moved to another context', () => {
    const sealed = cipher.seal(secret, 'channel:7');
    const parts = sealed.split(':');
    const shortTag = [...parts.slice(0, 3), Buffer.from(parts[3], 'base64url').subarray(0, -1).toString('base64url')].join(':');
    expect(failureOf(() => cipher.open(shortTag, 'channel:7'))).toMatchObject({ code: ApplicationErrorCodes.secretsUnreadable });
    expect(failureOf(() => cipher.open(sealed, 'channel:8'))).toMatchObject({ code: ApplicationErrorCodes.secretsUnreadable });
    expect(cipher.open(sealed, 'channel:7')).toBe(secret);
  });

  it('names the unknown key in the refusal, never a key', () => {
    const other = randomBytes(32);
    const error = failureOf(() => cipher.open(new AesGcmSecretCipher(other).seal(secret, 'channel:7'), 'channel:7'));
    expect(error).toMatchObject({ code: ApplicationErrorCodes.secretsUnreadable, message: expect.stringContaining(`key ${secretKeyIdOf(other)}`) });
    for (const bytes of [key, other]) {
      expect((error as Error).message).not.toContain(bytes.toString('base64'));
      expect((error as Error).message).not.toContain(bytes.toString('hex'));
    }
  });

  it('refuses keys that are not 32 bytes, and tolerates the current key listed again among the previous ones', () => {
    expect(() => new AesGcmSecretCipher(randomBytes(16))).toThrow('must be 32 bytes');
    expect(() => new AesGcmSecretCipher(key, [randomBytes(31)])).toThrow('must be 32 bytes');
    const same = new AesGcmSecretCipher(key, [key]);
    const sealed = same.seal(secret, 'channel:7');
    expect(same.needsResealing(sealed)).toBe(false);
    expect(cipher.open(sealed, 'channel:7')).toBe(secret);
  });

  it('keeps its own copy of the keys, so a caller wiping its buffer does not break it', () => {
    const mine = Buffer.from(key);
    const copy = new AesGcmSecretCipher(mine);
    mine.fill(0);
    expect(copy.open(cipher.seal(secret, 'channel:7'), 'channel:7')).toBe(secret);
  });
});
