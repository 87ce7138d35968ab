import type { FastifyRequest } from 'fastify';

/**
 * The server's base URL as this request's client reached it, without a trailing slash: behind a
 * proxy TRUST_PROXY trusts, with the scheme and host the proxy forwarded.
 */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host || 'localhost'}`;
}
