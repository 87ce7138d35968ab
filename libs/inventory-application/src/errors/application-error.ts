/** Stable codes of the application layer (the domain's live in the domain lib). */
export const ApplicationErrorCodes = {
  notFound: 'RESOURCE.NOT_FOUND',
  validation: 'REQUEST.INVALID',
  forbidden: 'AUTH.FORBIDDEN',
  unauthenticated: 'AUTH.UNAUTHENTICATED',
  conflict: 'RESOURCE.CONFLICT',
  unknownItem: 'INVENTORY.UNKNOWN_ITEM',
  identityConflict: 'INVENTORY.IDENTITY_CONFLICT',
  retryExhausted: 'STORE.RETRY_EXHAUSTED',
} as const;

/** A stable application error code. */
export type ApplicationErrorCode = (typeof ApplicationErrorCodes)[keyof typeof ApplicationErrorCodes];

/**
 * An expected failure of a use case that the caller renders (404, 403, 409...).
 * Thrown only across the use-case boundary; inside, results are returned.
 */
export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode | string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApplicationError';
  }
}

/** Thrown by a store when a write lost a race it can win by retrying the whole transaction. */
export class ConcurrentWriteError extends Error {
  constructor(message = 'concurrent write, retry') {
    super(message);
    this.name = 'ConcurrentWriteError';
  }
}
