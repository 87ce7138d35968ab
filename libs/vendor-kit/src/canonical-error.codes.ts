import { ApplicationErrorCodes, type UseCaseErrorCode } from '@tally/inventory-application';
import { DomainErrorCodes } from '@tally/inventory-domain';

/**
 * Codes the HTTP layer itself produces: framework errors (a body that is not JSON, a route
 * that does not exist, a body over the limit...) carry no code of their own. Here rather than
 * in the API so that every dialect can pass them through, typed.
 */
export const HttpErrorCodes = {
  malformed: 'REQUEST.MALFORMED',
  invalid: ApplicationErrorCodes.validation,
  tooLarge: 'REQUEST.TOO_LARGE',
  unsupportedMediaType: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  methodNotAllowed: 'REQUEST.METHOD_NOT_ALLOWED',
  routeNotFound: 'ROUTE.NOT_FOUND',
  tooManyAuthFailures: 'AUTH.TOO_MANY_FAILURES',
  internal: 'SERVER.INTERNAL_ERROR',
  unavailable: 'SERVER.UNAVAILABLE',
} as const;

/** A code of the HTTP layer, such as `REQUEST.MALFORMED`. */
export type HttpErrorCode = (typeof HttpErrorCodes)[keyof typeof HttpErrorCodes];

/** Every code the canonical API answers: the domain's, the application's and the HTTP layer's. */
export type CanonicalErrorCode = UseCaseErrorCode | HttpErrorCode;

const CANONICAL_CODES: ReadonlySet<string> = new Set([
  ...Object.values(DomainErrorCodes),
  ...Object.values(ApplicationErrorCodes),
  ...Object.values(HttpErrorCodes),
]);

/** Every canonical code, for tables and specs that must cover them all. */
export const ALL_CANONICAL_ERROR_CODES: readonly CanonicalErrorCode[] = [...CANONICAL_CODES] as CanonicalErrorCode[];

/**
 * Whether a string that arrived at run time (across a thread, from storage) is a canonical code.
 * The compiler checks every code written in the code; this checks the ones it cannot see.
 */
export function isCanonicalErrorCode(code: unknown): code is CanonicalErrorCode {
  return typeof code === 'string' && CANONICAL_CODES.has(code);
}
