import type { FastifyInstance } from 'fastify';

/**
 * The `retain-refused-requests` negative control of the reliability suite (ADR 0020), installed
 * only under TALLY_UNSAFE_TEST_MODE: the body and headers of every refused request stay
 * referenced for the life of the process, the kind of leak check 5's memory measure must find.
 */
export function retainRefusedRequests(fastify: FastifyInstance): void {
  const retained: unknown[] = [];
  fastify.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 400 && reply.statusCode < 500) retained.push(request.body, request.headers);
  });
}
