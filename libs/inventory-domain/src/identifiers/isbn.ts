import { gs1CheckDigit } from './gs1-check-digit.js';

const ISBN_10_SHAPE = /^[0-9]{9}[0-9Xx]$/;

/**
 * Computes the ISBN-10 check character (modulo 11, weights 10 down to 2).
 *
 * @param first9 - Exactly nine digits.
 * @returns `'0'`–`'9'`, or `'X'` for a check value of 10.
 * @throws RangeError when the input is not exactly nine digits (a caller bug).
 */
export function isbn10CheckDigit(first9: string): string {
  if (!/^[0-9]{9}$/.test(first9)) {
    throw new RangeError(`isbn10CheckDigit expects exactly 9 digits, got "${first9}"`);
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    sum += (first9.charCodeAt(i) - 48) * (10 - i);
  }
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * Validates an ISBN-10 and converts it to the equivalent 978-prefixed ISBN-13.
 *
 * The ISBN-10 check character is discarded and a GS1 check digit is computed for the ISBN-13,
 * because the two use different algorithms.
 *
 * @param isbn10 - Ten characters: nine digits and a check character (digit, `X` or `x`).
 *   Hyphens and spaces must already be stripped by the caller.
 * @returns The 13-digit ISBN-13, or `null` when the input is malformed or its check character
 *   is wrong.
 */
export function isbn10ToIsbn13(isbn10: string): string | null {
  if (!ISBN_10_SHAPE.test(isbn10)) {
    return null;
  }
  const first9 = isbn10.slice(0, 9);
  if (isbn10CheckDigit(first9) !== isbn10.charAt(9).toUpperCase()) {
    return null;
  }
  const withoutCheck = '978' + first9;
  return withoutCheck + String(gs1CheckDigit(withoutCheck));
}
