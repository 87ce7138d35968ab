import { ApplicationError, ApplicationErrorCodes, type SecretCipher } from '@tally/inventory-application';

/**
 * Builds the cipher under test from key names: the current key and the previous ones. A name
 * stands for the same key every time it is given.
 */
export type MakeSecretCipher = (current: string, previous?: readonly string[]) => SecretCipher;

const PLAINTEXTS = ['s3cr3t', '', '{"clientId":"app","clientSecret":"ü ñ 🔑"}', 'x'.repeat(4096)];

/** What every SecretCipher adapter promises (ADR 0040). */
export function describeSecretCipherContract(name: string, make: MakeSecretCipher): void {
  describe(`SecretCipher contract (${name})`, () => {
    it('opens what it sealed, for the same context, and seals the same text differently each time', () => {
      const cipher = make('alpha');
      for (const plaintext of PLAINTEXTS) {
        const sealed = cipher.seal(plaintext, 'channel:1');
        expect(cipher.open(sealed, 'channel:1')).toBe(plaintext);
        expect(cipher.seal(plaintext, 'channel:1')).not.toBe(sealed);
      }
      expect(make('alpha').open(cipher.seal('kept', 'channel:1'), 'channel:1')).toBe('kept');
    });

    it('refuses a text sealed for another context', () => {
      const cipher = make('alpha');
      const sealed = cipher.seal('s3cr3t', 'channel:1');
      for (const other of ['channel:2', 'channel:10', 'channel:', 'Channel:1']) expect(unreadable(() => cipher.open(sealed, other))).toBe(true);
    });

    it('refuses a text sealed under a key it does not hold', () => {
      const sealed = make('alpha').seal('s3cr3t', 'channel:1');
      expect(unreadable(() => make('beta').open(sealed, 'channel:1'))).toBe(true);
      expect(unreadable(() => make('beta', ['gamma']).open(sealed, 'channel:1'))).toBe(true);
    });

    it('opens a text sealed under a previous key, says it needs resealing, and not once resealed', () => {
      const old = make('alpha').seal('s3cr3t', 'channel:1');
      const rotated = make('beta', ['alpha']);
      expect(rotated.open(old, 'channel:1')).toBe('s3cr3t');
      expect(rotated.needsResealing(old)).toBe(true);
      const resealed = rotated.seal(rotated.open(old, 'channel:1'), 'channel:1');
      expect(rotated.needsResealing(resealed)).toBe(false);
      expect(make('beta').open(resealed, 'channel:1')).toBe('s3cr3t');
      expect(unreadable(() => make('beta').open(old, 'channel:1'))).toBe(true);
    });

    it('does not ask to reseal what its current key sealed, nor what it cannot open', () => {
      const cipher = make('alpha', ['beta']);
      expect(cipher.needsResealing(cipher.seal('s3cr3t', 'channel:1'))).toBe(false);
      expect(cipher.needsResealing(make('gamma').seal('s3cr3t', 'channel:1'))).toBe(false);
      for (const junk of ['', 'plain text', ':::', 'v9:abc:def']) expect(cipher.needsResealing(junk)).toBe(false);
    });

    it('refuses malformed texts and a text with any one character changed', () => {
      const cipher = make('alpha');
      for (const junk of ['', 'plain text', ':::', ':::::', 'v9:abc:def:ghi']) expect(unreadable(() => cipher.open(junk, 'channel:1'))).toBe(true);
      const sealed = cipher.seal('s3cr3t', 'channel:1');
      for (let i = 0; i < sealed.length; i += 1) {
        const changed = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
        expect([i, unreadable(() => cipher.open(changed, 'channel:1'))]).toEqual([i, true]);
      }
      expect(unreadable(() => cipher.open(`${sealed}A`, 'channel:1'))).toBe(true);
      expect(unreadable(() => cipher.open(sealed.slice(0, -1), 'channel:1'))).toBe(true);
    });

    it('refuses to seal without a context', () => {
      expect(() => make('alpha').seal('s3cr3t', '')).toThrow();
    });
  });
}

/** Whether `open` failed the way the port says: an ApplicationError with SECRETS.UNREADABLE. */
function unreadable(open: () => string): boolean {
  try {
    open();
    return false;
  } catch (error) {
    return error instanceof ApplicationError && error.code === ApplicationErrorCodes.secretsUnreadable;
  }
}
