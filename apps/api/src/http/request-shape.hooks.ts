import type { FastifyInstance } from 'fastify';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** An error the framework's handler renders with its status (415 here). */
class UnsupportedMediaTypeError extends Error {
  readonly statusCode = 415;
}

/**
 * Bodies are JSON or nothing: any other media type is refused with 415 before it is
 * parsed, so form posts and plain text never reach a DTO.
 */
export function requireJsonBodies(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (!BODY_METHODS.has(request.method)) return;
    const length = request.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    const type = request.headers['content-type'];
    if (!type || !JSON_TYPE.test(type)) {
      throw new UnsupportedMediaTypeError(`send the body as application/json, not ${type ?? 'without a Content-Type'}`);
    }
  });
}
