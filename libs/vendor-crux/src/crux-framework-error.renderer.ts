import type { VendorAnswer } from '@tally/vendor-kit';
import { renderProblem } from './crux-answer.renderer';
import { CruxErrorCodes, cruxProblem, type CruxOwnErrorCode } from './crux-inventory.model';

/** What the HTTP layer reports about an error it raised before the handler ran. */
export interface FrameworkError {
  readonly status: number;
  /** The HTTP layer's message, shown only for client errors. */
  readonly detail: string;
  /** A validation error's fields, if any. */
  readonly errors?: readonly { field: string; message: string }[];
}

const BY_STATUS: Readonly<Record<number, { code: CruxOwnErrorCode; message: string; field: string }>> = {
  400: { code: CruxErrorCodes.malformed, message: 'the body is not valid JSON', field: 'body' },
  404: { code: CruxErrorCodes.noSuchRoute, message: 'no such Crux TIMP route', field: 'path' },
  405: { code: CruxErrorCodes.methodNotAllowed, message: 'method not allowed: use POST', field: 'method' },
  413: { code: CruxErrorCodes.bodyTooLarge, message: 'the body is too large', field: 'body' },
  415: { code: CruxErrorCodes.unsupportedMediaType, message: 'send the body as application/json', field: 'Content-Type' },
};

/**
 * Renders an error the framework raised on a Crux path (malformed JSON, a media type other
 * than JSON, a body over the limit, an unknown route) in Crux's error shape. Server faults
 * keep their details out of the answer.
 */
export function renderFrameworkError(error: FrameworkError): VendorAnswer {
  if (error.status >= 500) {
    const code = error.status === 503 ? CruxErrorCodes.serviceUnavailable : CruxErrorCodes.internal;
    const message = error.status === 503 ? 'the store is busy; retry the request' : 'an unexpected error occurred; it has been logged';
    const answer = renderProblem(cruxProblem(error.status, code, [], message));
    return error.status === 503 ? { ...answer, headers: { ...answer.headers, 'retry-after': '1' } } : answer;
  }
  const known = BY_STATUS[error.status];
  if (error.errors?.length) {
    return renderProblem(cruxProblem(error.status, known?.code ?? CruxErrorCodes.invalidField, error.errors));
  }
  const code = known?.code ?? (error.status === 401 ? CruxErrorCodes.unauthenticated : CruxErrorCodes.badRequest);
  const message = known && !error.detail.startsWith(known.message) ? `${known.message}: ${error.detail}` : error.detail;
  return renderProblem(cruxProblem(error.status, code, [{ field: known?.field ?? 'body', message }]));
}
