import { targets } from '../support/e2e-targets.state';
import type { Client } from '@tally/test-support';
import {
  PARENT_REQUEST,
  createVariant,
  expectErrors,
  inventoriesPath,
  marketplacerClient,
  multiStoreTenant,
  stockSnapshot,
  type MultiStoreFixture,
} from './marketplacer.e2e-helper';

const attrs = (attributes: unknown) => ({ data: [{ type: 'inventories', attributes }] });
const owned = (extra: Record<string, unknown>) => attrs({ count_on_hand: 1, seller_id: 1, ...extra });

/** 50 bodies a client could send by mistake, with the pointer each answer must name (null: the whole document). */
const MALFORMED: [string, { json?: unknown; raw?: string }, number, string | null][] = [
  ['truncated JSON', { raw: '{"data":[{"attributes":{"count_on_hand":1' }, 400, ''],
  ['trailing comma', { raw: '{"data":[{"attributes":{"count_on_hand":1,}}]}' }, 400, ''],
  ['single quotes', { raw: "{'data':[]}" }, 400, ''],
  ['empty body text', { raw: ' ' }, 400, ''],
  ['leading zero', { raw: '{"data":[{"attributes":{"count_on_hand":010,"seller_id":1}}]}' }, 400, ''],
  ['__proto__ key', { raw: '{"data":[],"__proto__":{"x":1}}' }, 400, ''],
  ['a JSON string', { json: 'inventories' }, 422, ''],
  ['a JSON number', { json: 42 }, 422, ''],
  ['null', { raw: 'null' }, 422, ''],
  ['an array', { json: [PARENT_REQUEST] }, 422, ''],
  ['no data', { json: {} }, 422, '/data'],
  ['data null', { json: { data: null } }, 422, '/data'],
  ['data an object', { json: { data: PARENT_REQUEST.data[0] } }, 422, '/data'],
  ['data empty', { json: { data: [] } }, 422, '/data'],
  ['101 inventories', { json: { data: Array.from({ length: 101 }, () => PARENT_REQUEST.data[0]) } }, 422, '/data'],
  ['unknown top-level member', { json: { ...PARENT_REQUEST, included: [] } }, 422, '/included'],
  ['inventory not an object', { json: { data: [1] } }, 422, '/data/0'],
  ['inventory null', { json: { data: [null] } }, 422, '/data/0'],
  ['no attributes', { json: { data: [{ type: 'inventories' }] } }, 422, '/data/0/attributes'],
  ['attributes an array', { json: { data: [{ attributes: [] }] } }, 422, '/data/0/attributes'],
  ['wrong type', { json: { data: [{ type: 'variants', attributes: { count_on_hand: 1, seller_id: 1 } }] } }, 422, '/data/0/type'],
  ['unknown resource member', { json: { data: [{ attributes: { count_on_hand: 1, seller_id: 1 }, relationships: {} }] } }, 422, '/data/0/relationships'],
  ['id zero', { json: { data: [{ id: 0, attributes: { count_on_hand: 1, seller_id: 1 } }] } }, 422, '/data/0/id'],
  ['id not a number', { json: { data: [{ id: 'one', attributes: { count_on_hand: 1, seller_id: 1 } }] } }, 422, '/data/0/id'],
  ['id of another seller', { json: { data: [{ id: 2, attributes: { count_on_hand: 1, seller_id: 1 } }] } }, 422, '/data/0/id'],
  ['unknown attribute', { json: owned({ quantity: 3 }) }, 422, '/data/0/attributes/quantity'],
  ['camelCase attribute', { json: owned({ countOnHand: 3 }) }, 422, '/data/0/attributes/countOnHand'],
  ['nothing to change', { json: attrs({ seller_id: 1 }) }, 422, '/data/0/attributes'],
  ['negative count', { json: owned({ count_on_hand: -1 }) }, 422, '/data/0/attributes/count_on_hand'],
  ['fractional count', { json: owned({ count_on_hand: 1.5 }) }, 422, '/data/0/attributes/count_on_hand'],
  ['count too large', { json: owned({ count_on_hand: 2_147_483_648 }) }, 422, '/data/0/attributes/count_on_hand'],
  ['count null', { json: owned({ count_on_hand: null }) }, 422, '/data/0/attributes/count_on_hand'],
  ['count a word', { json: owned({ count_on_hand: 'ten' }) }, 422, '/data/0/attributes/count_on_hand'],
  ['count a negative string', { json: owned({ count_on_hand: '-3' }) }, 422, '/data/0/attributes/count_on_hand'],
  ['count a boolean', { json: owned({ count_on_hand: true }) }, 422, '/data/0/attributes/count_on_hand'],
  ['count an object', { json: owned({ count_on_hand: { value: 1 } }) }, 422, '/data/0/attributes/count_on_hand'],
  ['negative price', { json: owned({ price: -5 }) }, 422, '/data/0/attributes/price'],
  ['price with 5 decimals', { json: owned({ price: '1.23456' }) }, 422, '/data/0/attributes/price'],
  ['price a word', { json: owned({ price: 'cheap' }) }, 422, '/data/0/attributes/price'],
  ['price with a currency', { json: owned({ price: '$5.00' }) }, 422, '/data/0/attributes/price'],
  ['price in exponent form', { json: owned({ price: '1e3' }) }, 422, '/data/0/attributes/price'],
  ['sale price an array', { json: owned({ sale_price: [450] }) }, 422, '/data/0/attributes/sale_price'],
  ['infinite a string', { json: owned({ infinite: 'true' }) }, 422, '/data/0/attributes/infinite'],
  ['infinite a number', { json: owned({ infinite: 1 }) }, 422, '/data/0/attributes/infinite'],
  ['no seller_id from the owner', { json: attrs({ count_on_hand: 1 }) }, 422, '/data/0/attributes/seller_id'],
  ['seller_id zero', { json: owned({ seller_id: 0 }) }, 422, '/data/0/attributes/seller_id'],
  ['seller_id negative', { json: owned({ seller_id: -1 }) }, 422, '/data/0/attributes/seller_id'],
  ['seller_id fractional', { json: owned({ seller_id: 1.5 }) }, 422, '/data/0/attributes/seller_id'],
  ['seller_id not in the multi-store', { json: owned({ seller_id: 4 }) }, 422, '/data/0/attributes/seller_id'],
  [
    'second inventory bad',
    { json: { data: [PARENT_REQUEST.data[0], { attributes: { count_on_hand: -2, seller_id: 2 } }] } },
    422,
    '/data/1/attributes/count_on_hand',
  ],
];

/** The owner with a new secret: a new key, so a new rate-limit window. */
async function rotatedOwner(store: MultiStoreFixture): Promise<Client> {
  const rotated = await store.admin('POST', `/api/v1/connections/${store.ownerConnectionId}/rotate`);
  return marketplacerClient(store.baseUrl, rotated.body.credentials.token);
}

describe.each(targets())('Marketplacer malformed bodies on %s', (_kind, target) => {
  it('answers each of 50 malformed bodies with a JSON:API 4xx naming the problem, never a 5xx, and changes nothing', async () => {
    expect(MALFORMED).toHaveLength(50);
    const store = await multiStoreTenant(target);
    await createVariant(store, 21);
    await store.owner('PUT', inventoriesPath(21), { json: PARENT_REQUEST });
    const before = await stockSnapshot(store.admin);
    const listed = await store.owner('GET', inventoriesPath(21));
    // A new key every 20 bodies keeps each key under the rate limit of 50 requests per second.
    let send: Client = store.owner;
    for (const [index, [name, body, status, pointer]] of MALFORMED.entries()) {
      if (index > 0 && index % 20 === 0) send = await rotatedOwner(store);
      const answer = await send('PUT', inventoriesPath(21), body);
      const errors = expectErrors(answer, status);
      if (pointer !== null) expect({ name, pointers: errors.map((e) => e.source?.['pointer']) }).toEqual({ name, pointers: expect.arrayContaining([pointer]) });
    }
    expect(await stockSnapshot(store.admin)).toEqual(before);
    expect((await store.members[1]('GET', inventoriesPath(21))).body).toEqual(listed.body);
  });

  it('answers a body of another media type (415) and one over the size limit (413) in the same shape', async () => {
    const store = await multiStoreTenant(target);
    await createVariant(store, 22);
    const before = await stockSnapshot(store.admin);
    const form = await store.members[1]('PUT', inventoriesPath(22), {
      raw: 'count_on_hand=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectErrors(form, 415);
    const huge = { data: [{ attributes: { count_on_hand: 1, price: '1'.repeat(2_000_000) } }] };
    expectErrors(await store.members[2]('PUT', inventoriesPath(22), { json: huge }), 413);
    const unknownRoute = await store.members[3]('GET', '/marketplacer/api/v2/client/variants');
    expectErrors(unknownRoute, 404);
    expect(await stockSnapshot(store.admin)).toEqual(before);
  });

  it('accepts the leniencies the README lists: application/json, numeric strings for counts and ids', async () => {
    const store = await multiStoreTenant(target);
    await createVariant(store, 23);
    const answer = await store.owner('PUT', inventoriesPath(23), {
      json: { data: [{ id: '2', attributes: { count_on_hand: '7', seller_id: '2', price: '9.90' } }] },
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.body).toEqual({
      data: [{ id: 2, type: 'inventories', attributes: { count_on_hand: 7, price: '9.90', sale_price: null, infinite: false, seller_id: 2 } }],
    });
  });
});
