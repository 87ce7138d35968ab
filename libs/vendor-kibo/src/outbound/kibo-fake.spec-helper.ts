import { FakeVendorServer, type FakeVendorReply, type FakeVendorRequest, type FakeVendorRoute } from '@tally/testing';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';

export const CLIENT_ID = 'client-1';
export const CLIENT_SECRET = 's3cret-value';

/**
 * Kibo's token, refresh and queue calls over real HTTP, under a `/kibo` prefix as Tally mounts
 * them. Tokens `tok-1`, `tok-2`, … live `tokenSeconds`; each refresh becomes a job that answers
 * PENDING `pendingPolls` times, then `finalStatus` with `messagesFor(body)`. Routes may be
 * overridden per test.
 */
export class FakeKibo extends FakeVendorServer {
  tokenSeconds: number | undefined = 3600;
  pendingPolls = 1;
  finalStatus = 'SUCCESS';
  messagesFor: (body: { items: Record<string, unknown>[] }) => string[] = () => [];
  onToken?: FakeVendorRoute;
  onRefresh?: FakeVendorRoute;
  onQueue?: FakeVendorRoute;
  private readonly jobs = new Map<number, { polls: number; body: { items: Record<string, unknown>[] } }>();

  constructor() {
    super('/kibo', 'tok-');
  }

  /** The requests to one path (method and path as Kibo documents them). */
  calls(method: string, pathStart: string): FakeVendorRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathStart));
  }

  protected route(seen: FakeVendorRequest, parsed: unknown): FakeVendorReply {
    if (seen.method === 'POST' && seen.path === '/oauthserver/oauth2/token') return this.onToken?.(seen, parsed) ?? this.token(seen);
    if (seen.method === 'POST' && /^\/(inv\/)?api\/v5\/inventory\/refresh$/.test(seen.path))
      return this.onRefresh?.(seen, parsed) ?? this.refresh(seen, parsed);
    const queue = /^\/inv\/api\/v1\/queue\/(\d+)$/.exec(seen.path);
    if (seen.method === 'GET' && queue) return this.onQueue?.(seen, parsed) ?? this.queue(seen, Number(queue[1]));
    return { status: 404, body: { status: 404, error: 'Not Found' } };
  }

  private token(seen: FakeVendorRequest): FakeVendorReply {
    const expected = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    if (seen.headers.authorization !== expected) return { status: 401, body: { error: 'invalid_client', error_description: 'wrong client' } };
    if (new URLSearchParams(seen.body).get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const token = this.issueToken();
    return { status: 200, body: { access_token: token, token_type: 'Bearer', ...(this.tokenSeconds === undefined ? {} : { expires_in: this.tokenSeconds }) } };
  }

  private refresh(seen: FakeVendorRequest, parsed: unknown): FakeVendorReply {
    if (!this.authorized(seen, 'Bearer')) return { status: 401, body: { status: 401, error: 'Unauthorized' } };
    const body = parsed as { items?: Record<string, unknown>[]; locationName?: unknown } | undefined;
    if (!body || typeof body.locationName !== 'string' || !Array.isArray(body.items)) return { status: 400, body: { status: 400, error: 'Bad Request' } };
    if (body.items.length > 12_000) return { status: 400, body: { status: 400, error: 'Bad Request', message: 'at most 12000 items' } };
    const jobID = 100 + this.jobs.size;
    this.jobs.set(jobID, { polls: 0, body: { items: body.items } });
    return { status: 200, body: { jobID } };
  }

  private queue(seen: FakeVendorRequest, jobID: number): FakeVendorReply {
    if (!this.authorized(seen, 'Bearer')) return { status: 401, body: { status: 401, error: 'Unauthorized' } };
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
