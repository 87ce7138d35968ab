import { STATUS_CODES } from 'node:http';

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
  readonly code: string;
  readonly errors: readonly ProblemField[];
  readonly [extension: string]: unknown;
}

/** Codes the HTTP layer itself produces. */
export const HttpErrorCodes = {
  malformed: 'REQUEST.MALFORMED',
  invalid: 'REQUEST.INVALID',
  tooLarge: 'REQUEST.TOO_LARGE',
  unsupportedMediaType: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  methodNotAllowed: 'REQUEST.METHOD_NOT_ALLOWED',
  routeNotFound: 'ROUTE.NOT_FOUND',
  tooManyAuthFailures: 'AUTH.TOO_MANY_FAILURES',
  internal: 'SERVER.INTERNAL_ERROR',
  unavailable: 'SERVER.UNAVAILABLE',
} as const;

/** HTTP status of each stable code of the domain, the application and the HTTP layer. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'RESOURCE.NOT_FOUND': 404,
  'ROUTE.NOT_FOUND': 404,
  'INVENTORY.LEVEL_NOT_FOUND': 404,
  'REQUEST.MALFORMED': 400,
  'REQUEST.INVALID': 422,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'REQUEST.METHOD_NOT_ALLOWED': 405,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'RESOURCE.CONFLICT': 409,
  'CONNECTION.REVOKED': 409,
  'DISCREPANCY.NOT_OPEN': 409,
  'INVENTORY.EXPECTED_MISMATCH': 409,
  'INVENTORY.VERSION_CONFLICT': 409,
  'INVENTORY.STALE_UPDATE': 409,
  'INVENTORY.NEGATIVE_NOT_ALLOWED': 409,
  'INVENTORY.UNKNOWN_ITEM': 422,
  'INVENTORY.IDENTITY_CONFLICT': 409,
  'INVENTORY.UNKNOWN_LOCATION': 422,
  'INVENTORY.INVALID_QUANTITY': 422,
  'IDENTIFIER.INVALID': 422,
  'IDENTIFIER.BAD_CHECK_DIGIT': 422,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'BATCH.DUPLICATE_LINE': 422,
  'STORE.RETRY_EXHAUSTED': 503,
  'AUTH.TOO_MANY_FAILURES': 429,
  'SERVER.UNAVAILABLE': 503,
  'SERVER.INTERNAL_ERROR': 500,
};

/** The HTTP status of a stable error code; unknown codes are client errors (422). */
export function statusOfCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 422;
}

/** The code the HTTP layer gives a bare status (framework errors carry no code). */
export function codeOfStatus(status: number): string {
  switch (status) {
    case 401:
      return 'AUTH.UNAUTHENTICATED';
    case 403:
      return 'AUTH.FORBIDDEN';
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
  code: string,
  detail: string,
  errors: readonly ProblemField[] = [],
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  const standard = { type: `urn:tally:problem:${code.toLowerCase()}`, title: STATUS_CODES[status] ?? 'Error', status, detail, code, errors };
  const extra = Object.entries(extensions).filter(([key]) => !(key in standard));
  return { ...standard, ...Object.fromEntries(extra) };
}
