import { Sha256SecretHasher } from './sha256-secret.hasher';

const CLEAR = 'clear:';

/**
 * The `store-secrets-in-clear` negative control of the reliability suite (ADR 0020), bound only
 * under TALLY_UNSAFE_TEST_MODE: secrets and token digests are stored as they are, so check 7's
 * scan of the database must find them.
 */
export class UnsafeClearTextSecretHasher extends Sha256SecretHasher {
  override async hash(secret: string): Promise<string> {
    return CLEAR + secret;
  }

  override async verify(secret: string, storedHash: string): Promise<boolean> {
    return storedHash.startsWith(CLEAR) ? storedHash.slice(CLEAR.length) === secret : super.verify(secret, storedHash);
  }

  override digest(token: string): string {
    return token;
  }
}
