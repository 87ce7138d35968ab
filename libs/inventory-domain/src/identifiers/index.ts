/**
 * Product identifier normalization: GS1 check digits, UPC-E expansion, ISBN conversion and the
 * GTIN-14 value object that the rest of the domain keys products by.
 *
 * @packageDocumentation
 */
export { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check-digit';
export { expandUpcE } from './upc-e';
export { isbn10CheckDigit, isbn10ToIsbn13 } from './isbn';
export { isSameProduct, normalizeGtin } from './gtin.value-object';
export type { IdentifierKind, NormalizedGtin } from './gtin.value-object';
