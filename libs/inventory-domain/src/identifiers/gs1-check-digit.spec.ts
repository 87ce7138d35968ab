import { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check-digit.js';

describe('gs1CheckDigit', () => {
  it.each([
    ['03600029145', 2], // UPC-A 036000291452
    ['400638133393', 1], // EAN-13 4006381333931
    ['9638507', 4], // EAN-8 96385074
    ['1001234567890', 2], // GTIN-14 10012345678902
    ['978030640615', 7], // ISBN-13 9780306406157
    ['00000000000', 0],
  ])('computes the check digit of %s as %d', (body, expected) => {
    expect(gs1CheckDigit(body)).toBe(expected);
  });

  it('gives the same check digit regardless of leading zeros', () => {
    expect(gs1CheckDigit('0003600029145')).toBe(gs1CheckDigit('03600029145'));
  });

  it('throws on non-digit or empty input, which is a caller bug', () => {
    expect(() => gs1CheckDigit('12a4')).toThrow(RangeError);
    expect(() => gs1CheckDigit('')).toThrow(RangeError);
  });
});

describe('hasValidGs1CheckDigit', () => {
  it.each(['036000291452', '4006381333931', '96385074', '10012345678902', '9780306406157'])('accepts %s', (code) => {
    expect(hasValidGs1CheckDigit(code)).toBe(true);
  });

  it.each(['036000291453', '4006381333930', '96385075', '10012345678901'])('rejects %s', (code) => {
    expect(hasValidGs1CheckDigit(code)).toBe(false);
  });

  it('rejects non-digits and too-short input instead of throwing', () => {
    expect(hasValidGs1CheckDigit('03600029145X')).toBe(false);
    expect(hasValidGs1CheckDigit('0')).toBe(false);
    expect(hasValidGs1CheckDigit('')).toBe(false);
  });
});
