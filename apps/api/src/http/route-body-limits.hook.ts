import type { FastifyInstance } from 'fastify';
import type { RouteBodyLimit } from '../dialects/dialect.catalog';

/**
 * Gives the listed routes their own body limit as they are registered, so one bulk route can
 * take a large document while every other route keeps the global limit. Call before the routes
 * are registered (before Nest's init).
 */
export function applyRouteBodyLimits(fastify: FastifyInstance, limits: readonly RouteBodyLimit[]): void {
  fastify.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    const limit = limits.find((l) => l.url === route.url && methods.includes(l.method));
    if (limit) route.bodyLimit = limit.bodyLimit;
  });
}
