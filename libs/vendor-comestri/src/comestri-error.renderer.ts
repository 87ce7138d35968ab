import { ApplicationErrorCodes } from '@tally/inventory-application';
import type { CanonicalErrorCode, FieldProblem, VendorAnswer } from '@tally/vendor-kit';
import { COMESTRI_CHALLENGE } from './comestri-auth.parser';

/** Stable codes of the Comestri adapter's own refusals: one of its own, the others canonical. */
export const ComestriErrorCodes = {
  unauthenticated: ApplicationErrorCodes.unauthenticated,
  forbiddenSource: 'COMESTRI.INVENTORY_SOURCE_FORBIDDEN',
  invalid: ApplicationErrorCodes.validation,
  notFound: ApplicationErrorCodes.notFound,
  unknownProduct: ApplicationErrorCodes.unknownItem,
} as const;

/** Every code a Comestri error may carry: the adapter's, or a canonical code passed through. */
export type ComestriErrorCode = (typeof ComestriErrorCodes)[keyof typeof ComestriErrorCodes] | CanonicalErrorCode;

/** The error body of every Comestri route: `errors` names each field and its problem. */
export interface ComestriErrorBody {
  readonly status: number;
  readonly error: string;
  readonly code: ComestriErrorCode;
  readonly message: string;
  readonly errors: readonly FieldProblem[];
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Renders an error in the Comestri routes' shape. The document lists the status codes but
 * not the body; the shape is Tally's choice (docs/adr, "comestri contract"). A 401 always
 * carries the `WWW-Authenticate` challenge the document asks for.
 */
export function renderComestriError(
  status: number,
  code: ComestriErrorCode,
  message: string,
  errors: readonly FieldProblem[] = [],
): VendorAnswer<ComestriErrorBody> {
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': COMESTRI_CHALLENGE } : {};
  if (status === 503) headers['retry-after'] = '1';
  return { status, headers, body: { status, error: REASONS[status] ?? 'Error', code, message, errors } };
}

/** The 422 of a request with invalid fields. */
export function renderInvalid(problems: readonly FieldProblem[]): VendorAnswer<ComestriErrorBody> {
  const count = problems.length;
  return renderComestriError(422, ComestriErrorCodes.invalid, `${count} invalid field${count === 1 ? '' : 's'}`, problems);
}
