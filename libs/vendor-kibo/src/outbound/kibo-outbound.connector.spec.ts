import { closedPortUrl } from '@tally/testing';
import type { OutboundItemResult } from '@tally/vendor-kit';
import { CLIENT_ID, CLIENT_SECRET, FakeKibo, item, kiboContext, kiboTarget } from './kibo-fake.spec-helper';
import { kiboOutbound } from './kibo-outbound.connector';

const outcomes = (results: OutboundItemResult[]) => Object.fromEntries(results.map((r) => [r.itemId, r.outcome]));
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

describe('kiboOutbound', () => {
  let kibo: FakeKibo;
  beforeEach(async () => (kibo = await new FakeKibo().start()));
  afterEach(() => kibo.stop());

  it('gets a token, refreshes the items at the location and polls the job until it ends', async () => {
    const target = kiboTarget(kibo.baseUrl, { locationCode: 'STORE-11', manufacturerID: 42 });
    const results = await kiboOutbound.send(target, [item('A', 5), item('B', null)], kiboContext());

    expect(results).toEqual([
      { itemId: 'item-A', outcome: 'sent' },
      { itemId: 'item-B', outcome: 'sent' },
    ]);
    expect(kibo.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /oauthserver/oauth2/token',
      'POST /api/v5/inventory/refresh',
      'GET /inv/api/v1/queue/100',
      'GET /inv/api/v1/queue/100',
    ]);
    const [token, refresh, poll] = kibo.requests;
    expect(token.headers).toMatchObject({ authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' });
    expect(token.body).toBe('grant_type=client_credentials');
    expect(refresh.headers).toMatchObject({ authorization: 'Bearer tok-1', 'content-type': 'application/json' });
    expect(JSON.parse(refresh.body)).toEqual({
      manufacturerID: 42,
      locationName: 'STORE-11',
      items: [
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 9999 },
      ],
    });
    expect(poll.headers.authorization).toBe('Bearer tok-1');
  });

  it('sends the identifier in the field the settings name, at the path they choose, and the configured unlimited figure', async () => {
    const target = kiboTarget(kibo.baseUrl, {
      locationCode: 'W1',
      identifierField: 'upc',
      refreshPath: '/inv/api/v5/inventory/refresh',
      unlimitedQuantity: 500,
    });
    await kiboOutbound.send(target, [item('036000291452', null), item('012345678905', 3)], kiboContext());
    const [refresh] = kibo.calls('POST', '/inv/api/v5/inventory/refresh');
    expect(JSON.parse(refresh.body)).toEqual({
      locationName: 'W1',
      items: [
        { upc: '036000291452', quantity: 500 },
        { upc: '012345678905', quantity: 3 },
      ],
    });

    await kiboOutbound.send(kiboTarget(kibo.baseUrl, { locationCode: 'W1', identifierField: 'partNumber' }), [item('PN-1', 0)], kiboContext());
    expect(JSON.parse(kibo.calls('POST', '/api/v5/inventory/refresh')[0].body).items).toEqual([{ partNumber: 'PN-1', quantity: 0 }]);
  });

  it('declares Kibo’s limit of 12,000 items per refresh and splits a larger send at it', async () => {
    expect(kiboOutbound.maxBatch).toBe(12_000);
    const items = Array.from({ length: 12_001 }, (_, n) => item(`S${n}`, n));
    const results = await kiboOutbound.send(kiboTarget(kibo.baseUrl), items, kiboContext());
    const refreshes = kibo.calls('POST', '/api/v5/inventory/refresh').map((r) => JSON.parse(r.body).items.length);
    expect(refreshes).toEqual([12_000, 1]);
    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(12_001);
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(1);
  });

  it('rejects the items the job messages name and sends the others', async () => {
    kibo.messagesFor = () => [
      'items[1] (sku B): INVENTORY.UNKNOWN_ITEM: no item with sku B',
      'items[2] (sku C): INVENTORY.OBSERVED_NOT_APPLIED: not applied, kept as this connection’s observation',
      'sku D: quantity must be at least 0',
      'items[0]: KIBO.DUPLICATE_ITEM: sku A is repeated; merged into items[0]',
    ];
    const results = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1), item('B', 2), item('C', 3), item('D', 4)], kiboContext());
    expect(outcomes(results)).toEqual({ 'item-A': 'sent', 'item-B': 'rejected', 'item-C': 'sent', 'item-D': 'rejected' });
    expect(results.find((r) => r.itemId === 'item-B')).toMatchObject({ error: expect.stringContaining('INVENTORY.UNKNOWN_ITEM') });
  });

  it('retries every item of a FAILED job that names no item, and only the unnamed ones when it names some', async () => {
    kibo.finalStatus = 'FAILED';
    kibo.messagesFor = () => ['job: JOB.FAILED: the store was unavailable'];
    const first = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1), item('B', 2)], kiboContext());
    expect(outcomes(first)).toEqual({ 'item-A': 'retry', 'item-B': 'retry' });
    expect(first[0]).toMatchObject({ error: expect.stringContaining('the store was unavailable') });

    kibo.messagesFor = () => ['items[0] (sku A): REQUEST.INVALID: items[0].quantity must be at least 0'];
    const second = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1), item('B', 2)], kiboContext());
    expect(outcomes(second)).toEqual({ 'item-A': 'rejected', 'item-B': 'retry' });
  });

  it('retries after the Retry-After of a 429, retries a 503 and rejects a 400', async () => {
    const items = [item('A', 1)];
    kibo.onRefresh = () => ({ status: 429, headers: { 'retry-after': '7' }, body: { status: 429, error: 'Too Many Requests' } });
    expect(await kiboOutbound.send(kiboTarget(kibo.baseUrl), items, kiboContext())).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('HTTP 429'), retryAfterMs: 7000 },
    ]);
    kibo.onRefresh = () => ({ status: 503, body: 'busy' });
    expect(await kiboOutbound.send(kiboTarget(kibo.baseUrl), items, kiboContext())).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: 'HTTP 503: refresh refused: busy' },
    ]);
    kibo.onRefresh = () => ({ status: 400, body: { status: 400, error: 'Bad Request', message: 'the refresh request is invalid' } });
    expect(await kiboOutbound.send(kiboTarget(kibo.baseUrl), items, kiboContext())).toEqual([
      { itemId: 'item-A', outcome: 'rejected', error: expect.stringContaining('the refresh request is invalid') },
    ]);
  });

  it('keeps polling through a transient queue answer', async () => {
    let polls = 0;
    kibo.onQueue = () => (++polls === 1 ? { status: 503, headers: { 'retry-after': '0' }, body: 'later' } : undefined);
    expect(outcomes(await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext()))).toEqual({ 'item-A': 'sent' });
    expect(kibo.calls('GET', '/inv/api/v1/queue/')).toHaveLength(3);
  });

  it('drops a cached token the channel refuses (401), gets a new one and sends again once', async () => {
    const context = kiboContext();
    await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], context);
    kibo.validTokens.clear();
    kibo.requests.length = 0;
    expect(outcomes(await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 2)], context))).toEqual({ 'item-A': 'sent' });
    expect(kibo.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization?.slice(0, 6) === 'Basic ' ? 'basic' : r.headers.authorization}`)).toEqual([
      'POST /api/v5/inventory/refresh Bearer tok-1',
      'POST /oauthserver/oauth2/token basic',
      'POST /api/v5/inventory/refresh Bearer tok-2',
      'GET /inv/api/v1/queue/101 Bearer tok-2',
      'GET /inv/api/v1/queue/101 Bearer tok-2',
    ]);
  });

  it('does not loop when a brand-new token is refused: the items are rejected', async () => {
    kibo.onRefresh = () => ({ status: 401, body: { status: 401, error: 'Unauthorized' } });
    const results = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext());
    expect(outcomes(results)).toEqual({ 'item-A': 'rejected' });
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(1);
    expect(kibo.calls('POST', '/api/v5/inventory/refresh')).toHaveLength(1);
  });

  it('reuses the token while it has more than a tenth of its life left, and renews it before it expires', async () => {
    const context = kiboContext();
    const send = () => kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], context);
    await send();
    context.clock.at += 3000_000; // 600 s left of 3600: more than 360 s
    await send();
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(1);
    context.clock.at += 300_000; // 300 s left: renew now
    await send();
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(2);
    expect(kibo.calls('POST', '/api/v5/inventory/refresh').map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('renews a short-lived token a minute before it ends, and assumes an hour when the answer names no lifetime', async () => {
    kibo.tokenSeconds = 300;
    const context = kiboContext();
    const send = () => kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], context);
    await send();
    context.clock.at += 239_000;
    await send();
    context.clock.at += 2_000;
    await send();
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(2);

    kibo.tokenSeconds = undefined;
    const other = kiboContext();
    await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], other);
    other.clock.at += 3000_000;
    await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], other);
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(3);
  });

  it('shares one token request among concurrent sends of a channel', async () => {
    const context = kiboContext();
    const all = await Promise.all([1, 2, 3].map((n) => kiboOutbound.send(kiboTarget(kibo.baseUrl), [item(`S${n}`, n)], context)));
    expect(all.flat().every((r) => r.outcome === 'sent')).toBe(true);
    expect(kibo.calls('POST', '/oauthserver')).toHaveLength(1);
  });

  it('rejects every item when the token endpoint refuses the credentials, without saying them', async () => {
    const target = { ...kiboTarget(kibo.baseUrl), credentials: { clientId: CLIENT_ID, clientSecret: 'wrong-secret' } };
    const results = await kiboOutbound.send(target, [item('A', 1), item('B', 1)], kiboContext());
    expect(outcomes(results)).toEqual({ 'item-A': 'rejected', 'item-B': 'rejected' });
    expect(results[0]).toMatchObject({ error: 'HTTP 401: token request refused: invalid_client: wrong client' });
    expect(JSON.stringify(results)).not.toContain('wrong-secret');
    expect(kibo.calls('POST', '/api/v5')).toHaveLength(0);
  });

  it('retries with an error naming the problem when an answer is malformed', async () => {
    kibo.onRefresh = () => ({ status: 200, body: 'this is not JSON' });
    const [refresh] = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext());
    expect(refresh).toEqual({ itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('refresh answer is malformed') });

    kibo.onRefresh = undefined;
    kibo.onQueue = () => ({ status: 200, body: { jobID: 100, status: 'DONE-ISH', messages: [] } });
    const [poll] = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext());
    expect(poll).toEqual({ itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('status is malformed') });

    kibo.onQueue = undefined;
    kibo.onToken = () => ({ status: 200, body: { token_type: 'Bearer' } });
    const [token] = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext());
    expect(token).toEqual({ itemId: 'item-A', outcome: 'retry', error: 'token answer is malformed: no access_token string' });
  });

  it('retries when the job does not end within jobTimeoutSeconds', async () => {
    kibo.pendingPolls = Number.MAX_SAFE_INTEGER;
    const context = kiboContext();
    const ticking = { ...context, now: () => (context.clock.at += 100) };
    const results = await kiboOutbound.send(kiboTarget(kibo.baseUrl, { locationCode: 'L', jobTimeoutSeconds: 2 }), [item('A', 1)], ticking);
    expect(results).toEqual([{ itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('did not end within 2 s (still WORKING)') }]);
    const polls = kibo.calls('GET', '/inv/api/v1/queue/').length;
    expect(polls).toBeGreaterThan(1);
    expect(polls).toBeLessThan(20);
  });

  it('retries every item when the channel cannot be reached', async () => {
    const results = await kiboOutbound.send(kiboTarget(await closedPortUrl()), [item('A', 1), item('B', 2)], kiboContext());
    expect(results).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: 'token request: network error: ECONNREFUSED' },
      { itemId: 'item-B', outcome: 'retry', error: 'token request: network error: ECONNREFUSED' },
    ]);
  });

  it('retries every item when the send is aborted while the channel is silent, or while the job runs', async () => {
    const hanging = new AbortController();
    kibo.onRefresh = () => 'hang';
    kibo.onArrival = (r) => (r.path.endsWith('/refresh') ? hanging.abort() : undefined);
    const [silent] = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext({ signal: hanging.signal }));
    expect(silent).toEqual({ itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('aborted') });

    const polling = new AbortController();
    kibo.onRefresh = undefined;
    kibo.pendingPolls = Number.MAX_SAFE_INTEGER;
    kibo.onArrival = (r) => (r.path.startsWith('/inv/api/v1/queue/') ? polling.abort() : undefined);
    const [running] = await kiboOutbound.send(kiboTarget(kibo.baseUrl), [item('A', 1)], kiboContext({ signal: polling.signal, pollMs: 10 }));
    expect(running).toEqual({ itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('aborted') });
  });

  it('describes its settings and credentials as JSON Schemas', () => {
    expect(kiboOutbound.settingsSchema).toMatchObject({ type: 'object', required: ['locationCode'], additionalProperties: false });
    expect(kiboOutbound.credentialsSchema).toMatchObject({ type: 'object', required: ['clientId', 'clientSecret'], additionalProperties: false });
    expect(kiboOutbound).toMatchObject({ dialect: 'kibo', requestsPerSecond: null });
  });
});
