import { domainError, DomainErrorCodes } from '../common/domain-error.js';
import { err, ok, type Result } from '../common/result.js';
import { gs1CheckDigit } from './gs1-check-digit.js';
import { isbn10CheckDigit } from './isbn.js';
import { expandUpcE } from './upc-e.js';

/** The product identifier formats the hub accepts. */
export type IdentifierKind = 'upc_a' | 'upc_e' | 'ean_8' | 'ean_13' | 'gtin_14' | 'isbn_10' | 'isbn_13';

/** A validated identifier in its canonical GTIN-14 form, plus the format it was given in. */
export interface NormalizedGtin {
  /** 14 digits, left-padded with zeros, with a verified GS1 check digit. */
  readonly gtin14: string;
  /** The format of the input: as given by the caller, or as detected from its length. */
  readonly kind: IdentifierKind;
}

interface KindSpec {
  readonly label: string;
  readonly lengths: readonly number[];
  readonly lengthText: string;
}

const KIND_SPECS: Readonly<Record<IdentifierKind, KindSpec>> = {
  upc_a: { label: 'UPC-A', lengths: [12], lengthText: '12 digits' },
  upc_e: {
    label: 'UPC-E',
    lengths: [8, 7, 6],
    lengthText: '8 digits (or 7 without the check digit, or 6 without number system and check digit)',
  },
  ean_8: { label: 'EAN-8', lengths: [8], lengthText: '8 digits' },
  ean_13: { label: 'EAN-13', lengths: [13], lengthText: '13 digits' },
  gtin_14: { label: 'GTIN-14', lengths: [14], lengthText: '14 digits' },
  isbn_10: { label: 'ISBN-10', lengths: [10], lengthText: '10 characters' },
  isbn_13: { label: 'ISBN-13', lengths: [13], lengthText: '13 digits' },
};

const DEFAULT_FIELD = 'gtin';

/**
 * Validates a product identifier and normalizes it to GTIN-14.
 *
 * Spaces and hyphens are stripped first; any other non-digit is rejected, except a trailing
 * `X`/`x` on an ISBN-10. Check digits are verified and never corrected.
 *
 * Without `kind`, the format is detected by length: 8 → EAN-8, 10 → ISBN-10, 12 → UPC-A,
 * 13 → ISBN-13 when it starts with 978/979 and EAN-13 otherwise, 14 → GTIN-14. An 8-digit code
 * could also be a UPC-E; it is treated as EAN-8 unless `kind` is `'upc_e'`, because the two
 * cannot be told apart by their digits and EAN-8 is the form that needs no expansion.
 *
 * Conversion: EAN-8, UPC-A, EAN-13, ISBN-13 and GTIN-14 are left-padded with zeros to 14 digits;
 * a UPC-E is first expanded to its UPC-A; an ISBN-10 is first converted to its 978 ISBN-13.
 * So UPC-A `036000291452` and EAN-13 `0036000291452` both give `00036000291452`.
 *
 * @param input - The identifier as received, possibly with spaces or hyphens.
 * @param kind - The expected format; when given, the input must have that format's length.
 * @param field - The input's name, reported as `field` on errors. Defaults to `'gtin'`.
 * @returns The normalized identifier, or a `DomainError`:
 *   `IDENTIFIER.INVALID` for bad characters, a wrong length, an unknown kind, a UPC-E number
 *   system other than 0/1 or an ISBN-13 without a 978/979 prefix;
 *   `IDENTIFIER.BAD_CHECK_DIGIT` for a wrong check digit, with `details.expected` and
 *   `details.actual` as one-character strings (`'X'` is possible for an ISBN-10).
 */
export function normalizeGtin(input: string, kind?: IdentifierKind, field: string = DEFAULT_FIELD): Result<NormalizedGtin> {
  const code = input.replace(/[ -]/g, '');
  if (code.length === 0) {
    return invalid(field, `${field} is empty`);
  }
  if (kind !== undefined && !Object.prototype.hasOwnProperty.call(KIND_SPECS, kind)) {
    return invalid(field, `unknown identifier kind "${String(kind)}"`, { kind });
  }

  const badCharIndex = firstDisallowedCharIndex(code, kind);
  if (badCharIndex >= 0) {
    const ch = code.charAt(badCharIndex);
    const hint = /[Xx]/.test(ch) ? "; 'X' is only allowed as the last character of an ISBN-10" : '; only digits, spaces and hyphens are allowed';
    return invalid(field, `${field} contains invalid character "${ch}" at position ${badCharIndex + 1}${hint}`, {
      character: ch,
      position: badCharIndex + 1,
    });
  }

  const resolved = kind ?? detectKind(code);
  if (resolved === null) {
    return invalid(field, `${field} must have 8, 10, 12, 13 or 14 digits to detect its format, got ${code.length}`, { actualLength: code.length });
  }
  const spec = KIND_SPECS[resolved];
  if (!spec.lengths.includes(code.length)) {
    return invalid(field, `${field} must be ${spec.lengthText} for a ${spec.label}, got ${code.length}`, {
      expectedLength: spec.lengths[0],
      actualLength: code.length,
    });
  }

  const canonical = toCanonicalGs1(code, resolved, spec, field);
  if (!canonical.ok) {
    return canonical;
  }
  return ok({ gtin14: canonical.value.padStart(14, '0'), kind: resolved });
}

/**
 * Tells whether two identifiers denote the same product: both normalize without error (with
 * their format detected by length) to the same GTIN-14.
 *
 * Because detection treats 8 digits as EAN-8, a UPC-E given here is not expanded; normalize it
 * with kind `'upc_e'` first and compare the `gtin14` values instead.
 *
 * @param a - The first identifier as received.
 * @param b - The second identifier as received.
 * @returns `true` only when both are valid and equal after normalization.
 */
export function isSameProduct(a: string, b: string): boolean {
  const left = normalizeGtin(a);
  const right = normalizeGtin(b);
  return left.ok && right.ok && left.value.gtin14 === right.value.gtin14;
}

/** Returns the index of the first character that is neither a digit nor an allowed ISBN-10 X. */
function firstDisallowedCharIndex(code: string, kind: IdentifierKind | undefined): number {
  const mayEndInX = kind === 'isbn_10' || (kind === undefined && code.length === 10);
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      continue;
    }
    const isTrailingX = i === code.length - 1 && (c === 88 || c === 120);
    if (!(isTrailingX && mayEndInX)) {
      return i;
    }
  }
  return -1;
}

/** Detects the format from the length alone; `null` when no format has that length. */
function detectKind(code: string): IdentifierKind | null {
  switch (code.length) {
    case 8:
      return 'ean_8';
    case 10:
      return 'isbn_10';
    case 12:
      return 'upc_a';
    case 13:
      return isBooklandPrefix(code) ? 'isbn_13' : 'ean_13';
    case 14:
      return 'gtin_14';
    default:
      return null;
  }
}

/**
 * Verifies the check digit and returns the GS1 code (8, 12, 13 or 14 digits) to pad,
 * after UPC-E expansion or ISBN-10 conversion.
 */
function toCanonicalGs1(code: string, kind: IdentifierKind, spec: KindSpec, field: string): Result<string> {
  switch (kind) {
    case 'upc_e':
      return expandCheckedUpcE(code, field);
    case 'isbn_10': {
      const first9 = code.slice(0, 9);
      const checkError = compareCheck(isbn10CheckDigit(first9), code.charAt(9).toUpperCase(), spec, field);
      if (checkError) {
        return checkError;
      }
      const isbn13 = '978' + first9;
      return ok(isbn13 + String(gs1CheckDigit(isbn13)));
    }
    case 'isbn_13':
      if (!isBooklandPrefix(code)) {
        return invalid(field, `${field} must start with 978 or 979 for an ISBN-13, got ${code.slice(0, 3)}`);
      }
      return checkedGs1(code, spec, field);
    default:
      return checkedGs1(code, spec, field);
  }
}

function expandCheckedUpcE(code: string, field: string): Result<string> {
  if (code.length >= 7 && code.charAt(0) !== '0' && code.charAt(0) !== '1') {
    return invalid(field, `${field} must have number system 0 or 1 for a UPC-E, got ${code.charAt(0)}`);
  }
  // Expanding without the given check digit yields the correct one, so a mismatch can be
  // reported with both values instead of a bare null from expandUpcE.
  const upcA = expandUpcE(code.length === 8 ? code.slice(0, 7) : code);
  if (upcA === null) {
    return invalid(field, `${field} is not a valid UPC-E`);
  }
  if (code.length === 8) {
    const checkError = compareCheck(upcA.charAt(11), code.charAt(7), KIND_SPECS.upc_e, field);
    if (checkError) {
      return checkError;
    }
  }
  return ok(upcA);
}

function checkedGs1(code: string, spec: KindSpec, field: string): Result<string> {
  const expected = String(gs1CheckDigit(code.slice(0, -1)));
  return compareCheck(expected, code.charAt(code.length - 1), spec, field) ?? ok(code);
}

function compareCheck(expected: string, actual: string, spec: KindSpec, field: string) {
  if (expected === actual) {
    return null;
  }
  return err(
    domainError(DomainErrorCodes.badCheckDigit, `${field} has a wrong ${spec.label} check digit: expected ${expected}, got ${actual}`, field, {
      expected,
      actual,
    }),
  );
}

function isBooklandPrefix(code: string): boolean {
  return code.startsWith('978') || code.startsWith('979');
}

function invalid(field: string, message: string, details?: Record<string, unknown>) {
  return err(domainError(DomainErrorCodes.invalidIdentifier, message, field, details));
}
