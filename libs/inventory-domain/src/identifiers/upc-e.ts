import { gs1CheckDigit } from './gs1-check-digit.js';

const UPC_E_SHAPE = /^(?:[01]?[0-9]{6}|[01][0-9]{7})$/;

/**
 * Expands a zero-suppressed UPC-E code to its 12-digit UPC-A equivalent.
 *
 * Accepted shapes (digits only):
 * - 8 digits: number system (0 or 1) + 6-digit body + check digit. The check digit must equal
 *   the check digit of the expanded UPC-A, otherwise the result is `null`.
 * - 7 digits: number system (0 or 1) + body; the check digit is computed.
 * - 6 digits: body only; number system 0 is assumed and the check digit is computed.
 *
 * The body `d1…d6` expands by its last digit:
 * - `d6` 0–2: `d1 d2 d6 0000 d3 d4 d5`
 * - `d6` 3:   `d1 d2 d3 00000 d4 d5`
 * - `d6` 4:   `d1 d2 d3 d4 00000 d5`
 * - `d6` 5–9: `d1 d2 d3 d4 d5 0000 d6`
 *
 * A UPC-E is never turned into a UPC-A by zero-padding; `04252614` expands to `042100005264`.
 *
 * @param upcE - The UPC-E code, without spaces or hyphens.
 * @returns The 12-digit UPC-A, or `null` when the input is not a UPC-E of an accepted shape or
 *   its check digit is wrong.
 */
export function expandUpcE(upcE: string): string | null {
  if (!UPC_E_SHAPE.test(upcE)) {
    return null;
  }
  const numberSystem = upcE.length === 6 ? '0' : upcE.charAt(0);
  const body = upcE.length === 6 ? upcE : upcE.slice(1, 7);
  const withoutCheck = numberSystem + expandBody(body);
  const check = gs1CheckDigit(withoutCheck);
  if (upcE.length === 8 && upcE.charCodeAt(7) - 48 !== check) {
    return null;
  }
  return withoutCheck + String(check);
}

/** Expands the 6-digit UPC-E body to the 10 manufacturer + product digits of a UPC-A. */
function expandBody(body: string): string {
  const last = body.charAt(5);
  switch (last) {
    case '0':
    case '1':
    case '2':
      return body.slice(0, 2) + last + '0000' + body.slice(2, 5);
    case '3':
      return body.slice(0, 3) + '00000' + body.slice(3, 5);
    case '4':
      return body.slice(0, 4) + '00000' + body.charAt(4);
    default:
      return body.slice(0, 5) + '0000' + last;
  }
}
