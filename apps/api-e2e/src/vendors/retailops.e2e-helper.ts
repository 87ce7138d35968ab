import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { client, type Answer, type RequestOptions } from '@tally/test-support';
import type { Target } from '../support/e2e-targets.state';
import { freshTenant, unique, type TenantFixture } from '../support/tenant.fixtures';

/** The SDK's endpoint and the document's spelling of it. */
export const PUSH_V1 = '/retailops/inventory_push_v1';
export const ORDERS = '/retailops/orders';

/** A tenant with one RetailOPS connection, created through the canonical API. */
export interface RetailopsFixture extends TenantFixture {
  readonly connectionId: string;
  readonly credentialId: string;
  readonly secret: string;
  readonly token: string;
  /** Path and query of the endpoint URL the admin answer gave. */
  readonly endpoint: string;
  /** POSTs a JSON body (or, with `body` undefined, the request `options` describe) without any API key. */
  readonly push: (path: string, body: unknown, options?: RequestOptions) => Promise<Answer>;
}

/** A fresh tenant with a RetailOPS connection of the given options. */
export async function retailopsTenant(
  target: Target,
  options: Record<string, unknown> = {},
  settings: Record<string, unknown> = {},
): Promise<RetailopsFixture> {
  const tenant = await freshTenant(target);
  const answer = await tenant.admin('POST', '/api/v1/retailops/connections', { json: { name: unique('retailops'), settings: { ...settings, options } } });
  if (answer.status !== 201) throw new Error(`retailops connection answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const anonymous = client(target.baseUrl, null);
  const endpoint = new URL(answer.body.retailops.endpointUrl);
  return {
    ...tenant,
    connectionId: answer.body.connection.id,
    credentialId: answer.body.credentials.credentialId,
    secret: answer.body.credentials.secret,
    token: answer.body.credentials.token,
    endpoint: `${endpoint.pathname}${endpoint.search}`,
    push: (path, body, extra = {}) => anonymous('POST', path, body === undefined ? extra : { ...extra, json: body }),
  };
}

/** The request example of RetailOPS's inventory_push document, with a token. */
export const documentedExample = (token?: string): Record<string, unknown> => ({
  ...(token !== undefined ? { integration_auth_token: token } : {}),
  version: 1,
  action: 'inventory_push',
  data: {
    inventory: {
      data: {
        sku: '53',
        id: 21,
        concept: 'sku',
        qty_breakdown: [{ est_ship: '2016-04-22T11:02:47-07:00', reserving_orders: [null], sellable: 5, unclaimed: 0, vendor: '002_Acme Corp' }],
        qty_available: 24,
      },
    },
    client_id: 1,
    channel: { id: 21 },
  },
});

/** The SDK's example request (inventory_push_v1.example.json), test key included. */
export const sdkExample = (token = 'RETAILOPS_SDK'): Record<string, unknown> => ({
  integration_auth_token: token,
  action: 'inventory_push',
  version: 1,
  client_id: 497,
  channel_info: { id: 21 },
  inventory_updates: [
    {
      sku: 'S12345',
      quantity_available: 24,
      quantity_detail: [
        {
          quantity_type: 'internal',
          estimated_availability_date: 'string',
          available_quantity: 0,
          total_quantity: 0,
          vendor_name: 'string',
          po: 'string',
          po_destination: 'string',
          facility_name: 'string',
        },
      ],
    },
  ],
});

/** An SDK-shaped push of the given SKUs. */
export const sdkPush = (token: string, updates: unknown[]): Record<string, unknown> => ({
  integration_auth_token: token,
  action: 'inventory_push',
  version: 1,
  client_id: 497,
  channel_info: { id: 21 },
  inventory_updates: updates,
});

const ajv = new Ajv({ allErrors: true });
ajv.addKeyword('example');
const targetSchema = JSON.parse(readFileSync(join(__dirname, 'retailops-sdk-target.schema.json'), 'utf8')) as Record<string, unknown>;
const validateTarget = ajv.compile(targetSchema);

/** The SDK schema's errors for an answer body; empty when it is valid against `targetSchema`. */
export function sdkAnswerErrors(body: unknown): string[] {
  return validateTarget(body) ? [] : (validateTarget.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Everything the canonical API shows of a tenant's stock: levels (also removed ones), the ledger and the items. */
export async function stockSnapshot(admin: TenantFixture['admin']): Promise<unknown> {
  const levels = await admin('GET', '/api/v1/stock-levels?includeAbsent=true&limit=200');
  const ledger = await admin('GET', '/api/v1/ledger?limit=200');
  const items = await admin('GET', '/api/v1/items?limit=200');
  return { levels: levels.body.items, ledger: ledger.body.items, items: items.body.items };
}

/** The item of a SKU, or undefined. */
export async function itemOf(admin: TenantFixture['admin'], sku: string): Promise<{ id: string } | undefined> {
  const answer = await admin('GET', `/api/v1/items/lookup?sku=${encodeURIComponent(sku)}`);
  return answer.status === 200 ? answer.body : undefined;
}

/** The id of a SKU's item; fails the test when there is none. */
export async function itemIdOf(admin: TenantFixture['admin'], sku: string): Promise<string> {
  const item = await itemOf(admin, sku);
  if (!item) throw new Error(`no item with sku ${sku}`);
  return item.id;
}

/** The present levels of an item, keyed by location code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function levelsByCode(admin: TenantFixture['admin'], itemId: string): Promise<Record<string, any>> {
  const levels = (await admin('GET', `/api/v1/stock-levels?itemId=${itemId}&limit=200`)).body.items as { locationId: string }[];
  const out: Record<string, unknown> = {};
  for (const level of levels) {
    const location = await admin('GET', `/api/v1/locations/${level.locationId}`);
    out[location.body.code] = { ...level, location: location.body };
  }
  return out;
}

/** What the item of a SKU sells over all its locations. */
export async function sellableOf(admin: TenantFixture['admin'], sku: string): Promise<number> {
  return (await admin('GET', `/api/v1/items/${await itemIdOf(admin, sku)}/availability`)).body.sellable;
}

/** How many ledger entries the tenant has (`GET /api/v1/ledger`, every page), optionally of one cause. */
export async function ledgerCount(admin: TenantFixture['admin'], cause?: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const query = `limit=200${cause ? `&cause=${cause}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: Answer = await admin('GET', `/api/v1/ledger?${query}`);
    if (page.status !== 200) throw new Error(`ledger answered ${page.status}`);
    count += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return count;
}

/** A documented-shape push of one SKU: its top-line figure and its vendors' sellable units. */
export const documentedPush = (token: string, sku: string, available: number, vendors: Record<string, number>): Record<string, unknown> => ({
  integration_auth_token: token,
  version: 1,
  action: 'inventory_push',
  data: {
    inventory: {
      data: {
        sku,
        id: 7,
        concept: 'sku',
        qty_breakdown: Object.entries(vendors).map(([vendor, sellable]) => ({ est_ship: '2026-01-01', reserving_orders: [], sellable, unclaimed: 0, vendor })),
        qty_available: available,
      },
    },
    client_id: 1,
    channel: { id: 21 },
  },
});
