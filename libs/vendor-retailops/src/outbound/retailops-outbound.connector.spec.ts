import { closedPortUrl, RecordingHttpServer, type ScriptedRoute } from '@tally/testing';
import type { OutboundContext, OutboundItem, OutboundTarget } from '@tally/vendor-kit';
import { parseEnvelope } from '../retailops-envelope.parser';
import { parseSkus } from '../retailops-sku.parser';
import { RETAILOPS_OUTBOUND_MAX_BATCH, retailopsOutbound } from './retailops-outbound.connector';

const KEY = 'cred-5.integration-secret';
const item = (sku: string, quantity: number | null, n = sku): OutboundItem => ({
  itemId: `item-${n}`,
  identifier: sku,
  identifiers: [{ kind: 'sku', value: sku, connectionId: null }],
  quantity,
  name: null,
});
const ok = (events: unknown = []) => ({ status: 200, body: { events } });
const sdkError = (sku: string, code: string, message: string) => ({
  event_type: 'error',
  code,
  message,
  diagnostic_data: '',
  associations: [{ identifier_type: 'sku_number', identifier: sku }],
});

describe('retailopsOutbound', () => {
  let server: RecordingHttpServer | null = null;
  const context = (extra: Partial<OutboundContext> = {}): OutboundContext => ({ fetch, now: () => 1_000_000, cache: new Map(), ...extra });
  const target = (settings: Record<string, unknown> = { clientId: 497 }, baseUrl = server?.url ?? ''): OutboundTarget => ({
    channelId: 'ch-1',
    baseUrl: `${baseUrl}/retailops`,
    settings,
    credentials: { integrationKey: KEY },
  });
  const serve = async (route: ScriptedRoute): Promise<RecordingHttpServer> => (server = await RecordingHttpServer.start(route));

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it("POSTs one inventory_push v1 in the SDK's shape to inventory_push_v1, the key in the body", async () => {
    const srv = await serve(() => ok());
    const results = await retailopsOutbound.send(target(), [item('S1', 24), item('S2', 0)], context());

    expect(results).toEqual([
      { itemId: 'item-S1', outcome: 'sent' },
      { itemId: 'item-S2', outcome: 'sent' },
    ]);
    expect(srv.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /retailops/inventory_push_v1']);
    expect(srv.requests[0].headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(srv.requests[0].headers.authorization).toBeUndefined();
    const body = srv.json(0) as Record<string, unknown>;
    expect(body).toEqual({
      integration_auth_token: KEY,
      action: 'inventory_push',
      version: 1,
      client_id: 497,
      channel_info: {},
      inventory_updates: [
        { sku: 'S1', quantity_available: 24 },
        { sku: 'S2', quantity_available: 0 },
      ],
    });
    // Tally's inbound side reads it as a valid push of two SKUs.
    expect(parseEnvelope(body).ok).toBe(true);
    expect(parseSkus(body, 'sdk')).toMatchObject({ ok: true, value: { problems: [] } });
  });

  it('sends the channel id, a facility row with the whole figure, the configured path, and a number for unlimited', async () => {
    const srv = await serve(() => ok());
    const settings = { clientId: 7, channelId: 21, facilityName: 'Main DC', path: '/hooks/inventory_push_v1?connection=c1', unlimitedQuantity: 250 };
    await retailopsOutbound.send(target(settings), [item('S1', 3), item('S2', null)], context());

    expect(srv.requests[0].url).toBe('/retailops/hooks/inventory_push_v1?connection=c1');
    const body = srv.json(0) as Record<string, unknown>;
    expect(body).toMatchObject({ client_id: 7, channel_info: { id: 21 } });
    expect(body['inventory_updates']).toEqual([
      { sku: 'S1', quantity_available: 3, quantity_detail: [{ quantity_type: 'internal', facility_name: 'Main DC', available_quantity: 3 }] },
      { sku: 'S2', quantity_available: 250, quantity_detail: [{ quantity_type: 'internal', facility_name: 'Main DC', available_quantity: 250 }] },
    ]);
    expect(parseSkus(body, 'sdk')).toMatchObject({ ok: true, value: { problems: [] } });
  });

  it('names each SKU once with its last figure, and rejects an item without a SKU unsent', async () => {
    const srv = await serve(() => ok());
    const results = await retailopsOutbound.send(target(), [item('S1', 4, 'a'), item('S1', 6, 'b'), item(' ', 1, 'blank')], context());

    expect((srv.json(0) as { inventory_updates: unknown }).inventory_updates).toEqual([{ sku: 'S1', quantity_available: 6 }]);
    expect(results).toEqual([
      { itemId: 'item-blank', outcome: 'rejected', error: 'the item has no SKU for RetailOPS' },
      { itemId: 'item-a', outcome: 'sent' },
      { itemId: 'item-b', outcome: 'sent' },
    ]);
  });

  it('rejects the SKUs that error events name (current field names) and counts warnings as sent', async () => {
    const warning = {
      event_type: 'warning',
      code: 'RETAILOPS.OVERSOLD',
      message: 'oversold',
      associations: [{ identifier_type: 'sku_number', identifier: 'S1' }],
    };
    await serve(() =>
      ok([
        warning,
        sdkError('S2', 'INVENTORY.UNKNOWN_ITEM', 'unknown sku S2'),
        { ...sdkError('S2', 'RETAILOPS.INVALID_FIELD', 'too long'), diagnostic_data: 'inventory_updates[1].sku' },
      ]),
    );
    const results = await retailopsOutbound.send(target(), [item('S1', 1), item('S2', 2), item('S3', 3)], context());

    expect(results).toEqual([
      { itemId: 'item-S1', outcome: 'sent' },
      { itemId: 'item-S2', outcome: 'rejected', error: 'INVENTORY.UNKNOWN_ITEM: unknown sku S2; RETAILOPS.INVALID_FIELD: too long (inventory_updates[1].sku)' },
      { itemId: 'item-S3', outcome: 'sent' },
    ]);
  });

  it("reads the older draft's field names (status, error_code, error_message, associations type/identity)", async () => {
    const older = {
      status: 'error',
      error_code: 'ERR1234',
      error_message: 'Example error message',
      diagnostic_data: [],
      associations: [{ type: 'sku', identity: 'S1' }],
    };
    await serve(() => ok([older]));
    const results = await retailopsOutbound.send(target(), [item('S1', 1), item('S2', 2)], context());

    expect(results).toEqual([
      { itemId: 'item-S1', outcome: 'rejected', error: 'ERR1234: Example error message' },
      { itemId: 'item-S2', outcome: 'sent' },
    ]);
  });

  it('counts events: null as all taken, and rejects every item for an error event that names no SKU', async () => {
    await serve((_request, index) =>
      index === 0
        ? ok(null)
        : ok([{ event_type: 'error', code: 'RETAILOPS.CLIENT_MISMATCH', message: 'client_id 497 is not this connection', associations: [] }]),
    );
    expect((await retailopsOutbound.send(target(), [item('S1', 1)], context())).map((r) => r.outcome)).toEqual(['sent']);
    expect(await retailopsOutbound.send(target(), [item('S1', 1), item('S2', 2)], context())).toEqual([
      { itemId: 'item-S1', outcome: 'rejected', error: 'RETAILOPS.CLIENT_MISMATCH: client_id 497 is not this connection' },
      { itemId: 'item-S2', outcome: 'rejected', error: 'RETAILOPS.CLIENT_MISMATCH: client_id 497 is not this connection' },
    ]);
  });

  it('rejects every item on 401, with the event as the error and never the key', async () => {
    await serve(() => ({
      status: 401,
      body: {
        events: [
          { event_type: 'error', code: 'RETAILOPS.UNAUTHENTICATED', message: 'wrong token', diagnostic_data: 'integration_auth_token', associations: [] },
        ],
      },
    }));
    const results = await retailopsOutbound.send(target(), [item('S1', 1), item('S2', 2)], context());

    const error = 'HTTP 401: RETAILOPS.UNAUTHENTICATED: wrong token (integration_auth_token)';
    expect(results).toEqual([
      { itemId: 'item-S1', outcome: 'rejected', error },
      { itemId: 'item-S2', outcome: 'rejected', error },
    ]);
    expect(JSON.stringify(results)).not.toContain('integration-secret');
  });

  it('retries every item on 429 with its Retry-After, and on 503', async () => {
    await serve((_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '4' }, body: 'slow down' } : { status: 503, body: { events: null } },
    );
    expect(await retailopsOutbound.send(target(), [item('S1', 1), item('S2', 2)], context())).toEqual([
      { itemId: 'item-S1', outcome: 'retry', error: 'HTTP 429: slow down', retryAfterMs: 4000 },
      { itemId: 'item-S2', outcome: 'retry', error: 'HTTP 429: slow down', retryAfterMs: 4000 },
    ]);
    expect(await retailopsOutbound.send(target(), [item('S1', 1)], context())).toEqual([
      { itemId: 'item-S1', outcome: 'retry', error: 'HTTP 503: {"events":null}' },
    ]);
  });

  it('retries a 200 whose body is not {"events": [...]}', async () => {
    const answers = [
      { status: 200, body: 'OK' },
      { status: 200, body: { result: 'ok' } },
      { status: 200, body: { events: [1] } },
    ];
    await serve((_request, index) => answers[index]);
    for (const expected of ['OK', '{"result":"ok"}', '{"events":[1]}']) {
      expect(await retailopsOutbound.send(target(), [item('S1', 1)], context())).toEqual([
        { itemId: 'item-S1', outcome: 'retry', error: `malformed answer (HTTP 200): expected {"events": [...]}: ${expected}` },
      ]);
    }
  });

  it('retries every item when the connection is refused', async () => {
    expect(await retailopsOutbound.send(target({ clientId: 1 }, await closedPortUrl()), [item('S1', 1), item('S2', 2)], context())).toEqual([
      { itemId: 'item-S1', outcome: 'retry', error: 'network error: ECONNREFUSED' },
      { itemId: 'item-S2', outcome: 'retry', error: 'network error: ECONNREFUSED' },
    ]);
  });

  it('retries every item when the send is aborted while the push hangs', async () => {
    const srv = await serve(() => 'hang');
    const controller = new AbortController();
    const sending = retailopsOutbound.send(target(), [item('S1', 1), item('S2', 2)], context({ signal: controller.signal }));
    await srv.received(1);
    controller.abort();
    expect((await sending).map((r) => [r.outcome, 'error' in r ? r.error : null])).toEqual([
      ['retry', 'request aborted (timeout or shutdown)'],
      ['retry', 'request aborted (timeout or shutdown)'],
    ]);
  });

  it('sends at most 1,500 SKUs per push, so a push is one transaction on Tally’s side', () => {
    expect(RETAILOPS_OUTBOUND_MAX_BATCH).toBe(1500);
    expect(retailopsOutbound.requestsPerSecond).toBeNull();
    expect(retailopsOutbound.credentialsSchema).toMatchObject({ required: ['integrationKey'], additionalProperties: false });
  });
});
