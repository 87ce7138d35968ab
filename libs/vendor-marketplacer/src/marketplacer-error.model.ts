import type { CanonicalErrorCode } from '@tally/vendor-kit';

/** Stable codes of the Marketplacer dialect's errors, carried in each JSON:API error's `code`. */
export const MarketplacerErrorCodes = {
  unauthenticated: 'MARKETPLACER.UNAUTHENTICATED',
  forbidden: 'MARKETPLACER.FORBIDDEN',
  notFound: 'MARKETPLACER.NOT_FOUND',
  invalidDocument: 'MARKETPLACER.INVALID_DOCUMENT',
  invalidParameter: 'MARKETPLACER.INVALID_PARAMETER',
  rateLimited: 'MARKETPLACER.RATE_LIMITED',
} as const;

/** A code of the Marketplacer dialect's own, such as `MARKETPLACER.NOT_FOUND`. */
export type MarketplacerOwnErrorCode = (typeof MarketplacerErrorCodes)[keyof typeof MarketplacerErrorCodes];

/** A stable Marketplacer error code, or a canonical code passed through (`CONNECTION.REVOKED`). */
export type MarketplacerErrorCode = MarketplacerOwnErrorCode | CanonicalErrorCode;

/** Where in the request an error lies, as JSON:API's `source` says it. */
export type ErrorSource = { readonly pointer: string } | { readonly parameter: string } | { readonly header: string };

/** One problem of a request, before it is rendered as a JSON:API error object. */
export interface MarketplacerProblem {
  readonly status: number;
  readonly code: MarketplacerErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly source?: ErrorSource;
}

/** The media type of every JSON:API document, requests and answers. */
export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** A problem found in the request document (422 unless told otherwise). */
export const documentProblem = (pointer: string, detail: string, status = 422): MarketplacerProblem => ({
  status,
  code: MarketplacerErrorCodes.invalidDocument,
  title: status === 400 ? 'Bad request' : 'Invalid attribute',
  detail,
  source: { pointer },
});

/** A problem with a query parameter (400, as JSON:API says). */
export const parameterProblem = (parameter: string, detail: string): MarketplacerProblem => ({
  status: 400,
  code: MarketplacerErrorCodes.invalidParameter,
  title: 'Invalid query parameter',
  detail,
  source: { parameter },
});

/** A 404 for a resource the caller named. */
export const notFoundProblem = (detail: string): MarketplacerProblem => ({
  status: 404,
  code: MarketplacerErrorCodes.notFound,
  title: 'Not found',
  detail,
});

/** A 403: the caller is known but may not do this. */
export const forbiddenProblem = (detail: string, source?: ErrorSource): MarketplacerProblem => ({
  status: 403,
  code: MarketplacerErrorCodes.forbidden,
  title: 'Forbidden',
  detail,
  ...(source ? { source } : {}),
});
