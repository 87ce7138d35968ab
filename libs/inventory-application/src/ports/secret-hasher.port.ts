/** Hashes secrets for storage and checks them in constant time. Secrets are never stored. */
export abstract class SecretHasher {
  abstract hash(secret: string): Promise<string>;
  /** Constant-time comparison of a presented secret against a stored hash. */
  abstract verify(secret: string, storedHash: string): Promise<boolean>;
  /**
   * A deterministic digest of a high-entropy token, to find it by equality. Only for secrets
   * Tally generated itself (tokens), never for secrets people choose.
   */
  abstract digest(token: string): string;
  /** A new random secret, URL-safe. */
  abstract generate(bytes?: number): string;
}
