import type { FastifyInstance } from 'fastify';

/** A route that accepts bodies up to its own limit instead of BODY_LIMIT. */
export interface RouteBodyLimit {
  readonly url: string;
  readonly bodyLimit: number;
}

/**
 * Gives the listed routes their own body limit as they are registered, so one bulk route can
 * take a large document while every other route keeps the global limit. Call before the routes
 * are registered (before Nest's init).
 */
export function applyRouteBodyLimits(fastify: FastifyInstance, limits: readonly RouteBodyLimit[]): void {
  fastify.addHook('onRoute', (route) => {
    const limit = limits.find((l) => l.url === route.url);
    if (limit) route.bodyLimit = limit.bodyLimit;
  });
}
