import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '@tally/platform-node';

/** The start-up line, once the server listens: where, on which database, at which log level. */
export function logListening(fastify: FastifyInstance, logger: Logger, config: AppConfig): void {
  fastify.addHook('onListen', (done) => {
    const address = fastify.server.address() as AddressInfo | null;
    logger.info(
      {
        context: 'Lifecycle',
        host: config.host,
        port: address?.port,
        database: config.databaseKind,
        logLevel: config.logLevel,
        node: process.version,
      },
      'listening',
    );
    done();
  });
}
