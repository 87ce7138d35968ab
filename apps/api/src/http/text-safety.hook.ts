import type { FastifyInstance } from 'fastify';
import { findUnsafeText } from '@tally/vendor-kit';
import { RequestValidationError } from './validation/request-validation.error';

/**
 * Refuses, on every route and before its body is read, a query string or path parameter holding
 * text Tally never accepts (the kit's `unsafeTextReason`: a NUL, a lone surrogate): 422 naming the
 * parameter, in the dialect of the path (the exception filter renders it), never a database error
 * later. Here rather than in each controller because several dialects read their query and path
 * from the request itself. Bodies are checked by their readers: the validation pipe for the
 * canonical DTOs, each dialect's parser for its own (so a bad line is refused alone).
 */
export function rejectUnsafeText(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    const unsafe = findUnsafeText(request.params, '', undefined, 'path') ?? findUnsafeText(request.query, '', undefined, 'query');
    if (unsafe) throw new RequestValidationError([unsafe]);
  });
}
