import type { ProblemField } from '../problem/problem-details.model';

/** A request whose shape, types or values are invalid; rendered as a 422 problem. */
export class RequestValidationError extends Error {
  constructor(
    readonly errors: readonly ProblemField[],
    message = 'the request is invalid',
  ) {
    super(message);
    this.name = 'RequestValidationError';
  }
}
