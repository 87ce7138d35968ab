import type { FastifyInstance } from 'fastify';
import type { RouteMediaTypes } from '../dialects/dialect.catalog';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** An error the framework's handler renders with its status (415 here). */
class UnsupportedMediaTypeError extends Error {
  readonly statusCode = 415;
}

/**
 * Bodies are JSON or nothing, except on the routes whose dialect declares other media types
 * (an OAuth2 token endpoint takes form-encoded bodies, RFC 6749 §4.4.2; its module parses
 * them): any other media type is refused with 415 before it is parsed, so form posts and plain
 * text never reach a DTO.
 */
export function requireJsonBodies(fastify: FastifyInstance, others: readonly RouteMediaTypes[] = []): void {
  fastify.addHook('onRequest', async (request) => {
    if (!BODY_METHODS.has(request.method)) return;
    const length = request.headers['content-length'];
    const hasBody = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    const type = request.headers['content-type'];
    if (type && JSON_TYPE.test(type)) return;
    const path = request.url.split('?')[0];
    const route = others.find((r) => r.method === request.method && r.pattern.test(path));
    const mediaType = type?.split(';')[0].trim().toLowerCase();
    if (route && mediaType && route.mediaTypes.includes(mediaType)) return;
    const accepted = route ? route.mediaTypes.join(' or ') : 'application/json';
    throw new UnsupportedMediaTypeError(`send the body as ${accepted}, not ${type ?? 'without a Content-Type'}`);
  });
}
