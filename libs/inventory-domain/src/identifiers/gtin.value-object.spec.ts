import type { DomainError } from '../common/domain-error.js';
import type { Result } from '../common/result.js';
import { isSameProduct, normalizeGtin, type IdentifierKind, type NormalizedGtin } from './gtin.value-object.js';

function valueOf(result: Result<NormalizedGtin>): NormalizedGtin {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  }
  return result.value;
}

function errorOf(result: Result<NormalizedGtin>): DomainError {
  if (result.ok) {
    throw new Error(`expected an error, got ${result.value.gtin14}`);
  }
  return result.error;
}

describe('normalizeGtin', () => {
  describe('valid real codes', () => {
    it.each<[IdentifierKind, string, string]>([
      ['upc_a', '036000291452', '00036000291452'],
      ['ean_13', '4006381333931', '04006381333931'],
      ['ean_13', '0036000291452', '00036000291452'],
      ['ean_8', '96385074', '00000096385074'],
      ['upc_e', '04252614', '00042100005264'],
      ['isbn_10', '0306406152', '09780306406157'],
      ['isbn_10', '080442957X', '09780804429573'],
      ['isbn_13', '9780306406157', '09780306406157'],
      ['gtin_14', '10012345678902', '10012345678902'],
    ])('%s %s -> %s', (kind, input, gtin14) => {
      expect(valueOf(normalizeGtin(input, kind))).toEqual({ gtin14, kind });
    });
  });

  describe('detection by length when no kind is given', () => {
    it.each<[string, IdentifierKind, string]>([
      ['96385074', 'ean_8', '00000096385074'],
      ['0306406152', 'isbn_10', '09780306406157'],
      ['080442957x', 'isbn_10', '09780804429573'],
      ['036000291452', 'upc_a', '00036000291452'],
      ['4006381333931', 'ean_13', '04006381333931'],
      ['9780306406157', 'isbn_13', '09780306406157'],
      ['10012345678902', 'gtin_14', '10012345678902'],
    ])('%s is detected as %s', (input, kind, gtin14) => {
      expect(valueOf(normalizeGtin(input))).toEqual({ gtin14, kind });
    });

    it('keeps the given kind for a 978-prefixed code normalized as EAN-13', () => {
      expect(valueOf(normalizeGtin('9780306406157', 'ean_13')).kind).toBe('ean_13');
    });

    it('treats 8 digits as EAN-8, not UPC-E', () => {
      // 01234565 is a valid EAN-8 and also a valid UPC-E; the two give different products.
      expect(valueOf(normalizeGtin('01234565'))).toEqual({ gtin14: '00000001234565', kind: 'ean_8' });
      expect(valueOf(normalizeGtin('01234565', 'upc_e'))).toEqual({ gtin14: '00012345000065', kind: 'upc_e' });
    });

    it('rejects a length that matches no format', () => {
      const error = errorOf(normalizeGtin('03600029145'));
      expect(error.code).toBe('IDENTIFIER.INVALID');
      expect(error.field).toBe('gtin');
      expect(error.message).toContain('got 11');
    });
  });

  it('strips spaces and hyphens', () => {
    expect(valueOf(normalizeGtin('0-306-40615-2')).gtin14).toBe('09780306406157');
    expect(valueOf(normalizeGtin(' 4 006381 333931 ')).gtin14).toBe('04006381333931');
    expect(valueOf(normalizeGtin('978-0-8044-2957-3', 'isbn_13')).gtin14).toBe('09780804429573');
  });

  describe('UPC-E', () => {
    it('is expanded, never zero-padded', () => {
      const { gtin14 } = valueOf(normalizeGtin('04252614', 'upc_e'));
      expect(gtin14).toBe('00042100005264');
      expect(gtin14).not.toBe('00000004252614');
    });

    it('accepts 7 digits (number system + body) and 6 digits (body only)', () => {
      expect(valueOf(normalizeGtin('0425261', 'upc_e')).gtin14).toBe('00042100005264');
      expect(valueOf(normalizeGtin('425261', 'upc_e')).gtin14).toBe('00042100005264');
    });

    it('supports number system 1', () => {
      expect(valueOf(normalizeGtin('11234579', 'upc_e')).gtin14).toBe('00112345000079');
    });

    it('rejects a number system other than 0 or 1', () => {
      const error = errorOf(normalizeGtin('24252614', 'upc_e'));
      expect(error.code).toBe('IDENTIFIER.INVALID');
      expect(error.message).toContain('number system');
    });
  });

  describe('bad check digits', () => {
    it.each<[IdentifierKind, string, string, string]>([
      ['upc_a', '036000291453', '2', '3'],
      ['ean_13', '4006381333932', '1', '2'],
      ['ean_8', '96385075', '4', '5'],
      ['upc_e', '04252615', '4', '5'],
      ['isbn_10', '0306406153', '2', '3'],
      ['isbn_10', '0804429570', 'X', '0'],
      ['isbn_10', '030640615X', '2', 'X'],
      ['isbn_13', '9780306406158', '7', '8'],
      ['gtin_14', '10012345678901', '2', '1'],
    ])('%s %s: expected %s, got %s', (kind, input, expected, actual) => {
      for (const result of [normalizeGtin(input, kind), normalizeGtin(input, kind, 'barcode')]) {
        const error = errorOf(result);
        expect(error.code).toBe('IDENTIFIER.BAD_CHECK_DIGIT');
        expect(error.details).toEqual({ expected, actual });
        expect(error.message).toContain(`expected ${expected}`);
        expect(error.message).toContain(`got ${actual}`);
      }
      expect(errorOf(normalizeGtin(input, kind)).field).toBe('gtin');
      expect(errorOf(normalizeGtin(input, kind, 'barcode')).field).toBe('barcode');
    });

    it('reports without a kind too', () => {
      expect(errorOf(normalizeGtin('036000291453')).code).toBe('IDENTIFIER.BAD_CHECK_DIGIT');
      // Read as EAN-8, the UPC-E 04252614 has the wrong check digit.
      expect(errorOf(normalizeGtin('04252614')).details).toEqual({ expected: '0', actual: '4' });
    });
  });

  describe('wrong lengths for the given kind', () => {
    it.each<[IdentifierKind, string, string]>([
      ['upc_a', '0036000291452', '12 digits'],
      ['ean_13', '036000291452', '13 digits'],
      ['ean_8', '9638507', '8 digits'],
      ['upc_e', '042526140', '8 digits'],
      ['upc_e', '12345', '8 digits'],
      ['isbn_10', '030640615', '10 characters'],
      ['isbn_13', '978030640615', '13 digits'],
      ['gtin_14', '0036000291452', '14 digits'],
    ])('%s %s must be %s', (kind, input, lengthText) => {
      const error = errorOf(normalizeGtin(input, kind, 'sku.gtin'));
      expect(error.code).toBe('IDENTIFIER.INVALID');
      expect(error.field).toBe('sku.gtin');
      expect(error.message).toContain(lengthText);
      expect(error.message).toContain(`got ${input.length}`);
    });
  });

  describe('invalid characters', () => {
    it.each<[string, IdentifierKind | undefined, string]>([
      ['03600029145A', undefined, '"A"'],
      ['03600029145A', 'upc_a', '"A"'],
      ['abc', undefined, '"a"'],
      ['0360.0029145', 'upc_a', '"."'],
      ['036000291452\n', 'upc_a', '"\n"'],
      ['03600029145X', 'upc_a', "'X' is only allowed"],
      ['03600029145X', undefined, "'X' is only allowed"],
      ['X306406152', 'isbn_10', "'X' is only allowed"],
      ['978030640615X', 'isbn_13', "'X' is only allowed"],
    ])('%p (kind %p) is rejected mentioning %s', (input, kind, fragment) => {
      const error = errorOf(normalizeGtin(input, kind));
      expect(error.code).toBe('IDENTIFIER.INVALID');
      expect(error.field).toBe('gtin');
      expect(error.message).toContain(fragment);
    });

    it('rejects empty input and input of only separators', () => {
      expect(errorOf(normalizeGtin('')).message).toContain('empty');
      expect(errorOf(normalizeGtin(' - ', 'upc_a')).code).toBe('IDENTIFIER.INVALID');
    });
  });

  it('rejects an ISBN-13 without a 978/979 prefix', () => {
    const error = errorOf(normalizeGtin('4006381333931', 'isbn_13'));
    expect(error.code).toBe('IDENTIFIER.INVALID');
    expect(error.message).toContain('978 or 979');
  });

  it('accepts a 979 ISBN-13', () => {
    expect(valueOf(normalizeGtin('9791234567896', 'isbn_13')).gtin14).toBe('09791234567896');
  });

  it('rejects an unknown kind from untyped callers', () => {
    const error = errorOf(normalizeGtin('036000291452', 'upc' as IdentifierKind));
    expect(error.code).toBe('IDENTIFIER.INVALID');
  });
});

describe('isSameProduct', () => {
  it('treats UPC-A 036000291452 and EAN-13 0036000291452 as the same product', () => {
    expect(isSameProduct('036000291452', '0036000291452')).toBe(true);
    expect(isSameProduct('036000291452', '00036000291452')).toBe(true);
  });

  it('matches an ISBN-10 with its ISBN-13', () => {
    expect(isSameProduct('0-306-40615-2', '978-0-306-40615-7')).toBe(true);
  });

  it('is false for different products', () => {
    expect(isSameProduct('036000291452', '4006381333931')).toBe(false);
  });

  it('is false when either side is invalid', () => {
    expect(isSameProduct('036000291453', '036000291453')).toBe(false);
    expect(isSameProduct('036000291452', 'nope')).toBe(false);
  });
});
