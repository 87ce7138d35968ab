import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';

/** One request the fake received, as it arrived (path without the base URL's prefix). */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the fake answers; `hang` never answers (for timeouts). */
export type FakeReply = { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown } | 'hang';

/** A route's answer, or undefined to let the fake play Kibo as documented. */
export type FakeRoute = (request: SeenRequest, parsed: unknown) => FakeReply | undefined;

export const CLIENT_ID = 'client-1';
export const CLIENT_SECRET = 's3cret-value';
const PREFIX = '/kibo';

/**
 * Kibo's token, refresh and queue calls over real HTTP, under a `/kibo` prefix as Tally mounts
 * them. Tokens `tok-1`, `tok-2`, … live `tokenSeconds`; each refresh becomes a job that answers
 * PENDING `pendingPolls` times, then `finalStatus` with `messagesFor(body)`. Routes may be
 * overridden per test.
 */
export class FakeKibo {
  readonly requests: SeenRequest[] = [];
  readonly validTokens = new Set<string>();
  tokenSeconds: number | undefined = 3600;
  pendingPolls = 1;
  finalStatus = 'SUCCESS';
  messagesFor: (body: { items: Record<string, unknown>[] }) => string[] = () => [];
  onToken?: FakeRoute;
  onRefresh?: FakeRoute;
  onQueue?: FakeRoute;
  /** Called when a request arrives, before it is answered. */
  onArrival?: (request: SeenRequest) => void;
  private issued = 0;
  private readonly jobs = new Map<number, { polls: number; body: { items: Record<string, unknown>[] } }>();
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '';
        const seen: SeenRequest = {
          method: req.method ?? '',
          path: url.startsWith(PREFIX) ? url.slice(PREFIX.length) : url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(seen);
        this.onArrival?.(seen);
        const reply = this.route(seen);
        if (reply === 'hang') return;
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${PREFIX}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The requests to one path (method and path as Kibo documents them). */
  calls(method: string, pathStart: string): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathStart));
  }

  private route(seen: SeenRequest): FakeReply {
    const parsed = parseJson(seen.body);
    if (seen.method === 'POST' && seen.path === '/oauthserver/oauth2/token') return this.onToken?.(seen, parsed) ?? this.token(seen);
    if (seen.method === 'POST' && /^\/(inv\/)?api\/v5\/inventory\/refresh$/.test(seen.path))
      return this.onRefresh?.(seen, parsed) ?? this.refresh(seen, parsed);
    const queue = /^\/inv\/api\/v1\/queue\/(\d+)$/.exec(seen.path);
    if (seen.method === 'GET' && queue) return this.onQueue?.(seen, parsed) ?? this.queue(seen, Number(queue[1]));
    return { status: 404, body: { status: 404, error: 'Not Found' } };
  }

  private token(seen: SeenRequest): FakeReply {
    const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    if (seen.headers.authorization !== expected) return { status: 401, body: { error: 'invalid_client', error_description: 'wrong client' } };
    if (new URLSearchParams(seen.body).get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const token = `tok-${++this.issued}`;
    this.validTokens.add(token);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', ...(this.tokenSeconds === undefined ? {} : { expires_in: this.tokenSeconds }) } };
  }

  private refresh(seen: SeenRequest, parsed: unknown): FakeReply {
    if (!this.authorized(seen)) return { status: 401, body: { status: 401, error: 'Unauthorized' } };
    const body = parsed as { items?: Record<string, unknown>[]; locationName?: unknown } | undefined;
    if (!body || typeof body.locationName !== 'string' || !Array.isArray(body.items)) return { status: 400, body: { status: 400, error: 'Bad Request' } };
    if (body.items.length > 12_000) return { status: 400, body: { status: 400, error: 'Bad Request', message: 'at most 12000 items' } };
    const jobID = 100 + this.jobs.size;
    this.jobs.set(jobID, { polls: 0, body: { items: body.items } });
    return { status: 200, body: { jobID } };
  }

  private queue(seen: SeenRequest, jobID: number): FakeReply {
    if (!this.authorized(seen)) return { status: 401, body: { status: 401, error: 'Unauthorized' } };
    const job = this.jobs.get(jobID);
    if (!job) return { status: 404, body: { status: 404, error: 'Not Found' } };
    job.polls += 1;
    const ended = job.polls > this.pendingPolls;
    return {
      status: 200,
      body: {
        jobID,
        type: 'REFRESH',
        status: ended ? this.finalStatus : job.polls === 1 ? 'PENDING' : 'WORKING',
        success: ended && this.finalStatus === 'SUCCESS',
        itemCount: job.body.items.length,
        messages: ended ? this.messagesFor(job.body) : [],
        added: '2026-01-01T00:00:00Z',
        started: null,
        finished: null,
        locationCode: 'STORE-11',
        tenantID: 't-1',
      },
    };
  }

  private authorized(seen: SeenRequest): boolean {
    const match = /^Bearer (.+)$/.exec(seen.headers.authorization ?? '');
    return match !== null && this.validTokens.has(match[1]);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A channel target at the fake. */
export function kiboTarget(baseUrl: string, settings: Record<string, unknown> = { locationCode: 'STORE-11' }): OutboundTarget {
  return { channelId: 'ch-kibo', baseUrl, settings, credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } };
}

/** A context with a fresh cache, a clock the test moves and no wait between polls. */
export function kiboContext(overrides: Partial<OutboundContext> = {}): OutboundContext & { clock: { at: number } } {
  const clock = { at: Date.parse('2026-01-01T00:00:00Z') };
  return { fetch, now: () => clock.at, cache: new Map(), pollMs: 0, clock, ...overrides };
}

/** An item named by `identifier` (its SKU too), with `quantity` units (null: unlimited). */
export function item(identifier: string, quantity: number | null, itemId = `item-${identifier}`): OutboundItem {
  return { itemId, identifier, identifiers: [{ kind: 'sku', value: identifier, connectionId: null }], quantity, name: null };
}

/** A closed port: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/kibo`;
}
