/**
 * The limits of a canonical stock line, wherever it comes from (the canonical API, an imported
 * file): one place, so that every entry point accepts the same lines.
 */
export const STOCK_LINE_LIMITS = {
  /** Largest quantity a write may carry, so sums stay far inside every column type. */
  maxQuantity: 1_000_000_000,
  /** sku, partNumber, externalId, location code. */
  maxIdentifierLength: 200,
  maxGtinLength: 32,
  maxItemIdLength: 64,
  maxItemNameLength: 500,
  maxBinIdLength: 100,
  maxIncomingReferenceLength: 200,
  maxIncoming: 100,
  /** leadTimeDays, dispatchTimeDays. */
  maxDays: 3650,
  maxAttributes: 63,
  maxAttributeKeyLength: 100,
  maxAttributeValueLength: 1000,
} as const;

/** A price: a decimal string such as "19.99". */
export const DECIMAL_PATTERN = /^-?\d{1,12}(\.\d{1,6})?$/;
/** An ISO 4217 currency code. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
