import { HttpException } from '@nestjs/common';
import { ApplicationError, ApplicationErrorCodes, ConcurrentWriteError } from '@tally/inventory-application';
import { HttpErrorCodes, isCanonicalErrorCode } from '@tally/vendor-kit';
import { RequestValidationError } from '../validation/request-validation.error';
import { MalformedRequestError } from './malformed-request.error';
import { codeOfStatus, problemOf, statusOfCode, type ProblemDetails } from './problem-details.model';

/** The answer to an exception: the problem, extra headers, and whether it is a server fault. */
export interface MappedProblem {
  readonly problem: ProblemDetails;
  readonly headers: Readonly<Record<string, string>>;
  readonly serverFault: boolean;
}

/**
 * Maps anything thrown while handling a request to a problem: application and domain
 * codes by their table, validation errors to 422, framework errors (body parsing, routing)
 * by their status, and everything else to a 500 whose details stay in the log. An
 * application error whose code is not canonical (only possible for a code that crossed a
 * thread or came from storage, the compiler checks every other) is such a bug: a 500.
 */
export function exceptionToProblem(exception: unknown): MappedProblem {
  if (exception instanceof RequestValidationError) {
    return mapped(problemOf(422, HttpErrorCodes.invalid, exception.message, exception.errors));
  }
  if (exception instanceof MalformedRequestError) {
    return mapped(problemOf(400, HttpErrorCodes.malformed, exception.message, [{ field: exception.field, message: exception.message }]));
  }
  if (exception instanceof ApplicationError) {
    if (!isCanonicalErrorCode(exception.code)) return serverFault();
    const status = statusOfCode(exception.code);
    const errors = exception.field ? [{ field: exception.field, message: exception.message }] : [];
    const answer = mapped(problemOf(status, exception.code, exception.message, errors, extensionsOf(exception.details)));
    const wait = exception.details?.['retryAfterSeconds'];
    // A quota or rate refusal says how long to wait (ADR 0044).
    return status === 429 && typeof wait === 'number'
      ? { ...answer, headers: { ...answer.headers, 'retry-after': String(Math.max(1, Math.ceil(wait))) } }
      : answer;
  }
  if (exception instanceof ConcurrentWriteError) {
    return mapped(problemOf(503, ApplicationErrorCodes.retryExhausted, 'the store is busy; retry the request'));
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return serverFault();
    return mapped(problemOf(status, codeOfStatus(status), detailOf(exception, status)));
  }
  const status = frameworkStatus(exception);
  if (status) return mapped(problemOf(status, codeOfStatus(status), (exception as Error).message));
  return serverFault();
}

function mapped(problem: ProblemDetails): MappedProblem {
  const headers: Record<string, string> = {};
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="tally"';
  if (problem.status === 503) headers['retry-after'] = '1';
  return { problem, headers, serverFault: false };
}

function serverFault(): MappedProblem {
  return { ...mapped(problemOf(500, HttpErrorCodes.internal, 'an unexpected error occurred; it has been logged')), serverFault: true };
}

/** Details a client may rely on (the current value of a conflict, the expected check digit...). */
function extensionsOf(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  const { current, ...rest } = details;
  return { ...(current !== undefined ? { current } : {}), ...(Object.keys(rest).length ? { details: rest } : {}) };
}

function detailOf(exception: HttpException, status: number): string {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (status === 404) return 'no such route';
  return typeof message === 'string' ? message : exception.message;
}

/** A 4xx status set by the HTTP framework on errors it raised itself (body parsing...). */
function frameworkStatus(exception: unknown): number | null {
  if (!(exception instanceof Error)) return null;
  const status = (exception as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : null;
}
