import { createHash } from 'node:crypto';
import { ChosenSecretHasher } from '@tally/inventory-application';
import { Sha256SecretHasher } from './sha256-secret.hasher';

/**
 * Negative controls of the reliability suite (ADR 0020), bound only under TALLY_UNSAFE_TEST_MODE:
 * `fast-hash-supplied-keys` keeps a supplied key the way generated ones are kept (an unsalted
 * SHA-256, found by an unkeyed digest: both offline oracles); `store-secrets-in-clear` keeps it
 * as it is. Check 7 must see either.
 */
export class UnsafeChosenSecretHasher extends ChosenSecretHasher {
  private readonly fast = new Sha256SecretHasher();

  constructor(private readonly inClear: boolean) {
    super();
  }

  async hash(secret: string): Promise<string> {
    return this.inClear ? `clear:${secret}` : this.fast.hash(secret);
  }

  async verify(secret: string, storedHash: string): Promise<boolean> {
    return this.inClear ? storedHash === `clear:${secret}` : this.fast.verify(secret, storedHash);
  }

  lookupDigests(secret: string): readonly string[] {
    return [this.inClear ? secret : createHash('sha256').update(secret, 'utf8').digest('base64url')];
  }
}
