/** Seals secrets Tally must present again (outbound credentials): encrypted at rest, never hashed. */
export abstract class SecretCipher {
  /** Encrypts `plaintext`, bound to `context` (a ciphertext copied to another context does not open). */
  abstract seal(plaintext: string, context: string): string;
  /** Decrypts what {@link seal} answered for the same context; throws when it cannot. */
  abstract open(sealed: string, context: string): string;
  /** True when `sealed` was sealed under a previous key and should be sealed again. */
  abstract needsResealing(sealed: string): boolean;
}
