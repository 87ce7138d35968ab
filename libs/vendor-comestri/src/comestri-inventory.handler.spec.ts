import type { ConnectionSettings } from '@tally/inventory-application';
import { createInMemoryTally, InMemoryPlaceNumberRepository, type InMemoryTally } from '@tally/testing';
import { COMESTRI_CHALLENGE } from './comestri-auth.parser';
import { ComestriInventoryHandler, NEXT_CURSOR_HEADER, UPDATE_STATUS_HEADER, UPDATE_WARNING_HEADER } from './comestri-inventory.handler';

const T = 'tenant-a';
const EMAIL = 'ops@shop.example';

/** The handler on the in-memory Tally, and a Comestri connection's Authorization header. */
async function setUp(settings: Partial<ConnectionSettings> = {}) {
  const tally = createInMemoryTally();
  const numbers = new InMemoryPlaceNumberRepository();
  const handler = new ComestriInventoryHandler(tally.manageConnections, tally.applyBatch, tally.readInventory, tally.catalog, numbers);
  const comestri = await tally.manageConnections.create(T, { dialect: 'comestri', name: 'Comestri', settings });
  return { tally, numbers, handler, connection: comestri.connection, credentials: comestri.credentials, auth: authOf(comestri.credentials.token) };
}

const authOf = (token: string, email = EMAIL) => `Token token=${token},email=${email}`;
const inventory = (fields: Record<string, unknown>) => ({ inventory: { inventory_source: 'SRC-1', product_code: 'TEA', qty: 5, ...fields } });

async function levelOf(tally: InMemoryTally, sku: string, source: string) {
  const item = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === source);
  const page = await tally.readInventory.listLevels(T, { itemId: item.id }, { limit: 50, cursor: null });
  return page.items.find((l) => l.locationId === location?.id) ?? null;
}

describe('ComestriInventoryHandler', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));

  describe('authentication', () => {
    it.each([
      ['no header', () => undefined],
      ['a wrong secret', () => authOf(`${s.credentials.credentialId}.wrong`)],
      ['a token without its secret', () => authOf(s.credentials.credentialId)],
      ['no email', () => `Token token=${s.credentials.token}`],
      ['a Bearer header', () => `Bearer ${s.credentials.token}`],
    ])('answers 401 with the Token challenge for %s, on every route, and writes nothing', async (_name, header) => {
      for (const answer of [await s.handler.create(header(), inventory({})), await s.handler.get(header(), '1'), await s.handler.list(header(), {})]) {
        expect(answer).toMatchObject({
          status: 401,
          headers: { 'www-authenticate': COMESTRI_CHALLENGE },
          body: { status: 401, error: 'Unauthorized', code: 'AUTH.UNAUTHENTICATED', errors: [] },
        });
      }
      expect(s.tally.items.items).toHaveLength(0);
      expect(s.tally.locations.locations).toHaveLength(0);
    });

    it('refuses a revoked connection and a connection of another dialect', async () => {
      const crux = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'Crux' });
      expect((await s.handler.create(authOf(crux.credentials.token), inventory({}))).status).toBe(401);
      await s.tally.manageConnections.revoke(T, s.connection.id);
      expect((await s.handler.create(s.auth, inventory({}))).status).toBe(401);
    });

    it('takes the lenient spellings Rails clients send: any-case scheme, quoted values, semicolons', async () => {
      const header = `token token="${s.credentials.token}"; email="${EMAIL}"`;
      expect((await s.handler.create(header, inventory({}))).status).toBe(201);
    });
  });

  describe('create', () => {
    it('stores the record (201, applied) and answers it as Tally then holds it; the level reads back', async () => {
      const answer = await s.handler.create(
        s.auth,
        inventory({
          sku: 'TEA-S1',
          qty: '12',
          available_qty: 9,
          out_of_stock_threshold: 1,
          dispatch_time: 36,
          dispatch_time_unit: 'hour',
          unit_cost: '2.50',
          back_order_handling: 'back_orderable',
        }),
      );
      expect(answer.status).toBe(201);
      expect(answer.headers).toEqual({ [UPDATE_STATUS_HEADER]: 'applied' });
      const location = s.tally.locations.locations.find((l) => l.code === 'SRC-1');
      expect(location?.kind).toBe('inventory_source');
      expect(answer.body).toEqual({
        id: 1,
        qty: 12,
        available_qty: 9,
        stock_availability: null,
        out_of_stock_threshold: 1,
        dispatch_time: 36,
        dispatch_time_unit: 'hour',
        unit_cost: 2.5,
        style: 'dynamic',
        sku: 'TEA-S1',
        lead_time: null,
        lead_time_unit: 'hours',
        stock_arrival_date: null,
        back_order_handling: 'back_orderable',
        back_order_allocation: null,
        source_system_stock_timestamp: null,
        support_shipping: true,
        inventory_source: { id: location?.id, name: 'SRC-1' },
        product_id: null,
        product_code: 'TEA',
      });
      const level = await levelOf(s.tally, 'TEA', 'SRC-1');
      expect(level?.figures).toMatchObject({ onHand: 12, availableReported: 9, outOfStockThreshold: 1, backorderPolicy: 'backorder' });
      expect(level?.details).toMatchObject({ dispatchTimeDays: 2, unitCost: '2.50' });
      expect(s.tally.store.tables(T).ledger.map((e) => e.actor)).toEqual([`comestri:${EMAIL}`]);
    });

    it('answers a repeated record as unchanged, keeps what a later record leaves out, and resets what it sends as null', async () => {
      await s.handler.create(s.auth, inventory({ sku: 'TEA-S1', available_qty: 3 }));
      const again = await s.handler.create(s.auth, inventory({ sku: 'TEA-S1', available_qty: 3 }));
      expect(again).toMatchObject({ status: 201, headers: { [UPDATE_STATUS_HEADER]: 'unchanged' }, body: { id: 1 } });
      const partial = await s.handler.create(s.auth, inventory({ qty: 7 }));
      expect(partial.body).toMatchObject({ id: 1, qty: 7, available_qty: 3, sku: 'TEA-S1' });
      const cleared = await s.handler.create(s.auth, inventory({ available_qty: null }));
      expect(cleared.body).toMatchObject({ qty: 5, available_qty: null });
      expect(s.tally.store.tables(T).ledger).toHaveLength(3);
    });

    it('answers an older record 200 with the record as held, marked stale, and changes nothing', async () => {
      await s.handler.create(s.auth, inventory({ qty: 8, source_system_stock_timestamp: '2026-03-01T10:00:00+01:00' }));
      const stale = await s.handler.create(s.auth, inventory({ qty: 2, source_system_stock_timestamp: '2026-03-01T08:00:00Z' }));
      expect(stale).toMatchObject({
        status: 200,
        headers: { [UPDATE_STATUS_HEADER]: 'stale' },
        body: { qty: 8, source_system_stock_timestamp: '2026-03-01T10:00:00+01:00' },
      });
      const sameInstant = await s.handler.create(s.auth, inventory({ qty: 8, source_system_stock_timestamp: '2026-03-01T09:00:00Z' }));
      // An equal instant in another zone is not older: stored, and answered in the spelling just sent.
      expect(sameInstant).toMatchObject({
        status: 201,
        headers: { [UPDATE_STATUS_HEADER]: 'applied' },
        body: { source_system_stock_timestamp: '2026-03-01T09:00:00Z' },
      });
      expect((await levelOf(s.tally, 'TEA', 'SRC-1'))?.figures.onHand).toBe(8);
    });

    it('creates an unknown product named by product_id as this connection’s external id', async () => {
      const answer = await s.handler.create(s.auth, { inventory: { inventory_source: 'SRC-1', product_id: 42, qty: 3 } });
      expect(answer).toMatchObject({ status: 201, body: { product_id: 42, product_code: null, qty: 3 } });
      const item = await s.tally.catalog.lookupItem(T, 'externalId', '42', s.connection.id);
      const listed = await s.handler.list(s.auth, { product_id: '42' });
      expect(listed.body).toEqual([expect.objectContaining({ id: 1, product_id: 42 })]);
      expect(item.id).toBeDefined();
    });

    it('refuses invalid fields with 422 naming each as the document names it, and writes nothing', async () => {
      const answer = await s.handler.create(s.auth, {
        inventory: { inventory_source: 'SRC-1', product_code: 'TEA', product_id: 1, qty: 1.5, style: 'odd', colour: 'red' },
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ status: 422, error: 'Unprocessable Entity', code: 'REQUEST.INVALID', message: '5 invalid fields' });
      expect((answer.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(
        ['inventory[colour]', 'inventory[product_code]', 'inventory[product_id]', 'inventory[qty]', 'inventory[style]'].sort(),
      );
      expect((await s.handler.create(s.auth, { inventory: { product_code: 'TEA' } })).body).toMatchObject({
        errors: expect.arrayContaining([
          { field: 'inventory[inventory_source]', message: 'is missing' },
          { field: 'inventory[qty]', message: 'is missing' },
        ]),
      });
      expect((await s.handler.create(s.auth, 'qty=1')).body).toMatchObject({ errors: [{ field: 'body', message: 'must be a JSON object' }] });
      expect(s.tally.items.items).toHaveLength(0);
      expect(s.tally.locations.locations).toHaveLength(0);
    });

    it('answers 404 naming the field for an unknown product when the connection rejects unknown items, and creates no inventory source', async () => {
      const strict = await setUp({ unknownItemPolicy: 'reject' });
      const answer = await strict.handler.create(strict.auth, inventory({}));
      expect(answer).toMatchObject({
        status: 404,
        body: { code: 'INVENTORY.UNKNOWN_ITEM', errors: [{ field: 'inventory[product_code]', message: 'no such product' }] },
      });
      const byId = await strict.handler.create(strict.auth, { inventory: { inventory_source: 'SRC-1', product_id: 7, qty: 1 } });
      expect(byId.body).toMatchObject({ errors: [{ field: 'inventory[product_id]' }] });
      expect(strict.tally.locations.locations).toHaveLength(0);
    });

    it('refuses an inventory source the connection may not use (403), and a code of a location of another kind (422)', async () => {
      const limited = await setUp({ options: { allowedInventorySources: ['SRC-1'] } });
      const forbidden = await limited.handler.create(limited.auth, inventory({ inventory_source: 'SRC-2' }));
      expect(forbidden).toMatchObject({
        status: 403,
        body: {
          code: 'COMESTRI.INVENTORY_SOURCE_FORBIDDEN',
          errors: [{ field: 'inventory[inventory_source]', message: 'is not allowed for this connection' }],
        },
      });
      expect(limited.tally.locations.locations).toHaveLength(0);
      expect((await limited.handler.create(limited.auth, inventory({}))).status).toBe(201);
      // A restriction of the wrong shape allows nothing.
      const mistyped = await setUp({ options: { allowedInventorySources: 'SRC-1' } });
      expect((await mistyped.handler.create(mistyped.auth, inventory({}))).status).toBe(403);

      await s.tally.applyBatch.execute({
        tenantId: T,
        connection: null,
        actor: 'key',
        reference: null,
        unknownItemPolicy: 'create',
        createLocationsAs: 'warehouse',
        lines: [{ lineNo: 1, item: { sku: 'X' }, location: { code: 'WH-1' }, write: { kind: 'set', patch: { onHand: 1 } }, sourceTimestamp: null }],
      });
      const warehouse = await s.handler.create(s.auth, inventory({ inventory_source: 'WH-1' }));
      expect(warehouse).toMatchObject({
        status: 422,
        body: { errors: [{ field: 'inventory[inventory_source]', message: 'WH-1 is a location of kind warehouse, not an inventory source' }] },
      });
      await expect(s.tally.catalog.lookupItem(T, 'sku', 'TEA')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
    });

    it('answers 202 observed, with the reason, and the record as this connection reported it, where the source follows another connection', async () => {
      const first = await s.tally.manageConnections.create(T, { dialect: 'comestri', name: 'first' });
      await s.handler.create(authOf(first.credentials.token), inventory({ qty: 10 }));
      const answer = await s.handler.create(s.auth, inventory({ qty: 4, sku: 'MINE' }));
      expect(answer.status).toBe(202);
      expect(answer.headers[UPDATE_STATUS_HEADER]).toBe('observed');
      expect(answer.headers[UPDATE_WARNING_HEADER]).toMatch(new RegExp(`not applied.*${first.connection.id}`));
      expect(answer.body).toMatchObject({ id: 1, qty: 4, sku: 'MINE', product_code: 'TEA' });
      expect((await levelOf(s.tally, 'TEA', 'SRC-1'))?.figures.onHand).toBe(10);
      expect((await s.handler.get(s.auth, '1')).body).toMatchObject({ id: 1, qty: 10 });
      expect((await s.tally.discrepancies.list(T, 'open', { limit: 10, cursor: null })).items).toHaveLength(1);
    });

    it('numbers an observed product the level does not have, but get and list show levels only (404, left out)', async () => {
      const first = await s.tally.manageConnections.create(T, { dialect: 'comestri', name: 'first' });
      await s.handler.create(authOf(first.credentials.token), inventory({ qty: 10 }));
      const answer = await s.handler.create(s.auth, inventory({ product_code: 'ONLY-MINE', qty: 2 }));
      expect(answer).toMatchObject({ status: 202, headers: { [UPDATE_STATUS_HEADER]: 'observed' }, body: { id: 2, qty: 2, product_code: 'ONLY-MINE' } });
      expect((await s.handler.get(s.auth, '2')).status).toBe(404);
      expect((await s.handler.list(s.auth, { product_code: 'ONLY-MINE' })).body).toEqual([]);
      expect((await s.handler.list(s.auth, {})).body).toEqual([expect.objectContaining({ id: 1, product_code: 'TEA' })]);
    });

    it('answers an older record of an observed-only product 200 stale, with this connection’s observation', async () => {
      const first = await s.tally.manageConnections.create(T, { dialect: 'comestri', name: 'first' });
      await s.handler.create(authOf(first.credentials.token), inventory({ qty: 10 }));
      await s.handler.create(s.auth, inventory({ product_code: 'ONLY-MINE', qty: 6, source_system_stock_timestamp: '2026-03-01T10:00:00Z' }));
      const stale = await s.handler.create(s.auth, inventory({ product_code: 'ONLY-MINE', qty: 1, source_system_stock_timestamp: '2026-03-01T09:00:00Z' }));
      expect(stale).toMatchObject({ status: 200, headers: { [UPDATE_STATUS_HEADER]: 'stale' }, body: { id: 2, qty: 6, product_code: 'ONLY-MINE' } });
    });
  });

  describe('get and list', () => {
    beforeEach(async () => {
      await s.handler.create(s.auth, inventory({ product_code: 'TEA', sku: 'T-1' }));
      await s.handler.create(s.auth, inventory({ product_code: 'COFFEE', sku: 'C-1', inventory_source: 'SRC-2' }));
      await s.handler.create(s.auth, inventory({ product_code: 'MILK', sku: 'M-1' }));
    });

    it('reads a record by the id a create answered, and answers 404 for an unknown id or another tenant’s', async () => {
      expect(await s.handler.get(s.auth, '2')).toMatchObject({ status: 200, body: { id: 2, product_code: 'COFFEE', inventory_source: { name: 'SRC-2' } } });
      for (const id of ['9', '02', 'abc']) {
        expect(await s.handler.get(s.auth, id)).toMatchObject({ status: 404, body: { code: 'RESOURCE.NOT_FOUND', message: `no inventory ${id}` } });
      }
      const other = await s.tally.manageConnections.create('tenant-b', { dialect: 'comestri', name: 'B' });
      expect((await s.handler.get(authOf(other.credentials.token), '1')).status).toBe(404);
    });

    it('lists with filters and pages, the next cursor in a header', async () => {
      const firstPage = await s.handler.list(s.auth, { per_page: '2' });
      expect((firstPage.body as { id: number }[]).map((r) => r.id)).toEqual([1, 2]);
      const cursor = firstPage.headers[NEXT_CURSOR_HEADER];
      expect(cursor).toEqual(expect.any(String));
      const secondPage = await s.handler.list(s.auth, { per_page: '2', cursor });
      expect(secondPage).toMatchObject({ status: 200, headers: {}, body: [{ id: 3, product_code: 'MILK' }] });
      expect((await s.handler.list(s.auth, { inventory_source: 'SRC-1' })).body).toHaveLength(2);
      expect((await s.handler.list(s.auth, { sku: 'C-1' })).body).toEqual([expect.objectContaining({ product_code: 'COFFEE' })]);
      expect((await s.handler.list(s.auth, { product_code: 'NOPE' })).body).toEqual([]);
      expect((await s.handler.list(s.auth, { inventory_source: 'NOWHERE' })).body).toEqual([]);
    });

    it('refuses unknown or invalid query parameters with 422', async () => {
      const answer = await s.handler.list(s.auth, { page: '2', per_page: '101' });
      expect(answer.status).toBe(422);
      expect((answer.body as { errors: unknown[] }).errors).toEqual([
        { field: 'page', message: 'is not a filter of this list' },
        { field: 'per_page', message: 'must be at most 100' },
      ]);
    });

    it('shows only the inventory sources the connection may use', async () => {
      await s.tally.manageConnections.updateSettings(T, s.connection.id, { options: { allowedInventorySources: ['SRC-2'] } });
      expect((await s.handler.list(s.auth, {})).body).toEqual([expect.objectContaining({ product_code: 'COFFEE' })]);
      expect((await s.handler.list(s.auth, { inventory_source: 'SRC-1' })).status).toBe(403);
      expect((await s.handler.get(s.auth, '1')).status).toBe(404);
      expect((await s.handler.get(s.auth, '2')).status).toBe(200);
    });
  });
});
