import type { CanonicalLine } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '@tally/testing';
import { CruxGroupRunner } from './crux-group.runner';
import { CRUX_TOKEN_TTL_SECONDS, CruxInventoryHandler } from './crux-inventory.handler';

const T = 'tenant-a';

/** Items A and B exist (written through the canonical API at a warehouse); the handler runs its groups here. */
async function setUp() {
  const tally = createInMemoryTally();
  const line = (lineNo: number, sku: string): CanonicalLine => ({
    lineNo,
    item: { sku },
    location: { code: 'WH' },
    write: { kind: 'set', patch: { onHand: 1 } },
    sourceTimestamp: null,
  });
  await tally.applyBatch.execute({
    tenantId: T,
    connection: null,
    actor: 'seed',
    reference: null,
    unknownItemPolicy: 'create',
    createLocationsAs: 'warehouse',
    lines: [line(1, 'A'), line(2, 'B')],
  });
  const crux = await tally.manageConnections.create(T, { dialect: 'crux', name: 'Crux supplier' });
  const runner = new CruxGroupRunner(tally.applyBatch, tally.tokens);
  const handler = new CruxInventoryHandler(tally.tokens, runner.run);
  const login = await handler.login({ username: crux.credentials.credentialId, password: crux.credentials.secret });
  const token = (login.body as { auth_token: string }).auth_token;
  return { tally, runner, handler, crux, login, authorization: `Token ${token}` };
}

async function figuresOf(tally: InMemoryTally, sku: string, locationCode: string) {
  const item = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === locationCode);
  const page = await tally.readInventory.listLevels(T, { itemId: item.id }, { limit: 50, cursor: null });
  return page.items.find((l) => l.locationId === location?.id)?.figures ?? null;
}

describe('CruxInventoryHandler', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));
  const location = () => `crux-${s.crux.connection.id}`;

  describe('login', () => {
    it('trades the connection’s credential id and secret for a token that lives two hours', async () => {
      expect(s.login).toMatchObject({ status: 200, headers: { 'cache-control': 'no-store' } });
      expect(s.login.body).toEqual({ auth_token: expect.any(String), expires_in: CRUX_TOKEN_TTL_SECONDS, expires_at: '2026-01-01T02:00:00.000Z' });
      s.tally.clock.advance(CRUX_TOKEN_TTL_SECONDS * 1000 + 1);
      expect((await s.handler.update(s.authorization, { sku_id: 'A', quantity_in_stock: 1 })).status).toBe(401);
    });

    it('issues tokens of the configured lifetime', async () => {
      const handler = new CruxInventoryHandler(s.tally.tokens, s.runner.run, { tokenTtlSeconds: 60 });
      const answer = await handler.login({ username: s.crux.credentials.credentialId, password: s.crux.credentials.secret });
      expect(answer.body).toMatchObject({ expires_in: 60 });
    });

    it.each([
      ['a wrong password', () => ({ username: s.crux.credentials.credentialId, password: 'wrong' })],
      ['an unknown username', () => ({ username: 'con_nobody', password: s.crux.credentials.secret })],
    ])('answers 401 CRUX.BAD_CREDENTIALS for %s', async (_name, body) => {
      const answer = await s.handler.login(body());
      expect(answer).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Token' } });
      expect(answer.body).toEqual({
        status_code: 401,
        message: 'Unable to log in with provided credentials',
        code: 'CRUX.BAD_CREDENTIALS',
        errors: [{ field: 'password', message: 'Unable to log in with provided credentials' }],
      });
    });

    it('refuses a revoked connection and a connection of another dialect', async () => {
      const kibo = await s.tally.manageConnections.create(T, { dialect: 'kibo', name: 'Kibo' });
      expect((await s.handler.login({ username: kibo.credentials.credentialId, password: kibo.credentials.secret })).status).toBe(401);
      await s.tally.manageConnections.revoke(T, s.crux.connection.id);
      expect((await s.handler.login({ username: s.crux.credentials.credentialId, password: s.crux.credentials.secret })).status).toBe(401);
      // Revoking ends the tokens already issued at once.
      expect((await s.handler.update(s.authorization, { sku_id: 'A', quantity_in_stock: 1 })).status).toBe(401);
    });

    it('refuses credentials holding a NUL or a lone surrogate as wrong ones (401), without looking them up', async () => {
      const lookups = jest.spyOn(s.tally.tokens, 'login');
      for (const body of [
        { username: `${s.crux.credentials.credentialId}\u0000`, password: s.crux.credentials.secret },
        { username: s.crux.credentials.credentialId, password: `${s.crux.credentials.secret}\uD800` },
      ]) {
        expect(await s.handler.login(body)).toMatchObject({ status: 401, body: { code: 'CRUX.BAD_CREDENTIALS' } });
      }
      expect(lookups).not.toHaveBeenCalled();
    });

    it('answers 400 naming the missing or unexpected login fields', async () => {
      expect((await s.handler.login({ username: 'x' })).body).toMatchObject({
        code: 'CRUX.MISSING_FIELD',
        errors: [{ field: 'password', message: 'password is required' }],
      });
      expect((await s.handler.login({ username: 'x', password: 'y', org: 1 })).body).toMatchObject({ code: 'CRUX.INVALID_FIELD', errors: [{ field: 'org' }] });
      expect((await s.handler.login('x')).body).toMatchObject({ code: 'CRUX.MALFORMED_BODY' });
    });
  });

  describe('update', () => {
    it('answers 401 with a Token challenge without a token, or with one it does not know, and writes nothing', async () => {
      const missing = await s.handler.update(undefined, { sku_id: 'A', quantity_in_stock: 5 });
      expect(missing).toMatchObject({
        status: 401,
        headers: { 'www-authenticate': 'Token' },
        body: { code: 'CRUX.UNAUTHENTICATED', message: expect.stringContaining('not provided') },
      });
      const wrong = await s.handler.update('Token nope', { sku_id: 'A', quantity_in_stock: 5 });
      expect(wrong).toMatchObject({ status: 401, body: { code: 'CRUX.UNAUTHENTICATED', message: expect.stringContaining('Invalid token') } });
      const bearer = await s.handler.update(s.authorization.replace('Token', 'Bearer'), { sku_id: 'A', quantity_in_stock: 5 });
      expect(bearer.status).toBe(401);
      expect(await figuresOf(s.tally, 'A', location())).toBeNull();
    });

    it('answers success and sets the fields the call names; the others keep their value', async () => {
      const answer = await s.handler.update(s.authorization.replace('Token', 'token'), {
        sku_id: 'A',
        quantity_in_stock: 12,
        quantity_on_backorder: 3,
        restrictions: 'discontd',
      });
      expect(answer).toEqual({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { message: 'success' } });
      expect(await figuresOf(s.tally, 'A', location())).toMatchObject({ onHand: 12, backorder: 3, restriction: 'discontinued' });
      expect((await s.handler.update(s.authorization, { sku_id: 'A', restrictions: '' })).status).toBe(200);
      expect(await figuresOf(s.tally, 'A', location())).toMatchObject({ onHand: 12, backorder: 3, restriction: 'none' });
      // The same update again is still success, and changes nothing.
      const ledger = s.tally.store.tables(T).ledger.length;
      expect((await s.handler.update(s.authorization, { sku_id: 'A', restrictions: null })).body).toEqual({ message: 'success' });
      expect(s.tally.store.tables(T).ledger).toHaveLength(ledger);
    });

    it('reaches the item by a barcode in any GTIN form once attached', async () => {
      expect((await s.handler.update(s.authorization, { sku_id: 'B', ean13: '0036000291452', quantity_in_stock: 2 })).status).toBe(200);
      expect((await s.handler.update(s.authorization, { gtin14: '00036000291452', quantity_in_stock: 7 })).status).toBe(200);
      expect(await figuresOf(s.tally, 'B', location())).toMatchObject({ onHand: 7 });
    });

    it.each([
      ['a quantity sent as a string', { sku_id: 'A', quantity_in_stock: '3' }, 400, 'CRUX.INVALID_FIELD', 'quantity_in_stock'],
      ['a negative quantity', { sku_id: 'A', quantity_on_backorder: -1 }, 400, 'CRUX.INVALID_FIELD', 'quantity_on_backorder'],
      ['an unknown restriction', { sku_id: 'A', restrictions: 'gone' }, 400, 'CRUX.INVALID_FIELD', 'restrictions'],
      ['no identifier', { quantity_in_stock: 3 }, 400, 'CRUX.MISSING_FIELD', 'sku_id'],
      ['no inventory field', { sku_id: 'A' }, 400, 'CRUX.MISSING_FIELD', 'quantity_in_stock'],
      ['a field that is not an inventory field', { sku_id: 'A', quantity_in_stock: 3, price: 9 }, 403, 'CRUX.FIELD_NOT_PERMITTED', 'price'],
      ['a UPC with a wrong check digit', { upca: '036000291453', quantity_in_stock: 3 }, 422, 'IDENTIFIER.BAD_CHECK_DIGIT', 'upca'],
      ['two barcodes of different products', { upca: '036000291452', ean13: '4006381333931', quantity_in_stock: 3 }, 422, 'CRUX.IDENTIFIERS_DISAGREE', 'ean13'],
      ['a body that is not an object', [{ sku_id: 'A' }], 400, 'CRUX.MALFORMED_BODY', 'body'],
    ])('refuses %s, naming the field, and changes nothing', async (_name, body, status, code, field) => {
      const answer = await s.handler.update(s.authorization, body);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ status_code: status, code, errors: [expect.objectContaining({ field })] });
      expect(s.tally.store.tables(T).ledger).toHaveLength(2);
    });

    it('answers 404 for an unknown SKU, naming the identifier tried', async () => {
      const answer = await s.handler.update(s.authorization, { sku_id: 'NOPE', quantity_in_stock: 1 });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({
        code: 'CRUX.SKU_NOT_FOUND',
        message: 'No sku found with sku identifier sku_id NOPE; valid identifiers are sku_id, upca, ean13, gtin14, isbn',
      });
      expect(s.tally.items.items).toHaveLength(2);
    });

    it('answers 202, never success, for an update kept as an observation at a place that follows another connection', async () => {
      const shared = await s.tally.manageConnections.updateSettings(T, s.crux.connection.id, { defaultLocationCode: 'SHARED' });
      const first = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'first', settings: { defaultLocationCode: 'SHARED' } });
      const firstLogin = await s.handler.login({ username: first.credentials.credentialId, password: first.credentials.secret });
      const firstAuth = `Token ${(firstLogin.body as { auth_token: string }).auth_token}`;
      expect((await s.handler.update(firstAuth, { sku_id: 'A', quantity_in_stock: 10 })).status).toBe(200);
      const answer = await s.handler.update(s.authorization, { sku_id: 'A', quantity_in_stock: 4 });
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({
        status_code: 202,
        message: expect.stringMatching(new RegExp(`^accepted, not applied, kept as this connection's observation: .*${first.connection.id}`)),
        code: 'INVENTORY.OBSERVED_NOT_APPLIED',
        errors: [],
      });
      expect(shared.settings.defaultLocationCode).toBe('SHARED');
      expect(await figuresOf(s.tally, 'A', 'SHARED')).toMatchObject({ onHand: 10 });
    });

    it('group-commits concurrent calls of one token: one batch for all, each answered on its own', async () => {
      const execute = jest.spyOn(s.tally.applyBatch, 'execute');
      const answers = await Promise.all([
        s.handler.update(s.authorization, { sku_id: 'A', quantity_in_stock: 1 }),
        s.handler.update(s.authorization, { sku_id: 'NOPE', quantity_in_stock: 2 }),
        s.handler.update(s.authorization, { sku_id: 'B', quantity_in_stock: 3 }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 404, 200]);
      expect(execute).toHaveBeenCalledTimes(1);
      expect(await figuresOf(s.tally, 'B', location())).toMatchObject({ onHand: 3 });
    });
  });

  describe('bulk', () => {
    it('answers 200 with one {status_code, message} per element, in order, and applies the good ones', async () => {
      const answer = await s.handler.bulk(s.authorization, [
        { sku_id: 'A', quantity_in_stock: 5 },
        { sku_id: 'B', quantity_in_stock: 'x' },
        { sku_id: 'NOPE', quantity_in_stock: 1 },
        { sku_id: 'B', quantity_on_backorder: 4 },
      ]);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual([
        { status_code: 200, message: 'success' },
        { status_code: 400, message: 'quantity_in_stock must be a whole number from 0 to 1000000000, got "x"' },
        { status_code: 404, message: expect.stringContaining('sku_id NOPE') },
        { status_code: 200, message: 'success' },
      ]);
      expect(await figuresOf(s.tally, 'A', location())).toMatchObject({ onHand: 5 });
      expect(await figuresOf(s.tally, 'B', location())).toMatchObject({ backorder: 4 });
    });

    it('refuses an empty array, more than 1,000 elements, or a body that is not an array, whole', async () => {
      const many = Array.from({ length: 1001 }, () => ({ sku_id: 'A', quantity_in_stock: 1 }));
      expect((await s.handler.bulk(s.authorization, [])).body).toMatchObject({ status_code: 400, code: 'CRUX.INVALID_FIELD', errors: [{ field: 'body' }] });
      expect((await s.handler.bulk(s.authorization, many)).body).toMatchObject({ code: 'CRUX.INVALID_FIELD', message: expect.stringContaining('got 1001') });
      expect((await s.handler.bulk(s.authorization, { sku_id: 'A' })).body).toMatchObject({ code: 'CRUX.MALFORMED_BODY' });
      const thousand = await s.handler.bulk(s.authorization, many.slice(1));
      expect((thousand.body as unknown[]).length).toBe(1000);
      expect(s.tally.store.tables(T).ledger).toHaveLength(3);
    });

    it('checks the token first: a bad token is 401 whatever the body', async () => {
      expect((await s.handler.bulk('Token nope', [])).status).toBe(401);
      expect((await s.handler.bulk('Token nope', [{ sku_id: 'A', quantity_in_stock: 1 }])).status).toBe(401);
      expect((await s.handler.bulk(undefined, 'junk')).body).toMatchObject({ code: 'CRUX.UNAUTHENTICATED', message: expect.stringContaining('not provided') });
    });

    it('answers an observed element 202, never success', async () => {
      await s.tally.manageConnections.updateSettings(T, s.crux.connection.id, { defaultLocationCode: 'SHARED' });
      const first = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'first', settings: { defaultLocationCode: 'SHARED' } });
      const firstLogin = await s.handler.login({ username: first.credentials.credentialId, password: first.credentials.secret });
      await s.handler.update(`Token ${(firstLogin.body as { auth_token: string }).auth_token}`, { sku_id: 'A', quantity_in_stock: 10 });
      const answer = await s.handler.bulk(s.authorization, [{ sku_id: 'A', quantity_in_stock: 4 }]);
      expect(answer.body).toEqual([{ status_code: 202, message: expect.stringMatching(/^accepted, not applied/) }]);
    });
  });
});
