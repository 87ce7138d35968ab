const DIGITS_ONLY = /^[0-9]+$/;

/**
 * Computes the GS1 modulo-10 check digit for a string of digits that does not yet carry one.
 *
 * Weights alternate 3, 1, 3, … starting from the rightmost digit, which is how GS1 keeps the
 * same check digit for a code whether or not it is left-padded with zeros (GTIN-8/12/13/14
 * all share this algorithm).
 *
 * @param digitsWithoutCheck - One or more ASCII digits, without the check digit.
 * @returns The check digit, 0–9.
 * @throws RangeError when the input is empty or contains anything other than digits; that is a
 *   caller bug, not a data error, so it is not reported as a `Result`.
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!DIGITS_ONLY.test(digitsWithoutCheck)) {
    throw new RangeError(`gs1CheckDigit expects one or more digits, got "${digitsWithoutCheck}"`);
  }
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Tells whether a complete GS1 code (any length ≥ 2, check digit last) has a correct check digit.
 *
 * @param code - Digits only, including the trailing check digit.
 * @returns `false` for a wrong check digit and for anything that is not at least two digits.
 */
export function hasValidGs1CheckDigit(code: string): boolean {
  if (code.length < 2 || !DIGITS_ONLY.test(code)) {
    return false;
  }
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}
