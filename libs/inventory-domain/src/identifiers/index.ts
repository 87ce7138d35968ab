/**
 * Product identifier normalization: GS1 check digits, UPC-E expansion, ISBN conversion and the
 * GTIN-14 value object that the rest of the domain keys products by.
 *
 * @packageDocumentation
 */
export { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check-digit.js';
export { expandUpcE } from './upc-e.js';
export { isbn10CheckDigit, isbn10ToIsbn13 } from './isbn.js';
export { isSameProduct, normalizeGtin } from './gtin.value-object.js';
export type { IdentifierKind, NormalizedGtin } from './gtin.value-object.js';
