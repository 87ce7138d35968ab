import { targets } from '../support/e2e-targets.state';
import {
  documentedExample,
  itemIdOf,
  itemOf,
  levelsByCode,
  ORDERS,
  PUSH_V1,
  retailopsTenant,
  sdkAnswerErrors,
  sdkExample,
  sdkPush,
  stockSnapshot,
} from './retailops.e2e-helper';

describe.each(targets())('RetailOPS inventory_push on %s', (_kind, target) => {
  it('creates a connection whose admin answer carries the endpoint URL and the token to paste', async () => {
    const ro = await retailopsTenant(target);
    expect(ro.endpoint).toBe(`${PUSH_V1}?connection=${ro.credentialId}`);
    expect(ro.token).toBe(`${ro.credentialId}.${ro.secret}`);
    const listed = await ro.admin('GET', `/api/v1/connections/${ro.connectionId}`);
    expect(listed.body).toMatchObject({ dialect: 'retailops', credentialId: ro.credentialId });
  });

  it.each([ORDERS, PUSH_V1])('applies the document example at %s: a vendor level of 5 available, and warns that 5 is not 24', async (path) => {
    const ro = await retailopsTenant(target, { clientId: 1 });
    const answer = await ro.push(path, documentedExample(ro.token));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      events: [
        {
          status: 'warning',
          error_code: 'RETAILOPS.BREAKDOWN_MISMATCH',
          error_message: expect.stringContaining('adds up to 5'),
          diagnostic_data: [],
          associations: [{ type: 'sku', identity: '53' }],
        },
      ],
    });
    const itemId = await itemIdOf(ro.admin, '53');
    const levels = await levelsByCode(ro.admin, itemId);
    expect(Object.keys(levels)).toEqual(['retailops:vendor:002_Acme Corp']);
    const vendor = levels['retailops:vendor:002_Acme Corp'];
    expect(vendor.location.kind).toBe('vendor');
    expect(vendor.figures).toMatchObject({ availableReported: 5, onHand: null, reserved: 0 });
    expect(vendor.details.attributes).toMatchObject({
      'retailops.channelAvailable': '24',
      'retailops.skuId': '21',
      'retailops.estShip': '2016-04-22T18:02:47.000Z',
    });
    const availability = await ro.admin('GET', `/api/v1/items/${itemId}/availability`);
    expect(availability.body.sellable).toBe(5);
  });

  it('answers the SDK example with the test key in test mode as a dry run: valid against the SDK targetSchema, nothing stored, and said so', async () => {
    const ro = await retailopsTenant(target, { testMode: true, clientId: 497 });
    const before = await stockSnapshot(ro.admin);
    const answer = await ro.push(ro.endpoint, sdkExample());
    expect(answer.status).toBe(200);
    expect(sdkAnswerErrors(answer.body)).toEqual([]);
    expect(answer.body.events).toEqual([
      expect.objectContaining({
        event_type: 'warning',
        code: 'RETAILOPS.BREAKDOWN_MISMATCH',
        associations: [{ identifier_type: 'sku_number', identifier: 'S12345' }],
      }),
      expect.objectContaining({ event_type: 'warning', code: 'RETAILOPS.TEST_KEY_DRY_RUN' }),
    ]);
    expect(await stockSnapshot(ro.admin)).toEqual(before);
    expect((await ro.admin('GET', '/api/v1/ledger')).body.items).toEqual([]);
    // The connection's own token applies the same push.
    expect((await ro.push(ro.endpoint, sdkExample(ro.token))).status).toBe(200);
    const levels = await levelsByCode(ro.admin, await itemIdOf(ro.admin, 'S12345'));
    expect(levels['retailops:facility:string'].location.kind).toBe('facility');
  });

  it('refuses a wrong key with 401 and the test key outside test mode, changing nothing', async () => {
    const ro = await retailopsTenant(target, { clientId: 497 });
    const before = await stockSnapshot(ro.admin);
    for (const [path, body] of [
      [ro.endpoint, sdkExample('WRONG')],
      [ro.endpoint, sdkExample()],
      [PUSH_V1, sdkExample(`${ro.credentialId}.not-the-secret`)],
      [PUSH_V1, sdkExample(ro.token.toUpperCase())],
      [PUSH_V1, { ...sdkExample(), integration_auth_token: undefined }],
    ] as const) {
      const answer = await ro.push(path, body);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(sdkAnswerErrors(answer.body)).toEqual([]);
      expect(answer.body.events[0]).toMatchObject({ event_type: 'error', code: 'RETAILOPS.UNAUTHENTICATED' });
    }
    expect(await stockSnapshot(ro.admin)).toEqual(before);
  });

  it('refuses the test key without the connection parameter even in test mode, and a token of another connection', async () => {
    const ro = await retailopsTenant(target, { testMode: true });
    const other = await retailopsTenant(target);
    expect((await ro.push(PUSH_V1, sdkExample())).status).toBe(401);
    expect((await ro.push(ro.endpoint, sdkExample(other.token))).status).toBe(401);
    expect((await ro.admin('GET', '/api/v1/ledger')).body.items).toEqual([]);
    expect((await ro.admin('GET', '/api/v1/items')).body.items).toEqual([]);
  });

  it("accepts HTTP Basic credentials when the body has no token (the document's curl -n)", async () => {
    const ro = await retailopsTenant(target);
    const basic = `Basic ${Buffer.from(`${ro.credentialId}:${ro.secret}`).toString('base64')}`;
    const answer = await ro.push(ORDERS, documentedExample(), { headers: { authorization: basic } });
    expect(answer.status).toBe(200);
    expect(await itemOf(ro.admin, '53')).toBeDefined();
    const wrong = `Basic ${Buffer.from(`${ro.credentialId}:nope`).toString('base64')}`;
    expect((await ro.push(ORDERS, documentedExample(), { headers: { authorization: wrong } })).status).toBe(401);
  });

  it('applies the good SKUs of a push and answers an error event naming the bad one', async () => {
    const ro = await retailopsTenant(target);
    const answer = await ro.push(
      PUSH_V1,
      sdkPush(ro.token, [
        { sku: 'GOOD-1', quantity_available: 7 },
        { sku: 'BAD-1', quantity_available: 'seven' },
        {
          sku: 'GOOD-2',
          quantity_available: 3,
          quantity_detail: [{ quantity_type: 'external', vendor_name: 'Acme', available_quantity: 3, total_quantity: 4 }],
        },
      ]),
    );
    expect(answer.status).toBe(200);
    expect(sdkAnswerErrors(answer.body)).toEqual([]);
    expect(answer.body.events).toEqual([
      {
        event_type: 'error',
        code: 'RETAILOPS.INVALID_FIELD',
        message: 'inventory_updates[1].quantity_available must be an integer, not a string',
        diagnostic_data: 'inventory_updates[1].quantity_available',
        associations: [{ identifier_type: 'sku_number', identifier: 'BAD-1' }],
      },
    ]);
    expect(await itemOf(ro.admin, 'BAD-1')).toBeUndefined();
    const good1 = await levelsByCode(ro.admin, await itemIdOf(ro.admin, 'GOOD-1'));
    expect(good1['retailops:channel:21'].figures).toMatchObject({ availableReported: 7, onHand: null });
    const good2 = await levelsByCode(ro.admin, await itemIdOf(ro.admin, 'GOOD-2'));
    expect(Object.keys(good2)).toEqual(['retailops:vendor:Acme']);
    expect(good2['retailops:vendor:Acme'].figures).toMatchObject({ availableReported: 3, onHand: 4 });
  });

  it('answers one error event for an unknown SKU when the connection rejects unknown items', async () => {
    const ro = await retailopsTenant(target, {}, { unknownItemPolicy: 'reject' });
    const answer = await ro.push(
      PUSH_V1,
      sdkPush(ro.token, [
        { sku: 'UNKNOWN-1', quantity_available: 2, quantity_detail: [{ quantity_type: 'external', vendor_name: 'V', available_quantity: 2 }] },
      ]),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.events).toEqual([
      expect.objectContaining({
        event_type: 'error',
        code: 'INVENTORY.UNKNOWN_ITEM',
        associations: [{ identifier_type: 'sku_number', identifier: 'UNKNOWN-1' }],
      }),
    ]);
    expect((await ro.admin('GET', '/api/v1/ledger')).body.items).toEqual([]);
  });

  it('records inflight units as incoming stock with their date and PO', async () => {
    const ro = await retailopsTenant(target);
    const answer = await ro.push(
      PUSH_V1,
      sdkPush(ro.token, [
        {
          sku: 'INFLIGHT-1',
          // The PO's units are "considered to be available" (the SDK schema): 2 + 10 adds up, no warning.
          quantity_available: 12,
          quantity_detail: [
            { quantity_type: 'internal', facility_name: 'DC1', available_quantity: 2, total_quantity: 5 },
            { quantity_type: 'inflight', po: 'PO-77', po_destination: 'DC1', available_quantity: 10, estimated_availability_date: '2026-12-01T00:00:00Z' },
          ],
        },
      ]),
    );
    expect(answer.body).toEqual({ events: [] });
    const levels = await levelsByCode(ro.admin, await itemIdOf(ro.admin, 'INFLIGHT-1'));
    expect(levels['retailops:facility:DC1'].figures).toMatchObject({ availableReported: 2, onHand: 5 });
    expect(levels['retailops:facility:DC1'].details.incoming).toEqual([{ quantity: 10, expectedAt: '2026-12-01T00:00:00.000Z', reference: 'PO-77' }]);
  });

  it('answers a retried push (no Idempotency-Key) with the same events, and the retry writes no ledger entry', async () => {
    const ro = await retailopsTenant(target);
    const body = sdkPush(ro.token, [
      { sku: 'REPLAY-1', quantity_available: 4, quantity_detail: [{ quantity_type: 'external', vendor_name: 'V', available_quantity: 3 }] },
      { sku: 'REPLAY-2', quantity_available: 1 },
      { sku: 'REPLAY-3', quantity_available: 1.5 },
    ]);
    const first = await ro.push(PUSH_V1, body);
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: { code: string }) => e.code)).toEqual(['RETAILOPS.INVALID_FIELD', 'RETAILOPS.BREAKDOWN_MISMATCH']);
    const before = await stockSnapshot(ro.admin);
    const second = await ro.push(PUSH_V1, body);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await stockSnapshot(ro.admin)).toEqual(before);
    const ledger = await ro.admin('GET', '/api/v1/ledger?limit=200');
    expect(ledger.body.items).toHaveLength(2);
  });

  it('answers an unknown action or version, or another client id, with an error event and changes nothing', async () => {
    const ro = await retailopsTenant(target, { clientId: 497 });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...sdkExample(ro.token), action: 'catalog_get_config' }, 'RETAILOPS.UNKNOWN_ACTION', 'action'],
      [{ ...sdkExample(ro.token), version: 2 }, 'RETAILOPS.UNKNOWN_VERSION', 'version'],
      [{ ...sdkExample(ro.token), client_id: 498 }, 'RETAILOPS.CLIENT_MISMATCH', 'client_id'],
    ];
    for (const [body, code, field] of cases) {
      const answer = await ro.push(PUSH_V1, body);
      expect(answer.status).toBe(200);
      expect(sdkAnswerErrors(answer.body)).toEqual([]);
      expect(answer.body.events).toEqual([expect.objectContaining({ event_type: 'error', code, diagnostic_data: field })]);
    }
    const documented = await ro.push(ORDERS, { ...documentedExample(ro.token), action: 'orders_get' });
    expect(documented.body.events).toEqual([expect.objectContaining({ status: 'error', error_code: 'RETAILOPS.UNKNOWN_ACTION' })]);
    expect((await ro.admin('GET', '/api/v1/ledger')).body.items).toEqual([]);
    expect((await ro.admin('GET', '/api/v1/items')).body.items).toEqual([]);
  });

  it('answers a body that is not JSON with 400, whatever its media type, in the event shape', async () => {
    const ro = await retailopsTenant(target);
    const malformed = await ro.push(PUSH_V1, undefined, { raw: '{"action": "inventory_push",', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(sdkAnswerErrors(malformed.body)).toEqual([]);
    expect(malformed.body.events[0]).toMatchObject({ event_type: 'error', code: 'RETAILOPS.MALFORMED', diagnostic_data: 'body' });
    const text = await ro.push(ORDERS, undefined, { raw: 'action=inventory_push', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(400);
    expect(text.body.events[0]).toMatchObject({ event_type: 'error', code: 'RETAILOPS.MALFORMED' });
  });

  it('accepts a push of 1,000 SKUs with 5 breakdown rows each (over 1 MB, under RETAILOPS_PUSH_BODY_LIMIT)', async () => {
    const ro = await retailopsTenant(target);
    const rows = (n: number) =>
      Array.from({ length: 5 }, (_, r) => ({
        quantity_type: 'internal',
        facility_name: `DC${r + 1}`,
        available_quantity: (n + r) % 7,
        total_quantity: ((n + r) % 7) + 1,
        estimated_availability_date: '2026-12-01T00:00:00Z',
        vendor_name: 'Acme Wholesale Distribution',
        po: `PO-${String(n).padStart(6, '0')}-${r}`,
        po_destination: `DC${r + 1}`,
      }));
    const updates = Array.from({ length: 1_000 }, (_, n) => ({
      sku: `BULK-${String(n).padStart(4, '0')}`,
      quantity_available: rows(n).reduce((sum, row) => sum + row.available_quantity, 0),
      quantity_detail: rows(n),
    }));
    const body = sdkPush(ro.token, updates);
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    const answer = await ro.push(PUSH_V1, body);
    expect(answer.status).toBe(200);
    expect(sdkAnswerErrors(answer.body)).toEqual([]);
    expect(answer.body.events.filter((event: { event_type: string }) => event.event_type === 'error')).toEqual([]);
    const last = await levelsByCode(ro.admin, await itemIdOf(ro.admin, 'BULK-0999'));
    expect(last['retailops:facility:DC5'].figures).toMatchObject({ availableReported: (999 + 4) % 7, onHand: ((999 + 4) % 7) + 1 });
  }, 120_000);
});
