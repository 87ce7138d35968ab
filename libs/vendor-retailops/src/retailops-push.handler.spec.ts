import { createHash } from 'node:crypto';
import type { CanonicalLine, ConnectionSettings } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '@tally/testing';
import { RETAILOPS_CHALLENGE, RETAILOPS_REPLAYED_HEADER, RetailopsPushHandler, type RetailopsRequest } from './retailops-push.handler';
import { documentedExample, sdkExample } from './testing/retailops-examples.fixture';

const T = 'tenant-a';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The handler on the in-memory Tally and a RetailOPS connection. */
async function setUp(settings: Partial<ConnectionSettings> = {}, linesPerTransaction?: number) {
  const tally = createInMemoryTally();
  const handler = new RetailopsPushHandler(tally.applyBatch, tally.manageConnections, tally.connections, sha256, linesPerTransaction);
  const created = await tally.manageConnections.create(T, { dialect: 'retailops', name: 'RetailOPS', settings });
  return { tally, handler, connection: created.connection, credentials: created.credentials };
}

type Detail = { quantity_type: string; facility_name?: string; vendor_name?: string; available_quantity?: unknown; total_quantity?: unknown; po?: string };

/** An SDK-shape push with a token, one update per entry. */
function sdkPush(token: string, updates: { sku: string; quantity_available: unknown; quantity_detail?: Detail[] }[], extra: Record<string, unknown> = {}) {
  return {
    integration_auth_token: token,
    action: 'inventory_push',
    version: 1,
    client_id: 497,
    channel_info: { id: 21 },
    inventory_updates: updates,
    ...extra,
  };
}

async function levelAt(tally: InMemoryTally, sku: string, code: string) {
  const item = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === code);
  const page = await tally.readInventory.listLevels(T, { itemId: item.id, includeAbsent: true }, { limit: 50, cursor: null });
  return page.items.find((l) => l.locationId === location?.id) ?? null;
}

describe('RetailopsPushHandler', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  const push = (body: unknown, extra: Partial<RetailopsRequest> = {}) => s.handler.handle({ body, authorization: undefined, connection: undefined, ...extra });
  const events = (answer: { body: unknown }) => (answer.body as { events: Record<string, unknown>[] }).events;

  describe('authentication', () => {
    it('accepts the connection’s token in the body and applies the push (200, no events)', async () => {
      const answer = await push(sdkPush(s.credentials.token, [{ sku: 'A', quantity_available: 5 }]));
      expect(answer).toEqual({ status: 200, headers: {}, body: { events: [] } });
      expect((await levelAt(s.tally, 'A', 'retailops:channel:21'))?.figures).toMatchObject({ availableReported: 5 });
      expect(s.tally.locations.locations[0]).toMatchObject({ code: 'retailops:channel:21', kind: 'inventory_source' });
      expect(s.tally.store.tables(T).ledger[0]).toMatchObject({ actor: `retailops:${s.credentials.credentialId}` });
    });

    const withUpdate = (token: unknown) => ({ ...sdkPush('', [{ sku: 'A', quantity_available: 5 }]), integration_auth_token: token });
    it.each([
      ['a wrong secret', () => ({ body: withUpdate(`${s.credentials.credentialId}.wrong`) })],
      ['no credentials at all', () => ({ body: withUpdate(undefined) })],
      ['a token that is not a string', () => ({ body: withUpdate(42) })],
      [
        'a wrong token beside valid Basic credentials',
        () => ({ body: withUpdate(`${s.credentials.credentialId}.wrong`), authorization: basicOf(s.credentials.credentialId, s.credentials.secret) }),
      ],
      ['a connection parameter naming another connection', () => ({ body: withUpdate(s.credentials.token), connection: 'con_other' })],
    ])('answers 401 with the Basic challenge for %s, and applies nothing', async (_name, make) => {
      const answer = await push(JSON.parse(JSON.stringify(make().body)), make());
      expect(answer.status).toBe(401);
      expect(answer.headers).toEqual(RETAILOPS_CHALLENGE);
      expect(events(answer)).toEqual([
        { event_type: 'error', code: 'RETAILOPS.UNAUTHENTICATED', message: expect.any(String), diagnostic_data: 'integration_auth_token', associations: [] },
      ]);
      expect(s.tally.store.tables(T).ledger).toHaveLength(0);
    });

    it('answers 401 in the documented shape’s field names for a documented push', async () => {
      const answer = await push(documentedExample(), { authorization: basicOf(s.credentials.credentialId, 'wrong') });
      expect(events(answer)).toEqual([
        {
          status: 'error',
          error_code: 'RETAILOPS.UNAUTHENTICATED',
          error_message: expect.any(String),
          diagnostic_data: ['integration_auth_token'],
          associations: [],
        },
      ]);
    });

    it('refuses a revoked connection and a connection of another dialect', async () => {
      const kibo = await s.tally.manageConnections.create(T, { dialect: 'kibo', name: 'Kibo' });
      expect((await push(sdkPush(kibo.credentials.token, []))).status).toBe(401);
      await s.tally.manageConnections.revoke(T, s.connection.id);
      expect((await push(sdkPush(s.credentials.token, []))).status).toBe(401);
    });

    it('accepts HTTP Basic credentials when the body has no token (the document’s curl -n)', async () => {
      const answer = await push(documentedExample(), { authorization: basicOf(s.credentials.credentialId, s.credentials.secret) });
      expect(answer.status).toBe(200);
      expect((await levelAt(s.tally, '53', 'retailops:vendor:002_Acme Corp'))?.figures).toMatchObject({ availableReported: 5 });
    });

    it('accepts the SDK’s test key only for a connection in test mode named by the connection parameter', async () => {
      expect((await push(sdkExample(), { connection: s.credentials.credentialId })).status).toBe(401);
      const testing = await setUp({ options: { testMode: true } });
      const ask = (connection: string | undefined) => testing.handler.handle({ body: sdkExample(), authorization: undefined, connection });
      expect((await ask(undefined)).status).toBe(401);
      const dryRun = await ask(testing.credentials.credentialId);
      expect(dryRun.status).toBe(200);
      // The key is public: the push is checked and answered, and nothing is stored.
      expect(JSON.stringify(dryRun.body)).toContain('RETAILOPS.TEST_KEY_DRY_RUN');
      await expect(levelAt(testing.tally, 'S12345', 'retailops:facility:string')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
      await testing.tally.manageConnections.revoke(T, testing.connection.id);
      expect((await ask(testing.credentials.credentialId)).status).toBe(401);
    });
  });

  describe('pushes', () => {
    it('maps the SDK breakdown to levels per place: available and on hand at facilities, the channel level removed, a mismatch warned', async () => {
      const answer = await push(
        sdkPush(s.credentials.token, [
          {
            sku: 'A',
            quantity_available: 24,
            quantity_detail: [
              { quantity_type: 'internal', facility_name: 'FA', available_quantity: 10, total_quantity: 12 },
              { quantity_type: 'external', vendor_name: 'Acme', available_quantity: 4 },
            ],
          },
        ]),
      );
      expect(answer.status).toBe(200);
      expect(events(answer)).toEqual([
        expect.objectContaining({
          event_type: 'warning',
          code: 'RETAILOPS.BREAKDOWN_MISMATCH',
          associations: [{ identifier_type: 'sku_number', identifier: 'A' }],
        }),
      ]);
      expect((await levelAt(s.tally, 'A', 'retailops:facility:FA'))?.figures).toMatchObject({ availableReported: 10, onHand: 12 });
      expect((await levelAt(s.tally, 'A', 'retailops:vendor:Acme'))?.figures).toMatchObject({ availableReported: 4 });
      expect((await levelAt(s.tally, 'A', 'retailops:facility:FA'))?.details.attributes).toMatchObject({ 'retailops.channelAvailable': '24' });
      const channel = await levelAt(s.tally, 'A', 'retailops:channel:21');
      expect(channel?.present ?? false).toBe(false);
    });

    it('treats each SKU as a snapshot: a place the next push leaves out is zeroed, a retry changes nothing', async () => {
      const at = (facility: string) =>
        sdkPush(s.credentials.token, [
          { sku: 'A', quantity_available: 6, quantity_detail: [{ quantity_type: 'internal', facility_name: facility, available_quantity: 6 }] },
        ]);
      await push(at('FA'));
      await push(at('FB'));
      expect((await levelAt(s.tally, 'A', 'retailops:facility:FA'))?.figures).toMatchObject({ availableReported: 0, onHand: 0 });
      expect((await levelAt(s.tally, 'A', 'retailops:facility:FB'))?.figures).toMatchObject({ availableReported: 6 });
      expect(s.tally.store.tables(T).ledger.some((e) => e.cause === 'snapshot_zeroed')).toBe(true);
      const ledger = s.tally.store.tables(T).ledger.length;
      expect((await push(at('FB'))).status).toBe(200);
      expect(s.tally.store.tables(T).ledger).toHaveLength(ledger);
    });

    it('answers an oversold channel with a warning, and the channel sells 0', async () => {
      const answer = await push(sdkPush(s.credentials.token, [{ sku: 'A', quantity_available: -3 }]));
      expect(events(answer)).toEqual([
        expect.objectContaining({ event_type: 'warning', code: 'RETAILOPS.OVERSOLD', diagnostic_data: 'inventory_updates[0].quantity_available' }),
      ]);
      expect((await levelAt(s.tally, 'A', 'retailops:channel:21'))?.figures.availableReported).toBe(0);
    });

    it('reports a bad SKU as an error event naming the field, and applies the others', async () => {
      const answer = await push(
        sdkPush(s.credentials.token, [
          { sku: 'A', quantity_available: '3' },
          { sku: 'B', quantity_available: 2 },
        ]),
      );
      expect(answer.status).toBe(200);
      expect(events(answer)).toEqual([
        expect.objectContaining({
          event_type: 'error',
          code: 'RETAILOPS.INVALID_FIELD',
          diagnostic_data: 'inventory_updates[0].quantity_available',
          message: expect.stringContaining('inventory_updates[0].quantity_available'),
        }),
      ]);
      await expect(s.tally.catalog.lookupItem(T, 'sku', 'A')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
      expect((await levelAt(s.tally, 'B', 'retailops:channel:21'))?.figures.availableReported).toBe(2);
    });

    it('reports unknown items as the domain’s error when the connection rejects them', async () => {
      const strict = await setUp({ unknownItemPolicy: 'reject' });
      const answer = await strict.handler.handle({
        body: sdkPush(strict.credentials.token, [{ sku: 'NEW', quantity_available: 1 }]),
        authorization: undefined,
        connection: undefined,
      });
      expect(events(answer)).toEqual([
        expect.objectContaining({ event_type: 'error', code: 'INVENTORY.UNKNOWN_ITEM', associations: [{ identifier_type: 'sku_number', identifier: 'NEW' }] }),
      ]);
      expect(strict.tally.items.items).toHaveLength(0);
    });

    it('answers 200 with a warning event where the place follows another connection, and keeps the level', async () => {
      const other = await s.tally.manageConnections.create(T, { dialect: 'kibo', name: 'store feed' });
      const source = s.tally.connections.connections.find((c) => c.id === other.connection.id) ?? null;
      const line: CanonicalLine = {
        lineNo: 1,
        item: { sku: 'A' },
        location: { code: 'retailops:channel:21' },
        write: { kind: 'set', patch: { onHand: 9 } },
        sourceTimestamp: null,
      };
      await s.tally.applyBatch.execute({
        tenantId: T,
        connection: source,
        actor: 'feed',
        reference: null,
        unknownItemPolicy: 'create',
        createLocationsAs: 'store',
        lines: [line],
      });
      const answer = await push(sdkPush(s.credentials.token, [{ sku: 'A', quantity_available: 2 }]));
      expect(answer.status).toBe(200);
      expect(events(answer)).toEqual([
        expect.objectContaining({
          event_type: 'warning',
          code: 'INVENTORY.OBSERVED_NOT_APPLIED',
          message: expect.stringContaining(other.connection.id),
          associations: [{ identifier_type: 'sku_number', identifier: 'A' }],
        }),
      ]);
      expect((await levelAt(s.tally, 'A', 'retailops:channel:21'))?.figures).toMatchObject({ onHand: 9, availableReported: null });
    });

    it('applies a push larger than one transaction in groups of whole SKUs, with the same result', async () => {
      const small = await setUp({}, 2);
      const execute = jest.spyOn(small.tally.applyBatch, 'execute');
      const updates = ['A', 'B', 'C'].map((sku, i) => ({ sku, quantity_available: i + 1 }));
      const answer = await small.handler.handle({ body: sdkPush(small.credentials.token, updates), authorization: undefined, connection: undefined });
      expect(answer).toEqual({ status: 200, headers: {}, body: { events: [] } });
      expect(execute.mock.calls.length).toBeGreaterThan(1);
      for (const [i, sku] of ['A', 'B', 'C'].entries())
        expect((await levelAt(small.tally, sku, 'retailops:channel:21'))?.figures.availableReported).toBe(i + 1);
    });
  });

  describe('envelope and limits', () => {
    it.each([
      ['a body that is not an object', ['x'], 'RETAILOPS.MALFORMED', 'body'],
      ['a version that is not an integer', { version: 'one' }, 'RETAILOPS.INVALID_FIELD', 'version'],
      ['no client_id', { client_id: undefined }, 'RETAILOPS.INVALID_FIELD', 'client_id'],
      ['inventory_updates that is not a list', { inventory_updates: {} }, 'RETAILOPS.INVALID_FIELD', 'inventory_updates'],
    ])('answers 400 for %s, naming the field, and applies nothing', async (_name, change, code, field) => {
      const body = Array.isArray(change) ? change : { ...sdkPush(s.credentials.token, [{ sku: 'A', quantity_available: 1 }]), ...change };
      const answer = await push(body);
      expect(answer.status).toBe(400);
      expect(events(answer)).toEqual([expect.objectContaining({ event_type: 'error', code, diagnostic_data: field })]);
      expect(s.tally.store.tables(T).ledger).toHaveLength(0);
    });

    it('answers 400 for a body nested deeper than 32 levels', async () => {
      let deep: unknown = 1;
      for (let i = 0; i < 40; i++) deep = { deep };
      const answer = await push({ ...sdkPush(s.credentials.token, []), extra: deep });
      expect(answer).toMatchObject({ status: 400, body: { events: [expect.objectContaining({ code: 'RETAILOPS.MALFORMED' })] } });
    });

    it('refuses more than 100,000 SKUs whole, and 200+ rows for one SKU on that SKU alone', async () => {
      const many = Array.from({ length: 100_001 }, () => ({ sku: 'A', quantity_available: 1 }));
      const over = await push(sdkPush(s.credentials.token, many));
      expect(over).toMatchObject({
        status: 400,
        body: { events: [expect.objectContaining({ diagnostic_data: 'inventory_updates', message: expect.stringContaining('at most 100000') })] },
      });
      const rows = Array.from({ length: 201 }, (_, i) => ({ quantity_type: 'internal', facility_name: `F${i}`, available_quantity: 0 }));
      const answer = await push(
        sdkPush(s.credentials.token, [
          { sku: 'A', quantity_available: 0, quantity_detail: rows },
          { sku: 'B', quantity_available: 1 },
        ]),
      );
      expect(answer.status).toBe(200);
      expect(events(answer)).toEqual([expect.objectContaining({ code: 'RETAILOPS.INVALID_FIELD', diagnostic_data: 'inventory_updates[0].quantity_detail' })]);
      expect((await levelAt(s.tally, 'B', 'retailops:channel:21'))?.figures.availableReported).toBe(1);
    });

    it('answers an unknown action or version, or another merchant’s client id, with an error event and applies nothing', async () => {
      const updates = [{ sku: 'A', quantity_available: 1 }];
      expect(events(await push(sdkPush(s.credentials.token, updates, { action: 'order_push' })))).toEqual([
        expect.objectContaining({ code: 'RETAILOPS.UNKNOWN_ACTION', diagnostic_data: 'action' }),
      ]);
      expect(events(await push(sdkPush(s.credentials.token, updates, { version: 2 })))).toEqual([
        expect.objectContaining({ code: 'RETAILOPS.UNKNOWN_VERSION' }),
      ]);
      const bound = await setUp({ options: { clientId: 1 } });
      const mismatch = await bound.handler.handle({ body: sdkPush(bound.credentials.token, updates), authorization: undefined, connection: undefined });
      expect(mismatch).toMatchObject({
        status: 200,
        body: { events: [expect.objectContaining({ code: 'RETAILOPS.CLIENT_MISMATCH', diagnostic_data: 'client_id' })] },
      });
      expect(bound.tally.store.tables(T).ledger).toHaveLength(0);
      expect(s.tally.store.tables(T).ledger).toHaveLength(0);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the stored answer for the same key and body, and refuses the key with another body (422)', async () => {
      const body = sdkPush(s.credentials.token, [{ sku: 'A', quantity_available: -1 }]);
      const first = await push(body, { idempotencyKey: 'push-1' });
      expect(first.status).toBe(200);
      const ledger = s.tally.store.tables(T).ledger.length;
      const replay = await push(body, { idempotencyKey: 'push-1' });
      expect(replay).toEqual({ status: 200, headers: { [RETAILOPS_REPLAYED_HEADER]: 'true' }, body: first.body });
      const reused = await push(sdkPush(s.credentials.token, [{ sku: 'A', quantity_available: 7 }]), { idempotencyKey: 'push-1' });
      expect(reused.status).toBe(422);
      expect(events(reused)).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY.KEY_REUSED', diagnostic_data: 'Idempotency-Key' })]);
      expect(s.tally.store.tables(T).ledger).toHaveLength(ledger);
      expect((await levelAt(s.tally, 'A', 'retailops:channel:21'))?.figures.availableReported).toBe(0);
    });

    it('stores the answer of a push that applies nothing, and refuses a key that is not 1 to 255 visible characters', async () => {
      const empty = sdkPush(s.credentials.token, []);
      expect((await push(empty, { idempotencyKey: 'k' })).status).toBe(200);
      expect((await push(empty, { idempotencyKey: 'k' })).headers).toEqual({ [RETAILOPS_REPLAYED_HEADER]: 'true' });
      const bad = await push(empty, { idempotencyKey: 'has space' });
      expect(bad).toMatchObject({
        status: 400,
        body: { events: [expect.objectContaining({ code: 'RETAILOPS.INVALID_FIELD', diagnostic_data: 'Idempotency-Key' })] },
      });
    });
  });
});

function basicOf(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}
