import type { FastifyInstance } from 'fastify';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
/** OAuth2 token endpoints take form-encoded bodies (RFC 6749 §4.4.2); their modules parse them. */
const FORM_PATHS = new Set(['/kibo/oauthserver/oauth2/token']);
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

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
    if (type && FORM_TYPE.test(type) && FORM_PATHS.has(request.url.split('?')[0])) return;
    if (!type || !JSON_TYPE.test(type)) {
      throw new UnsupportedMediaTypeError(`send the body as application/json, not ${type ?? 'without a Content-Type'}`);
    }
  });
}
