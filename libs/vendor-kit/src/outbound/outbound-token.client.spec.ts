import { closedPortUrl, RecordingHttpServer, type RecordedRequest, type ScriptedAnswer } from '@tally/testing';
import type { OutboundContext, OutboundTarget } from './outbound-connector.model';
import { OutboundTokenClient, renewalMarginMs, type OutboundTokenSource } from './outbound-token.client';

/** A channel with a token endpoint (`POST /token`, tokens `t1`, `t2`, … living `lifetime` s) and a resource that takes valid tokens. */
class Channel {
  readonly valid = new Set<string>();
  lifetime: number | null = 3600;
  onToken?: () => ScriptedAnswer | 'hang';
  private issued = 0;
  private release: (() => void) | null = null;
  holdTokens = false;
  server!: RecordingHttpServer;

  async start(): Promise<this> {
    this.server = await RecordingHttpServer.start((request) => this.answer(request));
    return this;
  }

  tokenRequests(): RecordedRequest[] {
    return this.server.requests.filter((r) => r.url === '/token');
  }

  releaseTokens(): void {
    this.release?.();
  }

  private async answer(request: RecordedRequest): Promise<ScriptedAnswer | 'hang'> {
    if (request.url === '/token') {
      if (this.holdTokens) await new Promise<void>((resolve) => (this.release = resolve));
      const scripted = this.onToken?.();
      if (scripted) return scripted;
      const token = `t${++this.issued}`;
      this.valid.add(token);
      return { status: 200, body: { token, ...(this.lifetime === null ? {} : { lifetime: this.lifetime }) } };
    }
    return this.valid.has(request.headers.authorization ?? '') ? { status: 200, body: { ok: true } } : { status: 401, body: { error: 'bad token' } };
  }
}

const source: OutboundTokenSource = {
  dialect: 'test',
  label: 'token request',
  ownerOf: (target) => `${target.baseUrl}|${target.credentials['client'] ?? ''}`,
  request: (target) => ({ url: `${target.baseUrl}/token`, init: { method: 'POST', body: target.credentials['client'] ?? '' } }),
  refusalOf: (answer) => `refused with ${answer.text}`,
  read: (answer) => {
    const body = answer.json as { token?: unknown; lifetime?: unknown } | undefined;
    if (typeof body?.token !== 'string') return { malformed: 'token answer is malformed: no token' };
    return { token: body.token, lifetimeMs: (typeof body.lifetime === 'number' ? body.lifetime : 600) * 1000 };
  },
};

describe('OutboundTokenClient', () => {
  let channel: Channel;
  let clock: { at: number };
  let context: OutboundContext;
  const tokens = new OutboundTokenClient(source);
  const target = (client = 'c1', baseUrl = channel.server.url): OutboundTarget => ({ channelId: 'ch-1', baseUrl, settings: {}, credentials: { client } });

  beforeEach(async () => {
    channel = await new Channel().start();
    clock = { at: Date.parse('2026-01-01T00:00:00Z') };
    context = { fetch, now: () => clock.at, cache: new Map() };
  });
  afterEach(() => channel.server.close());

  it('keeps a token until its renewal margin, then asks for a new one', async () => {
    await expect(tokens.token(target(), context)).resolves.toEqual({ ok: true, token: 't1', cached: false });
    clock.at += 3600_000 - 360_001; // just over a tenth of the hour left
    await expect(tokens.token(target(), context)).resolves.toEqual({ ok: true, token: 't1', cached: true });
    clock.at += 1;
    await expect(tokens.token(target(), context)).resolves.toEqual({ ok: true, token: 't2', cached: false });
    expect(channel.tokenRequests()).toHaveLength(2);
  });

  it('renews a minute before the end, or halfway through a token of under two minutes', () => {
    expect(renewalMarginMs(3600_000)).toBe(360_000);
    expect(renewalMarginMs(300_000)).toBe(60_000);
    expect(renewalMarginMs(60_000)).toBe(30_000);
  });

  it('shares one request among concurrent callers of a channel', async () => {
    channel.holdTokens = true;
    const waiting = Promise.all([1, 2, 3].map(() => tokens.token(target(), context)));
    await channel.server.received(1);
    channel.releaseTokens();
    expect((await waiting).map((t) => t.ok && t.token)).toEqual(['t1', 't1', 't1']);
    expect(channel.tokenRequests()).toHaveLength(1);
  });

  it('asks again for another endpoint or client, and keeps nothing of a failed request', async () => {
    await tokens.token(target('c1'), context);
    await expect(tokens.token(target('c2'), context)).resolves.toMatchObject({ token: 't2', cached: false });
    expect(channel.tokenRequests().map((r) => r.body)).toEqual(['c1', 'c2']);

    channel.onToken = () => ({ status: 200, body: { nothing: true } });
    const other = { ...context, cache: new Map() };
    await expect(tokens.token(target(), other)).resolves.toEqual({ ok: false, failure: { status: null, detail: 'token answer is malformed: no token' } });
    channel.onToken = undefined;
    await expect(tokens.token(target(), other)).resolves.toMatchObject({ ok: true, token: 't3' });
  });

  it('names a refusal with the status, the source’s reading and the Retry-After, and a network error with its label', async () => {
    channel.onToken = () => ({ status: 429, headers: { 'retry-after': '9' }, body: 'later' });
    await expect(tokens.token(target(), context)).resolves.toEqual({
      ok: false,
      failure: { status: 429, detail: 'token request refused: refused with later', retryAfterMs: 9000 },
    });
    const closed = { ...target(), baseUrl: await closedPortUrl() };
    await expect(tokens.token(closed, context)).resolves.toEqual({
      ok: false,
      failure: { status: null, detail: 'token request: network error: ECONNREFUSED' },
    });
  });

  it('sends with the token; a cached token refused (401) is dropped and the request sent once more with a new one', async () => {
    const call = () => tokens.exchange(target(), context, `${channel.server.url}/resource`, (token) => ({ method: 'GET', headers: { authorization: token } }));
    await expect(call()).resolves.toMatchObject({ kind: 'answer', status: 200 });
    channel.valid.clear();
    await expect(call()).resolves.toMatchObject({ kind: 'answer', status: 200 });
    expect(channel.server.requests.map((r) => `${r.url} ${r.headers.authorization ?? ''}`)).toEqual([
      '/token ',
      '/resource t1',
      '/resource t1',
      '/token ',
      '/resource t2',
    ]);
  });

  it('answers the 401 to a new token as it is, and a failed token request as the failure', async () => {
    channel.onToken = () => ({ status: 200, body: { token: 'never-valid' } });
    const call = () => tokens.exchange(target(), context, `${channel.server.url}/resource`, (token) => ({ method: 'GET', headers: { authorization: token } }));
    await expect(call()).resolves.toMatchObject({ kind: 'answer', status: 401 });
    expect(channel.server.requests.map((r) => r.url)).toEqual(['/token', '/resource']);

    channel.onToken = () => ({ status: 401, body: 'who?' });
    await expect(tokens.exchange({ ...target(), channelId: 'ch-2' }, context, `${channel.server.url}/resource`, () => ({}))).resolves.toEqual({
      kind: 'failed',
      failure: { status: 401, detail: 'token request refused: refused with who?' },
    });
  });
});
