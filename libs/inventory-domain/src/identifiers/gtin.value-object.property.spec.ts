import fc from 'fast-check';
import { gs1CheckDigit } from './gs1-check-digit.js';
import { normalizeGtin, type IdentifierKind } from './gtin.value-object.js';
import { isbn10CheckDigit } from './isbn.js';

const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));

const withGs1Check = (body: string) => body + String(gs1CheckDigit(body));

/** A valid GS1 code of one of the directly padded kinds, with that kind. */
const validGs1Code = fc
  .constantFrom<[IdentifierKind, number]>(['ean_8', 8], ['upc_a', 12], ['ean_13', 13], ['gtin_14', 14])
  .chain(([kind, length]) => digitString(length - 1).map((body) => ({ kind, code: withGs1Check(body) })));

const validIsbn10 = digitString(9).map((first9) => first9 + isbn10CheckDigit(first9));

/** Replaces the character at `index` with a different digit. */
function changeDigit(code: string, index: number, offset: number): string {
  const current = code.charAt(index);
  const original = current === 'X' ? 10 : Number(current);
  const replaced = (original + offset) % 10;
  return code.slice(0, index) + String(replaced) + code.slice(index + 1);
}

describe('normalizeGtin properties', () => {
  it('normalizes any UPC-A like the same code as EAN-13 with a leading 0', () => {
    fc.assert(
      fc.property(digitString(11), (body) => {
        const upcA = withGs1Check(body);
        const asUpcA = normalizeGtin(upcA, 'upc_a');
        const asEan13 = normalizeGtin('0' + upcA, 'ean_13');
        expect(asUpcA.ok).toBe(true);
        expect(asEan13.ok).toBe(true);
        if (asUpcA.ok && asEan13.ok) {
          expect(asUpcA.value.gtin14).toBe(asEan13.value.gtin14);
          expect(asUpcA.value.gtin14).toBe('00' + upcA);
        }
      }),
    );
  });

  it('rejects every single-digit change of a valid GS1 code', () => {
    fc.assert(
      fc.property(validGs1Code, fc.nat(), fc.integer({ min: 1, max: 9 }), ({ kind, code }, at, offset) => {
        const changed = changeDigit(code, at % code.length, offset);
        const result = normalizeGtin(changed, kind);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('IDENTIFIER.BAD_CHECK_DIGIT');
        }
      }),
    );
  });

  it('rejects every single-character change of a valid ISBN-10', () => {
    fc.assert(
      fc.property(validIsbn10, fc.nat(), fc.integer({ min: 1, max: 9 }), (isbn, at, offset) => {
        const changed = changeDigit(isbn, at % isbn.length, offset);
        const result = normalizeGtin(changed, 'isbn_10');
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('is idempotent: a gtin14 output normalizes to itself as GTIN-14', () => {
    const anyValid = fc.oneof(
      validGs1Code,
      validIsbn10.map((code) => ({ kind: 'isbn_10' as IdentifierKind, code })),
    );
    fc.assert(
      fc.property(anyValid, ({ kind, code }) => {
        const first = normalizeGtin(code, kind);
        expect(first.ok).toBe(true);
        if (first.ok) {
          const second = normalizeGtin(first.value.gtin14, 'gtin_14');
          expect(second).toEqual({ ok: true, value: { gtin14: first.value.gtin14, kind: 'gtin_14' } });
        }
      }),
    );
  });
});
