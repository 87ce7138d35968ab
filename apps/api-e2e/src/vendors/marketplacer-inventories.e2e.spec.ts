import { targets } from '../support/e2e-targets.state';
import { client } from '@tally/test-support';
import { levelOf } from '../support/tenant.fixtures';
import {
  JSON_API,
  MEMBER_REQUEST,
  MEMBER_RESPONSE,
  PARENT_REQUEST,
  PARENT_RESPONSE,
  createVariant,
  expectErrors,
  inventoriesPath,
  marketplacerClient,
  multiStoreTenant,
  sellerLocationId,
  stockSnapshot,
} from './marketplacer.e2e-helper';

describe.each(targets())('Marketplacer variant inventories on %s', (_kind, target) => {
  it("answers the document's parent and member examples exactly, and GET shows the same records", async () => {
    const store = await multiStoreTenant(target);
    const itemId = await createVariant(store, 1);
    const parent = await store.owner('PUT', inventoriesPath(1), { json: PARENT_REQUEST });
    expect(parent.status).toBe(200);
    expect(parent.contentType.split(';')[0]).toBe(JSON_API);
    expect(parent.body).toEqual(PARENT_RESPONSE);
    const member = await store.members[1]('PUT', inventoriesPath(1), { json: MEMBER_REQUEST });
    expect({ status: member.status, body: member.body }).toEqual({ status: 200, body: MEMBER_RESPONSE });
    expect((await store.members[2]('GET', inventoriesPath(1))).body).toEqual(MEMBER_RESPONSE);
    const level = await levelOf(store.admin, itemId, await sellerLocationId(store.admin, 1));
    expect(level.figures).toMatchObject({ onHand: 22, availableReported: null, reserved: 0, infinite: false });
    expect(level.details).toMatchObject({ price: '27.38', salePrice: '21.99' });
  });

  it("leaves the sellers the owner omits unchanged, keeps 0 as zero and each seller's prices", async () => {
    const store = await multiStoreTenant(target);
    const itemId = await createVariant(store, 7);
    await store.owner('PUT', inventoriesPath(7), { json: PARENT_REQUEST });
    const partial = await store.owner('PUT', inventoriesPath(7), { json: { data: [{ type: 'inventories', attributes: { count_on_hand: 0, seller_id: 2 } }] } });
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual([
      PARENT_RESPONSE.data[0],
      { id: 2, type: 'inventories', attributes: { count_on_hand: 0, price: null, sale_price: null, infinite: false, seller_id: 2 } },
      PARENT_RESPONSE.data[2],
    ]);
    const seller1 = await levelOf(store.admin, itemId, await sellerLocationId(store.admin, 1));
    expect(seller1).toMatchObject({ present: true, version: 1, figures: { onHand: 10 }, details: { price: '500', salePrice: '450' } });
    const seller2 = await levelOf(store.admin, itemId, await sellerLocationId(store.admin, 2));
    expect(seller2).toMatchObject({ present: true, figures: { onHand: 0 }, availability: { sellable: 0, status: 'out_of_stock' } });
  });

  it('tells zero from a deleted record, in the GET and in availability', async () => {
    const store = await multiStoreTenant(target);
    const itemId = await createVariant(store, 8);
    await store.owner('PUT', inventoriesPath(8), { json: PARENT_REQUEST });
    await store.members[2]('PUT', inventoriesPath(8), { json: { data: [{ attributes: { count_on_hand: 0 } }] } });
    const seller2 = await sellerLocationId(store.admin, 2);
    const zero = await store.admin('GET', `/api/v1/items/${itemId}/availability`);
    expect(zero.body.locations.find((l: { locationId: string }) => l.locationId === seller2)).toMatchObject({ sellable: 0, status: 'out_of_stock' });

    // JSON:API clients send their media type on every request, a body-less DELETE included.
    const deleted = await store.owner('DELETE', `${inventoriesPath(8)}/2`, { headers: { 'content-type': JSON_API, 'content-length': '0' } });
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 204, body: '' });
    const listed = await store.owner('GET', inventoriesPath(8));
    expect(listed.body.data.map((r: { id: number }) => r.id)).toEqual([1, 3]);
    expect(await levelOf(store.admin, itemId, seller2)).toBeUndefined();
    expect(await levelOf(store.admin, itemId, seller2, true)).toMatchObject({ present: false });
    const after = await store.admin('GET', `/api/v1/items/${itemId}/availability`);
    expect(after.body.locations.map((l: { locationId: string }) => l.locationId)).not.toContain(seller2);
    const ledger = await store.admin('GET', `/api/v1/ledger?itemId=${itemId}&locationId=${seller2}`);
    expect(ledger.body.items[0]).toMatchObject({ cause: 'remove', after: { present: false } });

    expectErrors(await store.owner('DELETE', `${inventoriesPath(8)}/2`), 404);
    const recreated = await store.members[2]('PUT', inventoriesPath(8), { json: { data: [{ attributes: { count_on_hand: 4 } }] } });
    expect(recreated.body.data[1]).toEqual({
      id: 2,
      type: 'inventories',
      attributes: { count_on_hand: 4, price: null, sale_price: null, infinite: false, seller_id: 2 },
    });
  });

  it('never sells an infinite record out, and turns it back into a count', async () => {
    const store = await multiStoreTenant(target);
    const itemId = await createVariant(store, 9);
    await store.owner('PUT', inventoriesPath(9), { json: PARENT_REQUEST });
    const seller3 = await sellerLocationId(store.admin, 3);
    const availability = await store.admin('GET', `/api/v1/items/${itemId}/availability`);
    expect(availability.body).toMatchObject({ unlimited: true });
    expect(availability.body.locations.find((l: { locationId: string }) => l.locationId === seller3)).toMatchObject({ unlimited: true, status: 'in_stock' });
    const finite = await store.members[3]('PUT', inventoriesPath(9), { json: { data: [{ attributes: { infinite: false, count_on_hand: 5 } }] } });
    expect(finite.body.data[2]).toEqual({
      id: 3,
      type: 'inventories',
      attributes: { count_on_hand: 5, price: null, sale_price: null, infinite: false, seller_id: 3 },
    });
  });

  it("applies only the last element of a member's array, to the member's own record", async () => {
    const store = await multiStoreTenant(target);
    const itemId = await createVariant(store, 10);
    const answer = await store.members[2]('PUT', inventoriesPath(10), {
      json: { data: [{ attributes: { count_on_hand: 1, price: '1.00' } }, { attributes: { count_on_hand: 2, seller_id: 2 } }] },
    });
    expect(answer.body).toEqual({
      data: [{ id: 2, type: 'inventories', attributes: { count_on_hand: 2, price: null, sale_price: null, infinite: false, seller_id: 2 } }],
    });
    const ledger = await store.admin('GET', `/api/v1/ledger?itemId=${itemId}&locationId=${await sellerLocationId(store.admin, 2)}`);
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({ cause: 'set', after: { present: true, figures: { onHand: 2 } } });
  });

  it("refuses a member writing or deleting another seller's record (403) and changes nothing", async () => {
    const store = await multiStoreTenant(target);
    await createVariant(store, 11);
    await store.owner('PUT', inventoriesPath(11), { json: PARENT_REQUEST });
    const before = await stockSnapshot(store.admin);
    const other = await store.members[1]('PUT', inventoriesPath(11), {
      json: { data: [{ type: 'inventories', attributes: { count_on_hand: 99, seller_id: 2 } }] },
    });
    expect(expectErrors(other, 403)[0].source).toEqual({ pointer: '/data/0/attributes/seller_id' });
    const byId = await store.members[1]('PUT', inventoriesPath(11), { json: { data: [{ id: '2', attributes: { count_on_hand: 99 } }] } });
    expect(expectErrors(byId, 403)[0].source).toEqual({ pointer: '/data/0/id' });
    expectErrors(await store.members[1]('DELETE', `${inventoriesPath(11)}/2`), 403);
    const unknownSeller = await store.owner('PUT', inventoriesPath(11), { json: { data: [{ attributes: { count_on_hand: 1, seller_id: 42 } }] } });
    expect(expectErrors(unknownSeller, 422)[0]).toMatchObject({ source: { pointer: '/data/0/attributes/seller_id' }, detail: expect.stringContaining('42') });
    expect(await stockSnapshot(store.admin)).toEqual(before);
  });

  it('answers 404 for an unknown variant, also to a malformed id, and creates nothing', async () => {
    const store = await multiStoreTenant(target);
    await createVariant(store, 12);
    const before = await stockSnapshot(store.admin);
    expectErrors(await store.owner('GET', inventoriesPath(13)), 404);
    expectErrors(await store.owner('PUT', inventoriesPath(13), { json: PARENT_REQUEST }), 404);
    expectErrors(await store.members[1]('PUT', inventoriesPath('abc'), { json: MEMBER_REQUEST }), 404);
    expectErrors(await store.owner('DELETE', `${inventoriesPath(13)}/1`), 404);
    expectErrors(await store.owner('DELETE', `${inventoriesPath(12)}/1`), 404);
    expect(await stockSnapshot(store.admin)).toEqual(before);
  });

  it('authenticates with a Bearer key or MARKETPLACER-API-KEY, and answers 401 otherwise', async () => {
    const store = await multiStoreTenant(target);
    await createVariant(store, 14);
    const viaHeader = marketplacerClient(target.baseUrl, store.ownerKey, 'header');
    expect((await viaHeader('PUT', inventoriesPath(14), { json: PARENT_REQUEST })).body).toEqual(PARENT_RESPONSE);
    const anonymous = client(target.baseUrl, null);
    const missing = expectErrors(await anonymous('GET', inventoriesPath(14)), 401);
    expect(missing[0].source).toEqual({ header: 'Authorization' });
    expectErrors(await marketplacerClient(target.baseUrl, `${store.ownerKey}x`)('GET', inventoriesPath(14)), 401);
    expectErrors(await marketplacerClient(target.baseUrl, store.adminKey)('GET', inventoriesPath(14)), 401);
    expectErrors(await anonymous('GET', inventoriesPath(14), { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401);
    await store.admin('POST', `/api/v1/connections/${store.ownerConnectionId}/revoke`);
    expectErrors(await store.owner('GET', inventoriesPath(14)), 401);
    expectErrors(await store.members[1]('GET', inventoriesPath(14)), 403);
  });

  it("lists the multi-store's sellers, and pages with page[number] and page[size] (at most 100)", async () => {
    const store = await multiStoreTenant(target);
    await createVariant(store, 15);
    await store.owner('PUT', inventoriesPath(15), { json: PARENT_REQUEST });
    const memberships = await store.members[2]('GET', '/marketplacer/api/v2/client/multi_store_memberships');
    expect(memberships.body.data).toEqual(
      [100, 1, 2, 3].map((id) => ({
        id,
        type: 'multi_store_memberships',
        attributes: { seller_id: id, seller_name: id === 100 ? 'Owner' : `Seller ${id}` },
      })),
    );
    const first = await store.owner('GET', `${inventoriesPath(15)}?page%5Bnumber%5D=1&page%5Bsize%5D=2`);
    expect(first.body.data).toEqual(PARENT_RESPONSE.data.slice(0, 2));
    expect(first.body.links.next).toBe(`${inventoriesPath(15)}?page[number]=2&page[size]=2`);
    const second = await store.owner('GET', `${inventoriesPath(15)}?page[number]=2&page[size]=2`);
    expect(second.body).toEqual({ data: PARENT_RESPONSE.data.slice(2) });
    expect((await store.owner('GET', `${inventoriesPath(15)}?page[number]=3&page[size]=2`)).body).toEqual({ data: [] });
    const tooBig = expectErrors(await store.owner('GET', `${inventoriesPath(15)}?page[size]=101`), 400);
    expect(tooBig[0].source).toEqual({ parameter: 'page[size]' });
    expectErrors(await store.owner('GET', `${inventoriesPath(15)}?page[number]=0`), 400);
    expectErrors(await store.owner('GET', `/marketplacer/api/v2/client/multi_store_memberships?page[size]=x`), 400);
  });
});
