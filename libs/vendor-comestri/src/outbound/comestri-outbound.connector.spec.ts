import { closedPortUrl, RecordingHttpServer, type ScriptedRoute } from '@tally/testing';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { parseComestriAuthorization } from '../comestri-auth.parser';
import { parseInventoryRequest } from '../comestri-inventory.parser';
import { comestriOutbound } from './comestri-outbound.connector';

const TOKEN = 'cred-9.t0ken-secret';
const EMAIL = 'ops@shop.test';
const NOW = Date.parse('2026-03-01T10:20:30.456Z');
const item = (n: number, quantity: number | null = n, identifier = `SKU-${n}`): OutboundItem => ({
  itemId: `item-${n}`,
  identifier,
  identifiers: [{ kind: 'sku', value: identifier, connectionId: null }],
  quantity,
  name: null,
});
const record = { id: 2, qty: 5, available_qty: 5, style: 'dynamic', inventory_source: { id: 1, name: 'MOTUL' } };

describe('comestriOutbound', () => {
  let server: RecordingHttpServer | null = null;
  const context = (extra: Partial<OutboundContext> = {}): OutboundContext => ({ fetch, now: () => NOW, cache: new Map(), ...extra });
  const target = (settings: Record<string, unknown> = { inventorySource: 'MOTUL' }, baseUrl = server?.url ?? ''): OutboundTarget => ({
    channelId: 'ch-1',
    baseUrl: `${baseUrl}/comestri`,
    settings,
    credentials: { token: TOKEN, email: EMAIL },
  });
  const serve = async (route: ScriptedRoute): Promise<RecordingHttpServer> => (server = await RecordingHttpServer.start(route));

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('POSTs one inventory record per item with the token header, the figure as qty and available_qty', async () => {
    const srv = await serve(() => ({ status: 201, body: record }));
    const results = await comestriOutbound.send(target(), [item(1, 12), item(2, 0)], context());

    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'sent' },
      { itemId: 'item-2', outcome: 'sent' },
    ]);
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /comestri/api/v2/inventories', 'POST /comestri/api/v2/inventories']);
    expect(srv.requests[0].headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Token token=${TOKEN},email=${EMAIL}`,
    });
    expect(srv.json(0)).toEqual({
      inventory: {
        inventory_source: 'MOTUL',
        product_code: 'SKU-1',
        qty: 12,
        available_qty: 12,
        style: 'dynamic',
        source_system_stock_timestamp: '2026-03-01T10:20:30Z',
      },
    });
    expect(srv.json(1)).toMatchObject({ inventory: { product_code: 'SKU-2', qty: 0, available_qty: 0 } });
    // Tally's own inbound side accepts the request as sent.
    expect(parseInventoryRequest(srv.json(0)).ok).toBe(true);
    expect(parseComestriAuthorization(srv.requests[0].headers.authorization)).toEqual({ credentialId: 'cred-9', secret: 't0ken-secret', email: EMAIL });
  });

  it('sends an unlimited figure as style perpetual with the configured qty', async () => {
    const srv = await serve(() => ({ status: 201, body: record }));
    await comestriOutbound.send(target({ inventorySource: 'MOTUL', unlimitedQuantity: 500 }), [item(1, null)], context());
    expect(srv.json(0)).toMatchObject({ inventory: { qty: 500, available_qty: 500, style: 'perpetual' } });
  });

  it('names the product by product_id when asked, and rejects an identifier that is not one without a request', async () => {
    const srv = await serve(() => ({ status: 201, body: record }));
    const results = await comestriOutbound.send(
      target({ inventorySource: 'MOTUL', identifierField: 'product_id' }),
      [item(1, 3, '42'), item(2, 3, 'SKU-2')],
      context(),
    );

    expect(srv.requests).toHaveLength(1);
    expect(srv.json(0)).toMatchObject({ inventory: { product_id: 42, qty: 3 } });
    expect((srv.json(0) as { inventory: object }).inventory).not.toHaveProperty('product_code');
    expect(parseInventoryRequest(srv.json(0)).ok).toBe(true);
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'sent' },
      { itemId: 'item-2', outcome: 'rejected', error: '"SKU-2" is not a Comestri product_id (a positive integer)' },
    ]);
  });

  it('counts 200 (older than held) and 202 (kept, not applied) as sent, and rejects a 422 or 404 with the body quoted', async () => {
    const invalid = { status: 422, error: 'Unprocessable Entity', errors: [{ field: 'inventory[qty]', message: 'must be an Integer' }] };
    const answers = [
      { status: 200, body: record },
      { status: 202, body: record },
      { status: 422, body: invalid },
      { status: 404, body: { status: 404, message: 'unknown product' } },
    ];
    await serve((_request, index) => answers[index]);
    const results = await comestriOutbound.send(target(), [item(1), item(2), item(3), item(4)], context());

    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'sent' },
      { itemId: 'item-2', outcome: 'sent' },
      { itemId: 'item-3', outcome: 'rejected', error: `HTTP 422: ${JSON.stringify(invalid)}` },
      { itemId: 'item-4', outcome: 'rejected', error: 'HTTP 404: {"status":404,"message":"unknown product"}' },
    ]);
  });

  it('stops at a 429 with Retry-After: that item and the rest retry after it, unsent', async () => {
    const srv = await serve((_request, index) =>
      index === 0 ? { status: 201, body: record } : { status: 429, headers: { 'retry-after': '7' }, body: { status: 429 } },
    );
    const results = await comestriOutbound.send(target(), [item(1), item(2), item(3)], context());

    expect(srv.requests).toHaveLength(2);
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'sent' },
      { itemId: 'item-2', outcome: 'retry', error: 'HTTP 429: {"status":429}', retryAfterMs: 7000 },
      { itemId: 'item-3', outcome: 'retry', error: 'not sent: the channel answered HTTP 429 to an earlier request of this batch', retryAfterMs: 7000 },
    ]);
  });

  it('retries on 503 with its Retry-After, without sending the rest', async () => {
    const srv = await serve(() => ({ status: 503, headers: { 'retry-after': '1' }, body: 'busy' }));
    const results = await comestriOutbound.send(target(), [item(1), item(2)], context());
    expect(srv.requests).toHaveLength(1);
    expect(results.map((r) => [r.outcome, 'retryAfterMs' in r ? r.retryAfterMs : undefined])).toEqual([
      ['retry', 1000],
      ['retry', 1000],
    ]);
  });

  it('rejects the whole batch on 401 with one request, never echoing the token', async () => {
    const srv = await serve(() => ({ status: 401, headers: { 'www-authenticate': 'Token realm="Comestri"' }, body: { status: 401, message: 'bad token' } }));
    const results = await comestriOutbound.send(target(), [item(1), item(2)], context());

    expect(srv.requests).toHaveLength(1);
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'rejected', error: 'HTTP 401: {"status":401,"message":"bad token"}' },
      { itemId: 'item-2', outcome: 'rejected', error: 'not sent: the channel refused the token (HTTP 401)' },
    ]);
    expect(JSON.stringify(results)).not.toContain('t0ken-secret');
  });

  it('retries a 201 that is not a JSON record and goes on', async () => {
    await serve((_request, index) => (index === 0 ? { status: 201, body: 'created' } : { status: 201, body: record }));
    const results = await comestriOutbound.send(target(), [item(1), item(2)], context());
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'retry', error: 'malformed answer (HTTP 201): not an inventory record: created' },
      { itemId: 'item-2', outcome: 'sent' },
    ]);
  });

  it('retries every item when the connection is refused', async () => {
    const results = await comestriOutbound.send(target({ inventorySource: 'MOTUL' }, await closedPortUrl()), [item(1), item(2)], context());
    expect(results.map((r) => r.outcome)).toEqual(['retry', 'retry']);
    expect(results[0]).toMatchObject({ error: 'network error: ECONNREFUSED' });
  });

  it('retries every item when the send is aborted while a request hangs', async () => {
    const srv = await serve(() => 'hang');
    const controller = new AbortController();
    const sending = comestriOutbound.send(target(), [item(1), item(2)], context({ signal: controller.signal }));
    await srv.received(1);
    controller.abort();
    const results = await sending;

    expect(srv.requests).toHaveLength(1);
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'retry', error: 'request aborted (timeout or shutdown)' },
      { itemId: 'item-2', outcome: 'retry', error: expect.stringContaining('not sent') },
    ]);
  });

  it('declares its limits and schemas', () => {
    expect(comestriOutbound.maxBatch).toBe(50);
    expect(comestriOutbound.requestsPerSecond).toBeNull();
    expect(comestriOutbound.settingsSchema).toMatchObject({ required: ['inventorySource'], additionalProperties: false });
    expect(comestriOutbound.credentialsSchema).toMatchObject({ required: ['token', 'email'], additionalProperties: false });
  });
});
