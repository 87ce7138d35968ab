import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';

/** One request the fake received (path without the base URL's prefix). */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the fake answers; `hang` never answers. */
export type FakeReply = { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown } | 'hang';
/** A route's answer, or undefined to let the fake play Crux as documented. */
export type FakeRoute = (request: SeenRequest, parsed: unknown) => FakeReply | undefined;
/** An element's `{status_code, message}`, or undefined for the documented default. */
export type FakeElement = (update: Record<string, unknown>, index: number) => { status_code: number; message: string } | undefined;

export const USERNAME = 'crux-user';
export const PASSWORD = 'pw-s3cret';
const PREFIX = '/crux';

/**
 * Crux TIMP's login, single and bulk updates over real HTTP, under a `/crux` prefix as Tally
 * mounts them. Tokens `ctok-1`, `ctok-2`, … live `tokenSeconds`; identifiers in `unknown` are
 * answered 404 as Crux does; `element` may answer any element otherwise.
 */
export class FakeCrux {
  readonly requests: SeenRequest[] = [];
  readonly validTokens = new Set<string>();
  readonly unknown = new Set<string>();
  loginBody: (token: string) => Record<string, unknown> = (token) => ({ auth_token: token, expires_in: 7200 });
  element?: FakeElement;
  onLogin?: FakeRoute;
  onUpdate?: FakeRoute;
  onBulk?: FakeRoute;
  onArrival?: (request: SeenRequest) => void;
  baseUrl = '';
  private issued = 0;
  private server: Server | null = null;

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
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
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

  /** The requests to one path. */
  calls(path: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private route(seen: SeenRequest): FakeReply {
    const parsed = parseJson(seen.body);
    if (seen.method !== 'POST') return { status: 405, body: { status_code: 405, message: 'Method not allowed' } };
    if (seen.path === '/timp/organizations/user-login/') return this.onLogin?.(seen, parsed) ?? this.login(parsed);
    if (seen.path === '/timp/products/skus/inventory/') return this.onUpdate?.(seen, parsed) ?? this.update(seen, parsed);
    if (seen.path === '/timp/products/skus/inventory/bulk/') return this.onBulk?.(seen, parsed) ?? this.bulk(seen, parsed);
    return { status: 404, body: { status_code: 404, message: 'Not found' } };
  }

  private login(parsed: unknown): FakeReply {
    const body = parsed as { username?: unknown; password?: unknown } | undefined;
    if (body?.username !== USERNAME || body?.password !== PASSWORD)
      return { status: 401, body: { status_code: 401, message: 'Unable to log in with provided credentials' } };
    const token = `ctok-${++this.issued}`;
    this.validTokens.add(token);
    return { status: 200, body: this.loginBody(token) };
  }

  private update(seen: SeenRequest, parsed: unknown): FakeReply {
    if (!this.authorized(seen)) return { status: 401, body: { status_code: 401, message: 'Invalid token.' } };
    const result = this.resultOf(parsed as Record<string, unknown>, 0);
    return result.status_code === 200 ? { status: 200, body: { message: 'success' } } : { status: result.status_code, body: result };
  }

  private bulk(seen: SeenRequest, parsed: unknown): FakeReply {
    if (!this.authorized(seen)) return { status: 401, body: { status_code: 401, message: 'Invalid token.' } };
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > 1000)
      return { status: 400, body: { status_code: 400, message: 'the array must hold 1 to 1000 sku updates' } };
    return { status: 200, body: parsed.map((u: Record<string, unknown>, n) => this.resultOf(u, n)) };
  }

  private resultOf(update: Record<string, unknown>, index: number): { status_code: number; message: string } {
    const override = this.element?.(update, index);
    if (override) return override;
    const [name, value] = Object.entries(update).find(([key]) => key !== 'quantity_in_stock') ?? ['?', '?'];
    if (this.unknown.has(String(value))) return { status_code: 404, message: `No sku found with sku identifier ${name} ${String(value)}` };
    return { status_code: 200, message: 'success' };
  }

  private authorized(seen: SeenRequest): boolean {
    const match = /^Token (.+)$/.exec(seen.headers.authorization ?? '');
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
export function cruxTarget(baseUrl: string, settings: Record<string, unknown> = {}, credentials = { username: USERNAME, password: PASSWORD }): OutboundTarget {
  return { channelId: 'ch-crux', baseUrl, settings, credentials };
}

/** A context with a fresh cache and a clock the test moves. */
export function cruxContext(overrides: Partial<OutboundContext> = {}): OutboundContext & { clock: { at: number } } {
  const clock = { at: Date.parse('2026-01-01T00:00:00Z') };
  return { fetch, now: () => clock.at, cache: new Map(), clock, ...overrides };
}

/** An item named by `identifier`, with `quantity` units (null: unlimited). */
export function item(identifier: string, quantity: number | null, itemId = `item-${identifier}`): OutboundItem {
  return { itemId, identifier, identifiers: [{ kind: 'sku', value: identifier, connectionId: null }], quantity, name: null };
}

/** A closed port: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/crux`;
}
