import type { DomainErrorCode } from '@tally/inventory-domain';

/** Stable codes of the application layer (the domain's live in the domain lib). */
export const ApplicationErrorCodes = {
  notFound: 'RESOURCE.NOT_FOUND',
  validation: 'REQUEST.INVALID',
  forbidden: 'AUTH.FORBIDDEN',
  /** The route needs an operator key (opening tenants); a tenant's admin key is not one. */
  operatorRequired: 'AUTH.OPERATOR_REQUIRED',
  /** Console sign-ins over their rate per key or per address, valid or not (429; not a failed authentication). */
  tooManySignIns: 'AUTH.TOO_MANY_SIGN_INS',
  unauthenticated: 'AUTH.UNAUTHENTICATED',
  conflict: 'RESOURCE.CONFLICT',
  unknownItem: 'INVENTORY.UNKNOWN_ITEM',
  identityConflict: 'INVENTORY.IDENTITY_CONFLICT',
  retryExhausted: 'STORE.RETRY_EXHAUSTED',
  /** A write named a connection that has been revoked. */
  connectionRevoked: 'CONNECTION.REVOKED',
  /** A queued job failed on an error without a code of its own (a job message, never thrown). */
  jobFailed: 'JOB.FAILED',
  /** A sealed secret could not be opened: unknown key, another context, or altered (a server fault, never the caller's). */
  secretsUnreadable: 'SECRETS.UNREADABLE',
  /** A tenant's queued jobs would pass its cap of jobs or payload bytes (ADR 0044): a 429 that stores nothing. */
  jobQuotaExceeded: 'JOBS.QUOTA_EXCEEDED',
  /** A tenant sent more requests than its rate allows (ADR 0044): a 429 with Retry-After. */
  rateLimited: 'TENANT.RATE_LIMITED',
} as const;

/** A stable application error code. */
export type ApplicationErrorCode = (typeof ApplicationErrorCodes)[keyof typeof ApplicationErrorCodes];

/** Every code a use case may fail with: the domain's and the application's. */
export type UseCaseErrorCode = DomainErrorCode | ApplicationErrorCode;

/**
 * An expected failure of a use case that the caller renders (404, 403, 409...).
 * Thrown only across the use-case boundary; inside, results are returned.
 */
export class ApplicationError extends Error {
  constructor(
    readonly code: UseCaseErrorCode,
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
