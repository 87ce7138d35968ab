import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The most of a refused body read and thrown away before answering; past it the socket is cut. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
/** How long a slow client may take to finish sending a refused body. */
const MAX_DRAIN_MS = 5_000;

const answeredUnread = new WeakSet<FastifyRequest>();

/**
 * Marks a request answered before its body was read on purpose (its credential was refused):
 * its answer goes out at once, and the HTTP server discards the rest of the body afterwards,
 * keeping the connection, within the request timeout.
 */
export function answerBeforeBody(request: FastifyRequest): void {
  answeredUnread.add(request);
}

/**
 * Reads and discards what is left of a request body that was refused before it was read (413
 * for a body over the limit) before the answer goes out. Closing a socket that still holds
 * unread data makes the kernel reset the connection, and the client then loses the answer: a
 * fetch reports EPIPE instead of the 413 in its dialect.
 */
export function drainRefusedBodies(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, _reply, payload) => {
    const raw = request.raw;
    if (raw.complete || raw.readableEnded || raw.destroyed || answeredUnread.has(request)) return payload;
    await new Promise<void>((resolve) => {
      let read = 0;
      const done = (): void => {
        clearTimeout(timer);
        raw.off('data', onData);
        resolve();
      };
      const onData = (chunk: Buffer): void => {
        read += chunk.length;
        if (read > MAX_DRAIN_BYTES) done();
      };
      const timer = setTimeout(done, MAX_DRAIN_MS);
      raw.on('data', onData);
      raw.once('end', done);
      raw.once('close', done);
      raw.once('error', done);
      raw.resume();
    });
    return payload;
  });
}
