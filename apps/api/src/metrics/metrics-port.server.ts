import { createServer, type Server } from 'node:http';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ListenError } from '../start/start-failure';
import type { MetricsConfig } from './metrics.config';
import type { MetricsRegistry } from './metrics.registry';

/**
 * Serves `GET /metrics` without a key on METRICS_PORT (METRICS_HOST, 127.0.0.1 by default): for a
 * scraper on a private network or the same host, kept apart from the API's port and its clients.
 */
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly config: MetricsConfig,
    private readonly metrics: MetricsRegistry,
  ) {}

  /** The port it listens on (METRICS_PORT), once listening. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.port === null) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?', 1)[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
        return;
      }
      this.metrics.exposition().then(
        ({ contentType, text }) =>
          response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(request.method === 'HEAD' ? undefined : text),
        (error: unknown) => {
          this.logger.error(`metrics could not be read: ${(error as Error).message}`);
          response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be read\n');
        },
      );
    });
    const port = this.config.port;
    await new Promise<void>((resolve, reject) => {
      // A port in use fails the start as the API's own port would: its exit code, no key spent.
      server.once('error', (error) => reject(new ListenError(this.config.host, port, error, 'METRICS_PORT (or METRICS_HOST)')));
      server.listen(port, this.config.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://${this.config.host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
