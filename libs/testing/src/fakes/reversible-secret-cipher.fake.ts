import { createHash } from 'node:crypto';
import { ApplicationError, ApplicationErrorCodes, SecretCipher } from '@tally/inventory-application';

const PREFIX = 'fake';

/**
 * A stand-in cipher for unit tests: it keeps every promise of the port (round trip, context
 * binding, named keys, rotation, altered texts refused) but only marks the plaintext, it does not
 * hide it. Keys are plain names (`k1`), without colons.
 */
export class ReversibleSecretCipher extends SecretCipher {
  private sealed = 0;

  constructor(
    private readonly currentKey = 'k1',
    private readonly previousKeys: readonly string[] = [],
  ) {
    super();
    for (const key of [currentKey, ...previousKeys]) if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`bad fake key name "${key}"`);
  }

  seal(plaintext: string, context: string): string {
    if (!context) throw new Error('a secret is sealed for a non-empty context');
    this.sealed += 1;
    const nonce = String(this.sealed);
    const text = Buffer.from(plaintext, 'utf8').toString('base64url');
    return [PREFIX, this.currentKey, nonce, text, check(this.currentKey, nonce, context, plaintext)].join(':');
  }

  open(sealed: string, context: string): string {
    const [prefix, key, nonce, text, mark, ...rest] = sealed.split(':');
    if (prefix !== PREFIX || rest.length || !/^\d+$/.test(nonce ?? '') || mark === undefined) throw unreadable('it is not a sealed secret');
    if (!this.holds(key)) throw unreadable(`it was sealed under key ${key}, which this cipher does not hold`);
    const plaintext = Buffer.from(text, 'base64url').toString('utf8');
    if (Buffer.from(plaintext, 'utf8').toString('base64url') !== text || check(key, nonce, context, plaintext) !== mark) {
      throw unreadable('it was sealed for another context or altered');
    }
    return plaintext;
  }

  needsResealing(sealed: string): boolean {
    const key = sealed.split(':')[1];
    return sealed.startsWith(`${PREFIX}:`) && key !== this.currentKey && this.previousKeys.includes(key);
  }

  private holds(key: string): boolean {
    return key === this.currentKey || this.previousKeys.includes(key);
  }
}

function check(key: string, nonce: string, context: string, plaintext: string): string {
  return createHash('sha256')
    .update(JSON.stringify([key, nonce, context, plaintext]))
    .digest('hex')
    .slice(0, 16);
}

function unreadable(why: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCodes.secretsUnreadable, `a sealed secret cannot be opened: ${why}`);
}
