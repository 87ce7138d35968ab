/**
 * Encrypts the secrets Tally must present again (a channel's API key, client secret or webhook
 * secret), which therefore cannot be hashed like the ones it only checks (ADR 0003, ADR 0040).
 *
 * A sealed text is self-describing: it names its format and the key that sealed it, so keys can
 * rotate. `open` accepts the current key and the previous ones; `needsResealing` tells which
 * texts to seal again under the current key. `context` binds a sealed text to its purpose
 * (`channel:<id>`): opened under any other context it is refused, so a sealed credential copied
 * to another row is useless there.
 */
export abstract class SecretCipher {
  /**
   * Encrypts `plaintext` for `context` (non-empty) under the current key. Sealing the same text
   * twice gives two different texts.
   */
  abstract seal(plaintext: string, context: string): string;

  /**
   * The plaintext that was sealed for `context`.
   * @throws ApplicationError `SECRETS.UNREADABLE` when the text is malformed, was sealed under a
   * key this process does not hold, for another context, or was altered.
   */
  abstract open(sealed: string, context: string): string;

  /**
   * Whether `sealed` was sealed under a previous key (it opens, but should be sealed again under
   * the current one). False for the current key, and for a text `open` refuses anyway.
   */
  abstract needsResealing(sealed: string): boolean;
}
