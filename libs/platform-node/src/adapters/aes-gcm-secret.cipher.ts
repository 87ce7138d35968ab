import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { ApplicationError, ApplicationErrorCodes, SecretCipher } from '@tally/inventory-application';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
/** Bytes of a key, an IV (the size GCM is specified for) and a tag (the full 128 bits). */
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The id a sealed text names its key by: the first 8 hex digits of the key's SHA-256. It tells
 * keys apart in texts and logs and reveals nothing usable about the key.
 */
export function secretKeyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Seals secrets with AES-256-GCM as `v1:<key id>:<iv>:<ciphertext and tag>` (base64url parts). A
 * fresh random 12-byte IV per seal; the 16-byte tag authenticates the ciphertext and, as
 * associated data, the version, the key id and the context, so a text moved to another context
 * or re-labelled with another key does not open. Keys other than the current one only open.
 */
export class AesGcmSecretCipher extends SecretCipher {
  /** The id of the key new texts are sealed under (safe to log). */
  readonly keyId: string;
  private readonly currentKey: Buffer;
  private readonly keys = new Map<string, Buffer>();

  /** @throws Error on a key that is not 32 bytes, or two different keys with one id. */
  constructor(currentKey: Buffer, previousKeys: readonly Buffer[] = []) {
    super();
    this.keyId = secretKeyIdOf(currentKey);
    this.currentKey = Buffer.from(currentKey);
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== SECRET_KEY_BYTES) throw new Error(`a secrets key must be ${SECRET_KEY_BYTES} bytes, not ${key.length}`);
      const id = secretKeyIdOf(key);
      const known = this.keys.get(id);
      if (known && !known.equals(key)) throw new Error(`two different secrets keys share the id ${id}: drop one of the previous keys`);
      this.keys.set(id, Buffer.from(key));
    }
  }

  /**
   * Keys for another use, derived from every key this cipher holds (HMAC-SHA-256 of `purpose`):
   * the current key's first. They reveal nothing of the keys and differ per purpose.
   */
  derivedKeys(purpose: string): Buffer[] {
    return [...this.keys.values()].map((key) => createHmac('sha256', key).update(purpose, 'utf8').digest());
  }

  seal(plaintext: string, context: string): string {
    if (!context) throw new Error('a secret is sealed for a non-empty context');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.currentKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.keyId, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [VERSION, this.keyId, iv.toString('base64url'), body.toString('base64url')].join(':');
  }

  open(sealed: string, context: string): string {
    const parts = parse(sealed);
    if (!parts) throw unreadable('it is not a sealed secret of a known format');
    const key = this.keys.get(parts.keyId);
    if (!key) throw unreadable(`it was sealed under key ${parts.keyId}, which this process does not hold (SECRETS_KEY, SECRETS_PREVIOUS_KEYS)`);
    const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(parts.keyId, context));
    decipher.setAuthTag(parts.body.subarray(parts.body.length - TAG_BYTES));
    try {
      const plaintext = Buffer.concat([decipher.update(parts.body.subarray(0, parts.body.length - TAG_BYTES)), decipher.final()]);
      return plaintext.toString('utf8');
    } catch {
      throw unreadable('it was sealed for another context, or altered');
    }
  }

  needsResealing(sealed: string): boolean {
    const parts = parse(sealed);
    return parts !== null && parts.keyId !== this.keyId && this.keys.has(parts.keyId);
  }
}

interface SealedParts {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly body: Buffer;
}

function parse(sealed: string): SealedParts | null {
  const [version, keyId, iv, body, ...rest] = sealed.split(':');
  if (version !== VERSION || rest.length || !/^[0-9a-f]{8}$/.test(keyId ?? '')) return null;
  const ivBytes = base64url(iv);
  const bodyBytes = base64url(body);
  if (ivBytes?.length !== IV_BYTES || !bodyBytes || bodyBytes.length < TAG_BYTES) return null;
  return { keyId, iv: ivBytes, body: bodyBytes };
}

/** Canonical base64url only, so that no two texts decode to the same bytes. */
function base64url(text: string | undefined): Buffer | null {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`tally-secret:${VERSION}:${keyId}:${context}`, 'utf8');
}

function unreadable(why: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCodes.secretsUnreadable, `a sealed secret cannot be opened: ${why}`);
}
