import { closedPortUrl } from '@tally/testing';
import type { OutboundItemResult } from '@tally/vendor-kit';
import { cruxContext, cruxTarget, FakeCrux, item, PASSWORD, USERNAME } from './crux-fake.spec-helper';
import { cruxOutbound } from './crux-outbound.connector';

const LOGIN = '/timp/organizations/user-login/';
const UPDATE = '/timp/products/skus/inventory/';
const BULK = '/timp/products/skus/inventory/bulk/';
const outcomes = (results: OutboundItemResult[]) => Object.fromEntries(results.map((r) => [r.itemId, r.outcome]));

describe('cruxOutbound', () => {
  let crux: FakeCrux;
  beforeEach(async () => (crux = await new FakeCrux().start()));
  afterEach(() => crux.stop());

  it('logs in and updates one item with the single-SKU call', async () => {
    const results = await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 5)], cruxContext());
    expect(results).toEqual([{ itemId: 'item-A', outcome: 'sent' }]);
    expect(crux.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${LOGIN}`, `POST ${UPDATE}`]);
    const [login, update] = crux.requests;
    expect(login.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(login.body)).toEqual({ username: USERNAME, password: PASSWORD });
    expect(update.headers).toMatchObject({ authorization: 'Token ctok-1', 'content-type': 'application/json; charset=utf-8' });
    expect(JSON.parse(update.body)).toEqual({ sku_id: 'A', quantity_in_stock: 5 });
  });

  it('sends several items in one bulk call and reads each element’s status', async () => {
    const statuses: Record<string, [number, string]> = {
      B: [404, 'No sku found with sku identifier sku_id B'],
      C: [422, 'bad check digit'],
      D: [400, 'quantity_in_stock must be an integer'],
      E: [409, 'organization of the wrong type'],
      F: [202, 'accepted, not applied'],
      G: [429, 'slow down'],
      H: [503, 'busy'],
    };
    crux.element = (update) => {
      const found = statuses[String(update['sku_id'])];
      return found ? { status_code: found[0], message: found[1] } : undefined;
    };
    const items = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((sku, n) => item(sku, n === 7 ? null : n));
    const results = await cruxOutbound.send(cruxTarget(crux.baseUrl, { unlimitedQuantity: 250 }), items, cruxContext());

    const [bulk] = crux.calls(BULK);
    expect(bulk.headers.authorization).toBe('Token ctok-1');
    expect(JSON.parse(bulk.body)).toEqual([0, 1, 2, 3, 4, 5, 6, 250].map((q, n) => ({ sku_id: 'ABCDEFGH'[n], quantity_in_stock: q })));
    expect(outcomes(results)).toEqual({
      'item-A': 'sent',
      'item-B': 'rejected',
      'item-C': 'rejected',
      'item-D': 'rejected',
      'item-E': 'rejected',
      'item-F': 'sent',
      'item-G': 'retry',
      'item-H': 'retry',
    });
    expect(results[1]).toEqual({ itemId: 'item-B', outcome: 'rejected', error: '404: No sku found with sku identifier sku_id B' });
    expect(crux.calls(UPDATE)).toHaveLength(0);
  });

  it('declares the bulk limit of 1,000 and splits a larger send at it', async () => {
    expect(cruxOutbound.maxBatch).toBe(1000);
    const items = Array.from({ length: 1001 }, (_, n) => item(`S${n}`, n));
    const results = await cruxOutbound.send(cruxTarget(crux.baseUrl), items, cruxContext());
    expect(crux.calls(BULK).map((r) => JSON.parse(r.body).length)).toEqual([1000]);
    expect(crux.calls(UPDATE).map((r) => JSON.parse(r.body))).toEqual([{ sku_id: 'S1000', quantity_in_stock: 1000 }]);
    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(1001);
    expect(crux.calls(LOGIN)).toHaveLength(1);
  });

  it('names the item by the identifier field the settings choose, and shows 9999 for an unlimited one by default', async () => {
    await cruxOutbound.send(cruxTarget(crux.baseUrl, { identifierField: 'upca' }), [item('036000291452', null)], cruxContext());
    expect(JSON.parse(crux.calls(UPDATE)[0].body)).toEqual({ upca: '036000291452', quantity_in_stock: 9999 });
  });

  it('rejects an item the single call refuses, with Crux’s message', async () => {
    crux.unknown.add('Z');
    expect(await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('Z', 1)], cruxContext())).toEqual([
      { itemId: 'item-Z', outcome: 'rejected', error: 'HTTP 404: No sku found with sku identifier sku_id Z' },
    ]);
  });

  it('retries after the Retry-After of a 429 and retries a 503', async () => {
    crux.onBulk = () => ({ status: 429, headers: { 'retry-after': '30' }, body: { status_code: 429, message: 'Too many requests' } });
    expect(await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1), item('B', 1)], cruxContext())).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: 'HTTP 429: Too many requests', retryAfterMs: 30_000 },
      { itemId: 'item-B', outcome: 'retry', error: 'HTTP 429: Too many requests', retryAfterMs: 30_000 },
    ]);
    crux.onUpdate = () => ({ status: 503, body: { status_code: 503, message: 'busy' } });
    expect(await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], cruxContext())).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: 'HTTP 503: busy' },
    ]);
  });

  it('logs in again when the channel refuses a cached token (401), and sends once more', async () => {
    const context = cruxContext();
    await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], context);
    crux.validTokens.clear();
    crux.requests.length = 0;
    expect(await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 2), item('B', 2)], context)).toEqual([
      { itemId: 'item-A', outcome: 'sent' },
      { itemId: 'item-B', outcome: 'sent' },
    ]);
    expect(crux.requests.map((r) => `${r.path} ${r.headers.authorization ?? '-'}`)).toEqual([`${BULK} Token ctok-1`, `${LOGIN} -`, `${BULK} Token ctok-2`]);
  });

  it('does not loop when a brand-new token is refused: the items are rejected', async () => {
    crux.onUpdate = () => ({ status: 401, body: { status_code: 401, message: 'Invalid token.' } });
    expect(await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], cruxContext())).toEqual([
      { itemId: 'item-A', outcome: 'rejected', error: 'HTTP 401: Invalid token.' },
    ]);
    expect(crux.calls(LOGIN)).toHaveLength(1);
    expect(crux.calls(UPDATE)).toHaveLength(1);
  });

  it('reuses the token for most of its two hours and logs in again before it ends', async () => {
    const context = cruxContext();
    const send = () => cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], context);
    await send();
    context.clock.at += 6400_000; // 800 s left: more than a tenth (720 s)
    await send();
    expect(crux.calls(LOGIN)).toHaveLength(1);
    context.clock.at += 100_000; // 700 s left
    await send();
    expect(crux.calls(LOGIN)).toHaveLength(2);
    expect(crux.calls(UPDATE).map((r) => r.headers.authorization)).toEqual(['Token ctok-1', 'Token ctok-1', 'Token ctok-2']);
  });

  it('reads the lifetime from expires_at when the login names no expires_in, and assumes two hours when it names neither', async () => {
    const context = cruxContext();
    crux.loginBody = (token) => ({ auth_token: token, expires_at: new Date(context.clock.at + 600_000).toISOString() });
    const send = () => cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], context);
    await send();
    context.clock.at += 539_000;
    await send();
    expect(crux.calls(LOGIN)).toHaveLength(1);
    context.clock.at += 2_000; // under a minute left of ten
    await send();
    expect(crux.calls(LOGIN)).toHaveLength(2);

    crux.loginBody = (token) => ({ token });
    const other = cruxContext();
    await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], other);
    other.clock.at += 6400_000;
    await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], other);
    expect(crux.calls(LOGIN)).toHaveLength(3);
  });

  it('shares one login among concurrent sends of a channel', async () => {
    const context = cruxContext();
    await Promise.all([1, 2, 3].map((n) => cruxOutbound.send(cruxTarget(crux.baseUrl), [item(`S${n}`, n)], context)));
    expect(crux.calls(LOGIN)).toHaveLength(1);
    expect(crux.calls(UPDATE)).toHaveLength(3);
  });

  it('rejects every item when the login is refused, without saying the password', async () => {
    const results = await cruxOutbound.send(cruxTarget(crux.baseUrl, {}, { username: USERNAME, password: 'wrong-pass' }), [item('A', 1)], cruxContext());
    expect(results).toEqual([{ itemId: 'item-A', outcome: 'rejected', error: 'HTTP 401: login refused: Unable to log in with provided credentials' }]);
    expect(JSON.stringify(results)).not.toContain('wrong-pass');
  });

  it('retries with an error naming the problem when an answer is malformed', async () => {
    crux.onBulk = () => ({ status: 200, body: [{ status_code: 200, message: 'success' }] });
    const short = await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1), item('B', 1)], cruxContext());
    expect(short[0]).toEqual({ itemId: 'item-A', outcome: 'retry', error: expect.stringContaining('bulk answer is malformed (1 results for 2 updates)') });
    crux.onBulk = () => ({ status: 200, body: '<html>gateway</html>' });
    const html = await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1), item('B', 1)], cruxContext());
    expect(html[1]).toEqual({ itemId: 'item-B', outcome: 'retry', error: expect.stringContaining('not a JSON array') });
    crux.onUpdate = () => ({ status: 200, body: 'ok' });
    expect((await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], cruxContext()))[0]).toMatchObject({
      outcome: 'retry',
      error: expect.stringContaining('update answer is malformed'),
    });
    crux.onLogin = () => ({ status: 200, body: { expires_in: 7200 } });
    expect((await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1)], cruxContext()))[0]).toEqual({
      itemId: 'item-A',
      outcome: 'retry',
      error: 'login answer is malformed: no auth_token string',
    });
  });

  it('retries every item when the channel cannot be reached', async () => {
    expect(await cruxOutbound.send(cruxTarget(await closedPortUrl()), [item('A', 1)], cruxContext())).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: 'login: network error: ECONNREFUSED' },
    ]);
  });

  it('retries every item when the send is aborted while the channel is silent', async () => {
    const controller = new AbortController();
    crux.onBulk = () => 'hang';
    crux.onArrival = (r) => (r.path === BULK ? controller.abort() : undefined);
    const results = await cruxOutbound.send(cruxTarget(crux.baseUrl), [item('A', 1), item('B', 1)], cruxContext({ signal: controller.signal }));
    expect(results.map((r) => r.outcome)).toEqual(['retry', 'retry']);
    expect(results[0]).toMatchObject({ error: expect.stringContaining('aborted') });
  });

  it('describes its settings and credentials as JSON Schemas', () => {
    expect(cruxOutbound.settingsSchema).toMatchObject({ type: 'object', additionalProperties: false, properties: { identifierField: { default: 'sku_id' } } });
    expect(cruxOutbound.credentialsSchema).toMatchObject({ type: 'object', required: ['username', 'password'], additionalProperties: false });
    expect(cruxOutbound).toMatchObject({ dialect: 'crux', requestsPerSecond: null });
  });
});
