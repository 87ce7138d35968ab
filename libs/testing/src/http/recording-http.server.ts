import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link RecordingHttpServer} received, as sent. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the fake vendor answers; a body object is sent as JSON, a string as is. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Decides the answer of the n-th request (0-based); `'hang'` never answers (for timeouts). */
export type ScriptedRoute = (request: RecordedRequest, index: number) => ScriptedAnswer | 'hang' | Promise<ScriptedAnswer | 'hang'>;

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port) that plays a vendor in outbound connector
 * specs: it records every request and answers what the spec's route decides.
 */
export class RecordingHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>`, without a trailing slash. */
    readonly url: string,
  ) {}

  /** Starts a server answering with `route`. */
  static async start(route: ScriptedRoute): Promise<RecordingHttpServer> {
    let recorder: RecordingHttpServer | null = null;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const recorded: RecordedRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        void (recorder as RecordingHttpServer).answer(recorded, response, route);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    recorder = new RecordingHttpServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return recorder;
  }

  /** The JSON body of the n-th request. */
  json(index: number): unknown {
    return JSON.parse(this.requests[index].body);
  }

  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Stops the server, dropping connections left open (hanging answers). */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(recorded: RecordedRequest, response: ServerResponse, route: ScriptedRoute): Promise<void> {
    const index = this.requests.push(recorded) - 1;
    for (const waiter of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const answer = await route(recorded, index);
    if (answer === 'hang') return;
    const body = answer.body === undefined || answer.body === null ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const type = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
    response.writeHead(answer.status, { ...(body ? { 'content-type': type } : {}), ...answer.headers });
    response.end(body);
  }
}

/** A URL on 127.0.0.1 where nothing listens (a port just opened and closed): connection refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
