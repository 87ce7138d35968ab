import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody } from './webhook-recorder.e2e-helper';

/** What the proxy does with one request. */
export type ProxyMove =
  /** Passes it on and answers what the channel answered, after `holdMs` (a slow channel). */
  | { readonly kind: 'forward'; readonly holdMs?: number }
  /** Answers this without passing it on: the channel never sees it (throttling, an outage). */
  | { readonly kind: 'answer'; readonly status: number; readonly headers?: Record<string, string>; readonly body?: string }
  /** Passes it on, then answers this instead of the channel's answer (a garbled answer to a request that was applied). */
  | { readonly kind: 'garble'; readonly status: number; readonly body: string; readonly contentType?: string }
  /** Never answers and never passes it on: the client's time limit must end it. */
  | { readonly kind: 'hang' };

/** One request the proxy received, in arrival order. */
export interface ProxiedRequest {
  readonly seq: number;
  /** Milliseconds since the epoch when its body had arrived. */
  readonly at: number;
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly body: string;
  readonly move: ProxyMove['kind'];
  /** Whether the channel received it. */
  readonly forwarded: boolean;
  /** What the client was answered; null while held or never. */
  status: number | null;
  /** The client went away before its answer (it gave up, or died). */
  abandoned: boolean;
  /** Its answer is still held, or never coming: the client is waiting. */
  open: boolean;
}

/** Decides the move for a request, knowing what came before. */
export type ProxyPlan = (request: { method: string; url: string; body: string }, earlier: readonly ProxiedRequest[]) => ProxyMove;

const PASS: ProxyPlan = () => ({ kind: 'forward' });
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);

/**
 * A small HTTP proxy between the first Tally and a channel, playing the channel's faults: it can
 * refuse connections (stopped), answer for the channel (429, 503), hang, hold answers (slow), or
 * garble them; it records every request in arrival order.
 */
export class FaultProxy {
  readonly requests: ProxiedRequest[] = [];
  plan: ProxyPlan = PASS;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly upstream: string,
    private port: number,
  ) {}

  /** Starts on a free port of 127.0.0.1, passing requests to `upstream` (an origin, no path). */
  static async start(upstream: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(upstream, 0);
    await proxy.listen();
    return proxy;
  }

  /** The proxy's origin; a channel's base URL is this and the channel's own path. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Requests whose client still waits for the answer. */
  inFlight(): ProxiedRequest[] {
    return this.requests.filter((r) => r.open);
  }

  /** Stops listening and drops every connection: connecting is then refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    await this.listen();
  }

  close(): Promise<void> {
    return this.stop();
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = request.url ?? '/';
    const move = this.plan({ method: request.method ?? 'GET', url, body }, this.requests);
    const record: ProxiedRequest = {
      seq: this.requests.length,
      at: Date.now(),
      method: request.method ?? 'GET',
      url,
      body,
      move: move.kind,
      forwarded: move.kind === 'forward' || move.kind === 'garble',
      status: null,
      abandoned: false,
      open: true,
    };
    this.requests.push(record);
    response.on('close', () => {
      record.open = false;
      if (!response.writableFinished) record.abandoned = true;
    });
    if (move.kind === 'hang') return;
    if (move.kind === 'answer') return this.reply(response, record, move.status, move.headers ?? {}, move.body ?? '');
    let upstream: Response;
    try {
      upstream = await fetch(`${this.upstream}${url}`, { method: record.method, headers: forwardedHeaders(request), body: body === '' ? undefined : body });
    } catch (error) {
      return this.reply(response, record, 502, { 'content-type': 'text/plain' }, `proxy: upstream failed: ${(error as Error).message}`);
    }
    const text = await upstream.text();
    if (move.kind === 'garble') return this.reply(response, record, move.status, { 'content-type': move.contentType ?? 'application/json' }, move.body);
    if (move.holdMs) await new Promise((resolve) => setTimeout(resolve, move.holdMs));
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'retry-after', 'www-authenticate']) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    this.reply(response, record, upstream.status, headers, text);
  }

  private reply(response: ServerResponse, record: ProxiedRequest, status: number, headers: Record<string, string>, body: string): void {
    if (response.destroyed) return;
    record.status = status;
    response.writeHead(status, headers).end(body);
  }
}

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
