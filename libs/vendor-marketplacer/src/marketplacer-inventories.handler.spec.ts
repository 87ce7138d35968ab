import { InProcessRateWindows, type CanonicalLine, type Connection } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '@tally/testing';
import { MarketplacerInventoriesHandler, type MarketplacerRequest } from './marketplacer-inventories.handler';
import { JSON_API_MEDIA_TYPE } from './marketplacer-error.model';
import { MarketplacerRateLimiter } from './marketplacer-rate.limiter';

const T = 'tenant-a';
const VARIANT = '100';
const OWNER_SELLER = 11;
const MEMBER_SELLER = 12;

/** The value, or a failed test when there is none. */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

/** A multi-store (owner seller 11, member seller 12), variant 100 registered through the canonical API, and the handler. */
async function setUp() {
  const tally = createInMemoryTally();
  const limiter = new MarketplacerRateLimiter(new InProcessRateWindows(() => tally.clock.now().getTime()));
  const handler = new MarketplacerInventoriesHandler(tally.manageConnections, tally.catalog, tally.readInventory, tally.applyBatch, limiter);
  const owner = await tally.manageConnections.create(T, { dialect: 'marketplacer', name: 'Owner store', settings: { options: { sellerId: OWNER_SELLER } } });
  const member = await tally.manageConnections.create(T, {
    dialect: 'marketplacer',
    name: 'Member store',
    settings: { options: { sellerId: String(MEMBER_SELLER), sellerName: 'Member & Co', parentConnectionId: owner.connection.id } },
  });
  await write(tally, null, 'WH', { onHand: 1 }, owner.connection.id, 'warehouse');
  return { tally, handler, owner, member, ownerKey: owner.credentials.token, memberKey: member.credentials.token };
}

/** A canonical write of the variant at a location, through a connection or the canonical API (null). */
async function write(
  tally: InMemoryTally,
  connection: Connection | null,
  location: string,
  patch: Record<string, unknown>,
  ownerId: string,
  kind: 'warehouse' | 'seller' = 'seller',
) {
  const line: CanonicalLine = {
    lineNo: 1,
    item: { external: { connectionId: ownerId, externalId: VARIANT } },
    location: { code: location },
    write: { kind: 'set', patch },
    sourceTimestamp: null,
  };
  return tally.applyBatch.execute({
    tenantId: T,
    connection,
    actor: 'seed',
    reference: null,
    unknownItemPolicy: 'create',
    createLocationsAs: kind,
    lines: [line],
  });
}

function request(key: string | null, extra: Partial<MarketplacerRequest> = {}): MarketplacerRequest {
  return {
    path: `/marketplacer/api/v2/client/variants/${VARIANT}/inventories`,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    params: { variantId: VARIANT },
    query: {},
    ...extra,
  };
}

const doc = (...data: Record<string, unknown>[]) => ({ data: data.map((attributes) => ({ type: 'inventories', attributes })) });

describe('MarketplacerInventoriesHandler', () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeEach(async () => (s = await setUp()));

  async function sellerLevel(sellerId: number) {
    const item = await s.tally.catalog.lookupItem(T, 'externalId', VARIANT, s.owner.connection.id);
    const location = s.tally.locations.locations.find((l) => l.code === `marketplacer-seller-${sellerId}`);
    const page = await s.tally.readInventory.listLevels(T, { itemId: item.id, includeAbsent: true }, { limit: 50, cursor: null });
    return page.items.find((l) => l.locationId === location?.id) ?? null;
  }

  describe('authentication', () => {
    it.each([
      ['no key', null],
      ['an unknown key', 'con_nobody.secret'],
      ['a key without a secret', 'con_nobody'],
    ])('answers 401 as a JSON:API error for %s', async (_name, key) => {
      const answer = await s.handler.putInventories(request(key, { body: doc({ seller_id: OWNER_SELLER, count_on_hand: 1 }) }));
      expect(answer).toMatchObject({ status: 401, headers: { 'content-type': JSON_API_MEDIA_TYPE, 'www-authenticate': 'Bearer realm="marketplacer"' } });
      expect(answer.body).toEqual({
        errors: [
          { status: '401', code: 'MARKETPLACER.UNAUTHENTICATED', title: 'Unauthorized', detail: expect.any(String), source: { header: 'Authorization' } },
        ],
      });
      expect(await sellerLevel(OWNER_SELLER)).toBeNull();
    });

    it('refuses a wrong secret, a revoked connection and a connection of another dialect', async () => {
      expect((await s.handler.listInventories(request(`${s.owner.credentials.credentialId}.wrong`))).status).toBe(401);
      const kibo = await s.tally.manageConnections.create(T, { dialect: 'kibo', name: 'Kibo' });
      expect((await s.handler.listInventories(request(kibo.credentials.token))).status).toBe(401);
      await s.tally.manageConnections.revoke(T, s.member.connection.id);
      expect((await s.handler.listInventories(request(s.memberKey))).status).toBe(401);
    });

    it('reads the key from MARKETPLACER-API-KEY before Authorization', async () => {
      const answer = await s.handler.listInventories(request(null, { headers: { 'marketplacer-api-key': s.ownerKey, authorization: 'Basic c2l0ZTpwYXNz' } }));
      expect(answer.status).toBe(200);
    });

    it('refuses with 403 a connection without a seller, or whose multi-store owner is not active', async () => {
      const loose = await s.tally.manageConnections.create(T, { dialect: 'marketplacer', name: 'no seller' });
      expect((await s.handler.listInventories(request(loose.credentials.token))).body).toMatchObject({
        errors: [{ status: '403', code: 'MARKETPLACER.FORBIDDEN' }],
      });
      await s.tally.manageConnections.revoke(T, s.owner.connection.id);
      expect((await s.handler.listInventories(request(s.memberKey))).status).toBe(403);
    });

    it('answers 429 with Retry-After past 50 requests in one second with one key, before checking the key', async () => {
      for (let i = 0; i < 50; i++) expect((await s.handler.listMemberships(request(s.ownerKey))).status).toBe(200);
      const limited = await s.handler.listMemberships(request(s.ownerKey));
      expect(limited).toMatchObject({ status: 429, headers: { 'retry-after': '1' }, body: { errors: [{ code: 'MARKETPLACER.RATE_LIMITED' }] } });
      expect((await s.handler.listMemberships(request(s.memberKey))).status).toBe(200);
      s.tally.clock.advance(1000);
      expect((await s.handler.listMemberships(request(s.ownerKey))).status).toBe(200);
    });
  });

  describe('PUT inventories', () => {
    it('applies the owner’s records for any seller of its multi-store and answers all the variant’s records; levels read back', async () => {
      const answer = await s.handler.putInventories(
        request(s.ownerKey, { body: doc({ seller_id: OWNER_SELLER, count_on_hand: '7', price: '12.50' }, { seller_id: MEMBER_SELLER, infinite: true }) }),
      );
      expect(answer).toMatchObject({ status: 200, headers: { 'content-type': JSON_API_MEDIA_TYPE } });
      expect(answer.body).toEqual({
        data: [
          {
            id: OWNER_SELLER,
            type: 'inventories',
            attributes: { count_on_hand: 7, price: '12.50', sale_price: null, infinite: false, seller_id: OWNER_SELLER },
          },
          { id: MEMBER_SELLER, type: 'inventories', attributes: { infinite: true, seller_id: MEMBER_SELLER } },
        ],
      });
      expect((await sellerLevel(OWNER_SELLER))?.figures.onHand).toBe(7);
      expect((await sellerLevel(MEMBER_SELLER))?.figures.infinite).toBe(true);
      expect(s.tally.locations.locations.find((l) => l.code === 'marketplacer-seller-11')?.kind).toBe('seller');
      const entries = s.tally.store.tables(T).ledger.slice(1);
      expect(entries.map((e) => [e.actor, e.reference, e.connectionId])).toEqual([
        [`marketplacer:${s.owner.connection.id}`, 'marketplacer:variant:100', s.owner.connection.id],
        [`marketplacer:${s.owner.connection.id}`, 'marketplacer:variant:100', s.owner.connection.id],
      ]);
    });

    it('lets a member write its own record (from the last element) as the owner’s source, and no other', async () => {
      const own = await s.handler.putInventories(
        request(s.memberKey, { body: { data: [{ attributes: { count_on_hand: 1 } }, { attributes: { count_on_hand: 3 } }] } }),
      );
      expect(own.status).toBe(200);
      expect((await sellerLevel(MEMBER_SELLER))?.figures.onHand).toBe(3);
      expect(s.tally.store.tables(T).ledger.at(-1)).toMatchObject({ actor: `marketplacer:${s.member.connection.id}`, connectionId: s.owner.connection.id });
      const other = await s.handler.putInventories(request(s.memberKey, { body: doc({ seller_id: OWNER_SELLER, count_on_hand: 9 }) }));
      expect(other).toMatchObject({ status: 403, body: { errors: [{ code: 'MARKETPLACER.FORBIDDEN', source: { pointer: '/data/0/attributes/seller_id' } }] } });
      expect(await sellerLevel(OWNER_SELLER)).toBeNull();
    });

    it('refuses the owner’s document whole with 422 for a missing or foreign seller, naming each element', async () => {
      const answer = await s.handler.putInventories(
        request(s.ownerKey, { body: doc({ seller_id: OWNER_SELLER, count_on_hand: 2 }, { count_on_hand: 1 }, { seller_id: 99, count_on_hand: 1 }) }),
      );
      expect(answer.status).toBe(422);
      expect((answer.body as { errors: { code: string; source: unknown }[] }).errors).toEqual([
        expect.objectContaining({ code: 'MARKETPLACER.INVALID_DOCUMENT', source: { pointer: '/data/1/attributes/seller_id' } }),
        expect.objectContaining({
          code: 'MARKETPLACER.INVALID_DOCUMENT',
          source: { pointer: '/data/2/attributes/seller_id' },
          detail: 'seller 99 is not a member of this multi-store',
        }),
      ]);
      expect(await sellerLevel(OWNER_SELLER)).toBeNull();
    });

    it.each([
      ['a negative count', { seller_id: OWNER_SELLER, count_on_hand: -1 }, '/data/0/attributes/count_on_hand'],
      ['a fractional count', { seller_id: OWNER_SELLER, count_on_hand: 1.5 }, '/data/0/attributes/count_on_hand'],
      ['a price with a currency symbol', { seller_id: OWNER_SELLER, price: '$5' }, '/data/0/attributes/price'],
      ['a non-boolean infinite', { seller_id: OWNER_SELLER, infinite: 'yes' }, '/data/0/attributes/infinite'],
      ['an unknown attribute', { seller_id: OWNER_SELLER, count_on_hand: 1, colour: 'red' }, '/data/0/attributes/colour'],
    ])('refuses %s with 422 pointing at it, and writes nothing', async (_name, attributes, pointer) => {
      const answer = await s.handler.putInventories(request(s.ownerKey, { body: doc(attributes) }));
      expect(answer.status).toBe(422);
      expect((answer.body as { errors: { source: unknown }[] }).errors).toContainEqual(
        expect.objectContaining({ status: '422', code: 'MARKETPLACER.INVALID_DOCUMENT', source: { pointer } }),
      );
      expect(await sellerLevel(OWNER_SELLER)).toBeNull();
    });

    it('refuses more than 100 elements, and accepts 100', async () => {
      const many = (n: number) => ({ data: Array.from({ length: n }, () => ({ attributes: { seller_id: OWNER_SELLER, count_on_hand: 4 } })) });
      const over = await s.handler.putInventories(request(s.ownerKey, { body: many(101) }));
      expect(over).toMatchObject({ status: 422, body: { errors: [{ source: { pointer: '/data' } }] } });
      expect((await s.handler.putInventories(request(s.ownerKey, { body: many(100) }))).status).toBe(200);
      expect((await sellerLevel(OWNER_SELLER))?.figures.onHand).toBe(4);
    });

    it('answers 404 for an unknown or non-numeric variant, and never creates an item', async () => {
      for (const variantId of ['999', 'abc', '0']) {
        const answer = await s.handler.putInventories(request(s.ownerKey, { params: { variantId }, body: doc({ seller_id: OWNER_SELLER, count_on_hand: 1 }) }));
        expect(answer).toMatchObject({ status: 404, body: { errors: [{ code: 'MARKETPLACER.NOT_FOUND' }] } });
      }
      expect(s.tally.items.items).toHaveLength(1);
    });

    it('answers 202 with the records as they are and meta.not_applied where the seller location follows another connection', async () => {
      const other = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'feed' });
      const feed = present(s.tally.connections.connections.find((c) => c.id === other.connection.id));
      await write(s.tally, feed, 'marketplacer-seller-11', { onHand: 20 }, s.owner.connection.id);
      const answer = await s.handler.putInventories(
        request(s.ownerKey, { body: doc({ seller_id: OWNER_SELLER, count_on_hand: 5 }, { seller_id: MEMBER_SELLER, count_on_hand: 6 }) }),
      );
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({
        data: [
          expect.objectContaining({ id: OWNER_SELLER, attributes: expect.objectContaining({ count_on_hand: 20 }) }),
          expect.objectContaining({ id: MEMBER_SELLER, attributes: expect.objectContaining({ count_on_hand: 6 }) }),
        ],
        meta: { not_applied: [{ pointer: '/data/0', code: 'INVENTORY.OBSERVED_NOT_APPLIED', detail: expect.stringContaining(other.connection.id) }] },
      });
      expect((await s.tally.discrepancies.list(T, 'open', { limit: 10, cursor: null })).items).toHaveLength(1);
      // A DELETE there is kept as the owner's observation too: 202 with meta.not_applied, and the record stays.
      const removal = await s.handler.deleteInventory(request(s.ownerKey, { params: { variantId: VARIANT, inventoryId: String(OWNER_SELLER) } }));
      expect(removal).toMatchObject({ status: 202, body: { meta: { not_applied: [{ pointer: '/data/0', code: 'INVENTORY.OBSERVED_NOT_APPLIED' }] } } });
      expect((await sellerLevel(OWNER_SELLER))?.figures.onHand).toBe(20);
    });
  });

  describe('GET inventories and memberships', () => {
    it('pages the variant’s records by seller id, with links.next only when another page follows', async () => {
      await s.handler.putInventories(
        request(s.ownerKey, { body: doc({ seller_id: MEMBER_SELLER, count_on_hand: 2 }, { seller_id: OWNER_SELLER, count_on_hand: 1 }) }),
      );
      const first = await s.handler.listInventories(request(s.memberKey, { query: { 'page[size]': '1' } }));
      expect(first.body).toEqual({
        data: [expect.objectContaining({ id: OWNER_SELLER })],
        links: { next: `/marketplacer/api/v2/client/variants/${VARIANT}/inventories?page[number]=2&page[size]=1` },
      });
      const second = await s.handler.listInventories(request(s.memberKey, { query: { page: { number: '2', size: '1' } } }));
      expect(second.body).toEqual({ data: [expect.objectContaining({ id: MEMBER_SELLER })] });
      const bad = await s.handler.listInventories(request(s.memberKey, { query: { 'page[size]': '101', sort: 'id' } }));
      expect(bad).toMatchObject({
        status: 400,
        body: { errors: [{ code: 'MARKETPLACER.INVALID_PARAMETER', source: { parameter: 'sort' } }, { source: { parameter: 'page[size]' } }] },
      });
    });

    it('lists the multi-store’s sellers, owner first', async () => {
      const answer = await s.handler.listMemberships(request(s.memberKey, { path: '/marketplacer/api/v2/client/multi_store_memberships' }));
      expect(answer.body).toEqual({
        data: [
          { id: OWNER_SELLER, type: 'multi_store_memberships', attributes: { seller_id: OWNER_SELLER, seller_name: 'Owner store' } },
          { id: MEMBER_SELLER, type: 'multi_store_memberships', attributes: { seller_id: MEMBER_SELLER, seller_name: 'Member & Co' } },
        ],
      });
    });
  });

  describe('DELETE inventory', () => {
    beforeEach(async () => {
      await s.handler.putInventories(
        request(s.ownerKey, { body: doc({ seller_id: OWNER_SELLER, count_on_hand: 3 }, { seller_id: MEMBER_SELLER, count_on_hand: 4 }) }),
      );
    });
    const del = (key: string, inventoryId: string) => s.handler.deleteInventory(request(key, { params: { variantId: VARIANT, inventoryId } }));

    it('removes the record (204): the level is absent, not zero, and the list leaves it out', async () => {
      expect(await del(s.memberKey, String(MEMBER_SELLER))).toEqual({ status: 204, headers: {}, body: null });
      expect((await sellerLevel(MEMBER_SELLER))?.present).toBe(false);
      expect((await s.handler.listInventories(request(s.ownerKey))).body).toEqual({ data: [expect.objectContaining({ id: OWNER_SELLER })] });
      expect((await del(s.memberKey, String(MEMBER_SELLER))).status).toBe(404);
    });

    it('lets a member delete only its own record (403), and answers 404 for a record the variant does not have', async () => {
      expect((await del(s.memberKey, String(OWNER_SELLER))).body).toMatchObject({ errors: [{ status: '403', code: 'MARKETPLACER.FORBIDDEN' }] });
      expect((await sellerLevel(OWNER_SELLER))?.present).toBe(true);
      expect((await del(s.ownerKey, '99')).body).toMatchObject({ errors: [{ status: '404', code: 'MARKETPLACER.NOT_FOUND' }] });
      expect((await del(s.ownerKey, String(MEMBER_SELLER))).status).toBe(204);
    });
  });
});
