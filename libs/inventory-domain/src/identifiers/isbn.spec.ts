import { isbn10CheckDigit, isbn10ToIsbn13 } from './isbn.js';

describe('isbn10CheckDigit', () => {
  it('computes digit and X check characters', () => {
    expect(isbn10CheckDigit('030640615')).toBe('2');
    expect(isbn10CheckDigit('080442957')).toBe('X');
  });

  it('throws on anything but nine digits', () => {
    expect(() => isbn10CheckDigit('03064061')).toThrow(RangeError);
    expect(() => isbn10CheckDigit('03064061X')).toThrow(RangeError);
  });
});

describe('isbn10ToIsbn13', () => {
  it('converts 0306406152 to 9780306406157', () => {
    expect(isbn10ToIsbn13('0306406152')).toBe('9780306406157');
  });

  it('converts an ISBN-10 ending in X, in either case', () => {
    expect(isbn10ToIsbn13('080442957X')).toBe('9780804429573');
    expect(isbn10ToIsbn13('080442957x')).toBe('9780804429573');
  });

  it('returns null for a wrong check character', () => {
    expect(isbn10ToIsbn13('0306406153')).toBeNull();
    expect(isbn10ToIsbn13('0804429570')).toBeNull();
    expect(isbn10ToIsbn13('030640615X')).toBeNull();
  });

  it.each(['', '030640615', '03064061522', 'X306406152', '0-306-40615-2', '03064O6152'])('returns null for malformed %p', (input) => {
    expect(isbn10ToIsbn13(input)).toBeNull();
  });
});
