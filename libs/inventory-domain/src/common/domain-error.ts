/**
 * A rule of the domain that an input broke. `code` is stable (clients and vendor adapters
 * map it); `message` is for people; `field` names the offending input where there is one.
 */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Every stable error code the domain can produce. */
export const DomainErrorCodes = {
  invalidIdentifier: 'IDENTIFIER.INVALID',
  badCheckDigit: 'IDENTIFIER.BAD_CHECK_DIGIT',
  invalidQuantity: 'INVENTORY.INVALID_QUANTITY',
  staleUpdate: 'INVENTORY.STALE_UPDATE',
  versionConflict: 'INVENTORY.VERSION_CONFLICT',
  expectedMismatch: 'INVENTORY.EXPECTED_MISMATCH',
  negativeNotAllowed: 'INVENTORY.NEGATIVE_NOT_ALLOWED',
  levelNotFound: 'INVENTORY.LEVEL_NOT_FOUND',
  unknownItem: 'INVENTORY.UNKNOWN_ITEM',
  unknownLocation: 'INVENTORY.UNKNOWN_LOCATION',
  /** A report kept as its connection's observation but not applied: the level follows another source. */
  observedNotApplied: 'INVENTORY.OBSERVED_NOT_APPLIED',
  duplicateLine: 'BATCH.DUPLICATE_LINE',
  idempotencyMismatch: 'IDEMPOTENCY.KEY_REUSED',
  discrepancyNotOpen: 'DISCREPANCY.NOT_OPEN',
} as const;

/** A stable domain error code, such as `INVENTORY.STALE_UPDATE`. */
export type DomainErrorCode = (typeof DomainErrorCodes)[keyof typeof DomainErrorCodes];

/** Builds a {@link DomainError}. */
export function domainError(code: DomainErrorCode, message: string, field?: string, details?: Record<string, unknown>): DomainError {
  return { code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) };
}
