import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SecretHasher } from '@tally/inventory-application';

const SCHEME = 'sha256:';

/**
 * Stores SHA-256 digests of secrets. A fast digest is enough here: every secret Tally
 * issues carries at least 192 random bits, so a slow password hash would only add latency
 * to every authenticated request without making a leaked digest any easier to protect.
 */
export class Sha256SecretHasher extends SecretHasher {
  async hash(secret: string): Promise<string> {
    return SCHEME + digest(secret).toString('base64url');
  }

  async verify(secret: string, storedHash: string): Promise<boolean> {
    if (!storedHash.startsWith(SCHEME)) return false;
    const expected = Buffer.from(storedHash.slice(SCHEME.length), 'base64url');
    const actual = digest(secret);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** Deterministic, so a token Tally issued can be found by equality. */
  digest(token: string): string {
    return digest(token).toString('base64url');
  }

  generate(bytes = 24): string {
    return randomBytes(bytes).toString('base64url');
  }
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
