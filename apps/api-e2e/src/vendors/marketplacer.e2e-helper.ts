import { client, type Answer, type Client } from '@tally/test-support';
import type { Target } from '../support/e2e-targets.state';
import { createConnection, freshTenant, unique, type TenantFixture } from '../support/tenant.fixtures';

/** JSON:API's media type, which Marketplacer clients send and answers carry. */
export const JSON_API = 'application/vnd.api+json';

/** The inventories path of a variant. */
export const inventoriesPath = (variantId: number | string): string => `/marketplacer/api/v2/client/variants/${variantId}/inventories`;

/** A client that sends a Marketplacer API key (as a bearer token, or in MARKETPLACER-API-KEY) and JSON:API bodies. */
export function marketplacerClient(baseUrl: string, key: string, via: 'bearer' | 'header' = 'bearer'): Client {
  const anonymous = client(baseUrl, null);
  const auth: Record<string, string> = via === 'bearer' ? { authorization: `Bearer ${key}` } : { 'marketplacer-api-key': key };
  return (method, path, options = {}) =>
    anonymous(method, path, {
      ...options,
      headers: { ...auth, ...(options.json !== undefined || options.raw !== undefined ? { 'content-type': JSON_API } : {}), ...options.headers },
    });
}

/** A tenant with a multi-store: owner seller 100 and member sellers 1, 2 and 3, each with its own key. */
export interface MultiStoreFixture extends TenantFixture {
  readonly baseUrl: string;
  readonly ownerConnectionId: string;
  readonly owner: Client;
  readonly ownerKey: string;
  readonly members: Readonly<Record<number, Client>>;
  readonly memberKeys: Readonly<Record<number, string>>;
}

/** The document's multi-store: members 1, 2, 3 under an owner that is seller 100. */
export async function multiStoreTenant(target: Target): Promise<MultiStoreFixture> {
  const tenant = await freshTenant(target);
  const owner = await createConnection(tenant.admin, 'marketplacer', { options: { sellerId: 100, sellerName: 'Owner' } });
  const members: Record<number, Client> = {};
  const memberKeys: Record<number, string> = {};
  for (const sellerId of [1, 2, 3]) {
    const member = await createConnection(tenant.admin, 'marketplacer', {
      options: { sellerId, sellerName: `Seller ${sellerId}`, parentConnectionId: owner.connection.id },
    });
    memberKeys[sellerId] = member.credentials.token;
    members[sellerId] = marketplacerClient(target.baseUrl, member.credentials.token);
  }
  return {
    ...tenant,
    baseUrl: target.baseUrl,
    ownerConnectionId: owner.connection.id,
    owner: marketplacerClient(target.baseUrl, owner.credentials.token),
    ownerKey: owner.credentials.token,
    members,
    memberKeys,
  };
}

/**
 * Registers a variant: an item with the owner connection's external id, created through the
 * canonical API (the catalogue location it is created at is not a seller).
 */
export async function createVariant(fixture: MultiStoreFixture, variantId: number): Promise<string> {
  const answer = await fixture.admin('POST', '/api/v1/stock-levels/set', {
    json: {
      item: { externalId: String(variantId), connectionId: fixture.ownerConnectionId },
      location: { code: unique('catalogue') },
      onHand: 0,
      unknownItemPolicy: 'create',
      createLocationsAs: 'warehouse',
    },
  });
  if (answer.status !== 200) throw new Error(`variant creation answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.itemId;
}

/** The location id of a seller, once a write created it. */
export async function sellerLocationId(admin: Client, sellerId: number): Promise<string> {
  const answer = await admin('GET', '/api/v1/locations?limit=200');
  const found = answer.body.items.find((l: { code: string }) => l.code === `marketplacer-seller-${sellerId}`);
  if (!found) throw new Error(`no location for seller ${sellerId}`);
  return found.id;
}

/** Everything the canonical API shows of a tenant's stock: levels (also removed ones), ledger and items. */
export async function stockSnapshot(admin: Client): Promise<unknown> {
  const levels = await admin('GET', '/api/v1/stock-levels?includeAbsent=true&limit=200');
  const ledger = await admin('GET', '/api/v1/ledger?limit=200');
  const items = await admin('GET', '/api/v1/items?limit=200');
  return { levels: levels.body.items, ledger: ledger.body.items, items: items.body.items };
}

/** The document's parent request. */
export const PARENT_REQUEST = {
  data: [
    { type: 'inventories', attributes: { count_on_hand: 10, price: 500, sale_price: 450, seller_id: 1 } },
    { type: 'inventories', attributes: { count_on_hand: 15, seller_id: 2 } },
    { type: 'inventories', attributes: { infinite: true, seller_id: 3 } },
  ],
};

/** The document's parent response. */
export const PARENT_RESPONSE = {
  data: [
    { id: 1, type: 'inventories', attributes: { count_on_hand: 10, price: '500', sale_price: '450', infinite: false, seller_id: 1 } },
    { id: 2, type: 'inventories', attributes: { count_on_hand: 15, price: null, sale_price: null, infinite: false, seller_id: 2 } },
    { id: 3, type: 'inventories', attributes: { infinite: true, seller_id: 3 } },
  ],
};

/** The document's member request (sent by seller 1). */
export const MEMBER_REQUEST = { data: [{ attributes: { count_on_hand: 22, price: 27.38, sale_price: 21.99, infinite: false } }] };

/** The document's member response. */
export const MEMBER_RESPONSE = {
  data: [
    { id: 1, type: 'inventories', attributes: { count_on_hand: 22, price: '27.38', sale_price: '21.99', infinite: false, seller_id: 1 } },
    PARENT_RESPONSE.data[1],
    PARENT_RESPONSE.data[2],
  ],
};

/** Asserts a JSON:API error answer and returns its errors. */
export function expectErrors(answer: Answer, status: number): { status: string; title: string; detail: string; source?: Record<string, string> }[] {
  expect({ status: answer.status, contentType: answer.contentType.split(';')[0] }).toEqual({ status, contentType: JSON_API });
  expect(Array.isArray(answer.body.errors)).toBe(true);
  for (const error of answer.body.errors) {
    expect(error).toMatchObject({ status: String(status), title: expect.any(String), detail: expect.any(String) });
  }
  return answer.body.errors;
}
