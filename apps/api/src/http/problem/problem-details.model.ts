import { STATUS_CODES } from 'node:http';
import { ApplicationErrorCodes } from '@tally/inventory-application';
import { DomainErrorCodes } from '@tally/inventory-domain';
import { HttpErrorCodes, type CanonicalErrorCode } from '@tally/vendor-kit';

/** The media type of every error answer of the canonical API (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One invalid input of a request. */
export interface ProblemField {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem, with Tally's stable `code` and per-field `errors`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: CanonicalErrorCode;
  readonly errors: readonly ProblemField[];
  readonly [extension: string]: unknown;
}

/**
 * HTTP status of every canonical code. Keyed by the union of the codes, so a code added to the
 * domain, the application or the HTTP layer without a status here does not compile.
 */
const STATUS_BY_CODE = {
  [ApplicationErrorCodes.notFound]: 404,
  [HttpErrorCodes.routeNotFound]: 404,
  [DomainErrorCodes.levelNotFound]: 404,
  [HttpErrorCodes.malformed]: 400,
  [ApplicationErrorCodes.validation]: 422,
  [HttpErrorCodes.tooLarge]: 413,
  [HttpErrorCodes.unsupportedMediaType]: 415,
  [HttpErrorCodes.methodNotAllowed]: 405,
  [ApplicationErrorCodes.unauthenticated]: 401,
  [ApplicationErrorCodes.forbidden]: 403,
  [ApplicationErrorCodes.operatorRequired]: 403,
  [ApplicationErrorCodes.tooManySignIns]: 429,
  [ApplicationErrorCodes.conflict]: 409,
  [ApplicationErrorCodes.connectionRevoked]: 409,
  [DomainErrorCodes.discrepancyNotOpen]: 409,
  [DomainErrorCodes.expectedMismatch]: 409,
  [DomainErrorCodes.versionConflict]: 409,
  [DomainErrorCodes.staleUpdate]: 409,
  [DomainErrorCodes.negativeNotAllowed]: 409,
  [ApplicationErrorCodes.unknownItem]: 422,
  [ApplicationErrorCodes.identityConflict]: 409,
  [DomainErrorCodes.unknownLocation]: 422,
  [DomainErrorCodes.invalidQuantity]: 422,
  [DomainErrorCodes.invalidIdentifier]: 422,
  [DomainErrorCodes.badCheckDigit]: 422,
  [DomainErrorCodes.idempotencyMismatch]: 422,
  [DomainErrorCodes.duplicateLine]: 422,
  // A warning on a line that was kept, not a failure: such a line is answered 202.
  [DomainErrorCodes.observedNotApplied]: 202,
  [ApplicationErrorCodes.retryExhausted]: 503,
  // A job message; a failed job is read with 200, this is the status its failure would have.
  [ApplicationErrorCodes.jobFailed]: 500,
  // Tally cannot read a credential it stored (its key is missing or the row was altered): its fault.
  [ApplicationErrorCodes.secretsUnreadable]: 500,
  [HttpErrorCodes.tooManyAuthFailures]: 429,
  // The tenant's own use, not the server's load (ADR 0044): it may retry after Retry-After.
  [ApplicationErrorCodes.jobQuotaExceeded]: 429,
  [ApplicationErrorCodes.rateLimited]: 429,
  [HttpErrorCodes.unavailable]: 503,
  [HttpErrorCodes.internal]: 500,
} as const satisfies Record<CanonicalErrorCode, number>;

/** The HTTP status of a canonical error code. */
export function statusOfCode(code: CanonicalErrorCode): number {
  return STATUS_BY_CODE[code];
}

/** The code the HTTP layer gives a bare status (framework errors carry no code). */
export function codeOfStatus(status: number): CanonicalErrorCode {
  switch (status) {
    case 401:
      return ApplicationErrorCodes.unauthenticated;
    case 403:
      return ApplicationErrorCodes.forbidden;
    case 404:
      return HttpErrorCodes.routeNotFound;
    case 405:
      return HttpErrorCodes.methodNotAllowed;
    case 413:
      return HttpErrorCodes.tooLarge;
    case 415:
      return HttpErrorCodes.unsupportedMediaType;
    case 422:
      return HttpErrorCodes.invalid;
    case 429:
      return HttpErrorCodes.tooManyAuthFailures;
    case 503:
      return HttpErrorCodes.unavailable;
    default:
      return status >= 500 ? HttpErrorCodes.internal : HttpErrorCodes.malformed;
  }
}

/** Builds a problem; `type` is a stable URN derived from the code. */
export function problemOf(
  status: number,
  code: CanonicalErrorCode,
  detail: string,
  errors: readonly ProblemField[] = [],
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  const standard = { type: `urn:tally:problem:${code.toLowerCase()}`, title: STATUS_CODES[status] ?? 'Error', status, detail, code, errors };
  const extra = Object.entries(extensions).filter(([key]) => !(key in standard));
  return { ...standard, ...Object.fromEntries(extra) };
}
