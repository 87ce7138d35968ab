import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './metrics.registry';

/** The route label of a request no route serves: raw paths would make one series per path. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Counts every answer by method, route pattern and status, with its duration (Fastify's own clock). */
export function recordHttpMetrics(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.request(request.method, request.routeOptions.url ?? UNMATCHED_ROUTE, reply.statusCode, reply.elapsedTime / 1000);
  });
}
