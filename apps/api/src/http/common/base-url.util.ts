import type { FastifyRequest } from 'fastify';

/** The server's base URL as this request's client reached it, without a trailing slash. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}
