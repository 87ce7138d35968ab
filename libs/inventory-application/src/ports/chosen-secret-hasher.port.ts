/**
 * Protects secrets people choose (a supplied TALLY_ADMIN_KEY), which may be guessable: unlike
 * {@link SecretHasher}, whose fast digests suit only secrets Tally generated, the verifier is
 * salted and slow, and the digest that finds the row is keyed by a server-side secret, so the
 * table alone offers nothing to guess against (ADR 0045).
 */
export abstract class ChosenSecretHasher {
  /** A salted, deliberately slow verifier that carries its own parameters. */
  abstract hash(secret: string): Promise<string>;
  /** Constant-time check of a presented secret against a verifier made by {@link ChosenSecretHasher.hash}. */
  abstract verify(secret: string, storedHash: string): Promise<boolean>;
  /**
   * Keyed digests of the whole secret that find its row: under the current server-side key
   * first, then under older ones still accepted (so a row stored before a key rotation is found).
   */
  abstract lookupDigests(secret: string): readonly string[];
}
