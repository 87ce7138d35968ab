import { closedPortUrl, RecordingHttpServer, type ScriptedRoute } from '@tally/testing';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { parseInventoryDocument } from '../marketplacer-inventory.parser';
import { MARKETPLACER_OUTBOUND_MAX_BATCH, marketplacerOutbound } from './marketplacer-outbound.connector';
import { PACER_WINDOW_MS } from './marketplacer-request.pacer';

const KEY = 'cred-1.s3cr3t-key';
const item = (n: number, quantity: number | null = n): OutboundItem => ({
  itemId: `item-${n}`,
  identifier: String(100 + n),
  identifiers: [{ kind: 'external', value: String(100 + n), connectionId: 'owner' }],
  quantity,
  name: null,
});
const okDocument = { data: [{ id: 7, type: 'inventories', attributes: { count_on_hand: 1, infinite: false, seller_id: 7 } }] };
const jsonApi = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/vnd.api+json', ...headers },
  body: JSON.stringify(body),
});

describe('marketplacerOutbound', () => {
  let server: RecordingHttpServer | null = null;
  let clock = 1_000_000;
  const context = (extra: Partial<OutboundContext> = {}): OutboundContext => ({ fetch, now: () => clock, cache: new Map(), ...extra });
  const target = (settings: Record<string, unknown> = { sellerId: 7 }, baseUrl = server?.url ?? ''): OutboundTarget => ({
    channelId: 'ch-1',
    baseUrl: `${baseUrl}/marketplacer`,
    settings,
    credentials: { apiKey: KEY },
  });
  const serve = async (route: ScriptedRoute): Promise<RecordingHttpServer> => (server = await RecordingHttpServer.start(route));

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('PUTs one JSON:API document per variant, with the bearer key and the seller, and the infinite flag for unlimited', async () => {
    const srv = await serve(() => jsonApi(200, okDocument));
    const results = await marketplacerOutbound.send(target(), [item(1, 12), item(2, null), item(3, 0)], context());

    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'sent' },
      { itemId: 'item-2', outcome: 'sent' },
      { itemId: 'item-3', outcome: 'sent' },
    ]);
    const requests = srv.requests;
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /marketplacer/api/v2/client/variants/101/inventories',
      'PUT /marketplacer/api/v2/client/variants/102/inventories',
      'PUT /marketplacer/api/v2/client/variants/103/inventories',
    ]);
    expect(requests[0].headers).toMatchObject({
      'content-type': 'application/vnd.api+json',
      accept: 'application/vnd.api+json',
      authorization: `Bearer ${KEY}`,
    });
    expect(requests[0].headers['marketplacer-api-key']).toBeUndefined();
    expect(srv.json(0)).toEqual({ data: [{ type: 'inventories', attributes: { count_on_hand: 12, infinite: false, seller_id: 7 } }] });
    expect(srv.json(1)).toEqual({ data: [{ type: 'inventories', attributes: { infinite: true, seller_id: 7 } }] });
    expect(srv.json(2)).toEqual({ data: [{ type: 'inventories', attributes: { count_on_hand: 0, infinite: false, seller_id: 7 } }] });
    // Tally's own inbound side accepts what the connector sends.
    for (let i = 0; i < 3; i += 1) expect(parseInventoryDocument(srv.json(i)).ok).toBe(true);
  });

  it("writes a member's own record (no seller_id) and sends the key in MARKETPLACER-API-KEY when asked", async () => {
    const srv = await serve(() => jsonApi(200, okDocument));
    await marketplacerOutbound.send(target({ apiKeyHeader: true }), [item(1, 5)], context());

    expect(srv.requests[0].headers['marketplacer-api-key']).toBe(KEY);
    expect(srv.requests[0].headers.authorization).toBeUndefined();
    expect(srv.json(0)).toEqual({ data: [{ type: 'inventories', attributes: { count_on_hand: 5, infinite: false } }] });
  });

  it('answers each item by its own request, reading JSON:API errors[] into the message', async () => {
    await serve((request) => {
      if (request.url.includes('/102/')) {
        return jsonApi(404, { errors: [{ status: '404', code: 'MARKETPLACER.NOT_FOUND', title: 'Not found', detail: 'no variant 102' }] });
      }
      if (request.url.includes('/103/')) {
        const error = {
          status: '422',
          title: 'Invalid attribute',
          detail: 'seller 7 is not a seller of this multi-store',
          source: { pointer: '/data/0/attributes/seller_id' },
        };
        return jsonApi(422, { errors: [error] });
      }
      return jsonApi(200, okDocument);
    });
    const results = await marketplacerOutbound.send(target(), [item(1), item(2), item(3), item(4)], context());

    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'sent' },
      { itemId: 'item-2', outcome: 'rejected', error: 'HTTP 404: MARKETPLACER.NOT_FOUND: Not found: no variant 102' },
      {
        itemId: 'item-3',
        outcome: 'rejected',
        error: 'HTTP 422: Invalid attribute: seller 7 is not a seller of this multi-store (at /data/0/attributes/seller_id)',
      },
      { itemId: 'item-4', outcome: 'sent' },
    ]);
  });

  it('stops at a 429: that item and the rest of the batch retry after Retry-After, unsent', async () => {
    const srv = await serve((_request, index) =>
      index === 1 ? jsonApi(429, { errors: [{ status: '429', title: 'Too many requests' }] }, { 'retry-after': '3' }) : jsonApi(200, okDocument),
    );
    const results = await marketplacerOutbound.send(target(), [item(1), item(2), item(3), item(4)], context());

    expect(srv.requests).toHaveLength(2);
    expect(results[0]).toEqual({ itemId: 'item-1', outcome: 'sent' });
    expect(results[1]).toEqual({ itemId: 'item-2', outcome: 'retry', error: 'HTTP 429: Too many requests', retryAfterMs: 3000 });
    for (const result of results.slice(2)) {
      expect(result).toEqual({ itemId: result.itemId, outcome: 'retry', error: expect.stringContaining('HTTP 429'), retryAfterMs: 3000 });
    }
  });

  it('retries on 503 (with Retry-After as an HTTP date) and does not send the rest', async () => {
    const at = new Date(clock + 5000).toUTCString();
    const srv = await serve(() => ({ status: 503, headers: { 'retry-after': at }, body: 'down for maintenance' }));
    const results = await marketplacerOutbound.send(target(), [item(1), item(2)], context());

    expect(srv.requests).toHaveLength(1);
    expect(results[0]).toEqual({ itemId: 'item-1', outcome: 'retry', error: 'HTTP 503: down for maintenance', retryAfterMs: Date.parse(at) - clock });
    expect(results[1]).toMatchObject({ itemId: 'item-2', outcome: 'retry' });
  });

  it('rejects the whole batch on 401 (a wrong key stays wrong), sending one request, never echoing the key', async () => {
    const srv = await serve(() =>
      jsonApi(401, { errors: [{ status: '401', code: 'MARKETPLACER.UNAUTHENTICATED', title: 'Unauthorized', detail: 'unknown API key' }] }),
    );
    const results = await marketplacerOutbound.send(target(), [item(1), item(2), item(3)], context());

    expect(srv.requests).toHaveLength(1);
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ error: 'HTTP 401: MARKETPLACER.UNAUTHENTICATED: Unauthorized: unknown API key' });
    expect(JSON.stringify(results)).not.toContain('s3cr3t');
  });

  it('retries a malformed 200 answer and goes on with the next item', async () => {
    await serve((_request, index) =>
      index === 0 ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>ok</html>' } : jsonApi(200, okDocument),
    );
    const results = await marketplacerOutbound.send(target(), [item(1), item(2)], context());

    expect(results[0]).toEqual({ itemId: 'item-1', outcome: 'retry', error: expect.stringMatching(/^malformed answer \(HTTP 200\).*<html>ok<\/html>/) });
    expect(results[1]).toEqual({ itemId: 'item-2', outcome: 'sent' });
  });

  it('rejects a 4xx whose body is not JSON:API, quoting the body', async () => {
    await serve(() => ({ status: 400, body: 'bad request' }));
    const results = await marketplacerOutbound.send(target(), [item(1)], context());
    expect(results).toEqual([{ itemId: 'item-1', outcome: 'rejected', error: 'HTTP 400: bad request' }]);
  });

  it('retries every item when the connection is refused', async () => {
    const results = await marketplacerOutbound.send(target({ sellerId: 7 }, await closedPortUrl()), [item(1), item(2)], context());
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'retry', error: 'network error: ECONNREFUSED' },
      { itemId: 'item-2', outcome: 'retry', error: 'not sent: an earlier request of this batch failed (network error: ECONNREFUSED)' },
    ]);
  });

  it('retries every item when the send is aborted while a request hangs', async () => {
    const srv = await serve(() => 'hang');
    const controller = new AbortController();
    const sending = marketplacerOutbound.send(target(), [item(1), item(2)], context({ signal: controller.signal }));
    await srv.received(1);
    controller.abort();
    const results = await sending;

    expect(srv.requests).toHaveLength(1);
    expect(results).toEqual([
      { itemId: 'item-1', outcome: 'retry', error: 'request aborted (timeout or shutdown)' },
      { itemId: 'item-2', outcome: 'retry', error: expect.stringContaining('not sent') },
    ]);
  });

  it('encodes the variant id in the path and refuses an empty one without a request', async () => {
    const srv = await serve(() => jsonApi(200, okDocument));
    const odd = { ...item(1), identifier: 'a/b c' };
    const empty = { ...item(2), identifier: ' ' };
    const results = await marketplacerOutbound.send(target(), [odd, empty], context());

    expect(srv.requests.map((r) => r.url)).toEqual(['/marketplacer/api/v2/client/variants/a%2Fb%20c/inventories']);
    expect(results[1]).toEqual({ itemId: 'item-2', outcome: 'rejected', error: 'the item has no Marketplacer variant id' });
  });

  describe('pacing (50 requests per second per channel, kept in context.cache)', () => {
    const batch = (count: number, from = 0): OutboundItem[] => Array.from({ length: count }, (_, i) => item(from + i));

    it('sends a batch larger than one second of requests, every item once', async () => {
      const srv = await serve(() => jsonApi(200, okDocument));
      const results = await marketplacerOutbound.send(target(), batch(51), context());

      expect(MARKETPLACER_OUTBOUND_MAX_BATCH).toBeGreaterThan(50);
      expect(results.every((r) => r.outcome === 'sent')).toBe(true);
      expect(srv.requests).toHaveLength(51);
    });

    it('holds the 51st request of a window until the window moves: an abort meanwhile leaves it unsent', async () => {
      const srv = await serve(() => jsonApi(200, okDocument));
      const ctx = context();
      await marketplacerOutbound.send(target(), batch(50), ctx);
      const controller = new AbortController();
      const held = marketplacerOutbound.send(target(), batch(1, 50), { ...ctx, signal: controller.signal });
      // A second on the frozen clock is a wait of a real second: abort long before it ends.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(srv.requests).toHaveLength(50);
      controller.abort();

      expect(await held).toEqual([{ itemId: 'item-50', outcome: 'retry', error: expect.stringContaining('aborted') }]);
      expect(srv.requests).toHaveLength(50);
    });

    it('sends again at once when the clock has moved past the window, and paces channels apart', async () => {
      const srv = await serve(() => jsonApi(200, okDocument));
      const ctx = context();
      await marketplacerOutbound.send(target(), batch(50), ctx);
      const other = await marketplacerOutbound.send({ ...target(), channelId: 'ch-2' }, batch(1, 60), ctx);
      clock += PACER_WINDOW_MS;
      const later = await marketplacerOutbound.send(target(), batch(1, 70), ctx);

      expect([...other, ...later].map((r) => r.outcome)).toEqual(['sent', 'sent']);
      expect(srv.requests).toHaveLength(52);
    });
  });
});
