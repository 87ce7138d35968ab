import { basicAuthorization, client, cruxToken as cruxLogin, expectStatus, kiboToken as kiboLogin, type Client } from '@tally/test-support';
import { unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';

/**
 * One valid request of a dialect, which the checker spoils with one text Tally never accepts.
 * Unspoiled it answers 2xx; its lines are sets (never deltas), so sending its good lines again
 * changes nothing.
 */
export interface TextTemplate {
  readonly dialect: 'canonical' | 'kibo' | 'crux' | 'comestri' | 'marketplacer' | 'retailops';
  readonly method: string;
  /** Path template: `{name}` segments are filled from `params`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The name of the list's cursor parameter, when the route pages. */
  readonly cursor?: string;
  /** The route queues a Kibo job: a refused item is reported in the job's messages, not in the answer. */
  readonly job?: boolean;
}

/** A Kibo job a spoiled request queued, and the client that reads it. */
export interface QueuedJob {
  readonly jobId: number;
  readonly admin: Client;
}

const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;

/**
 * The tenant's seed (items, a level, one connection of every dialect with its credentials) and
 * one valid request per route family of every dialect: reads with a query, path or cursor, writes
 * of one line and of several. Each template is sent once unspoiled and must answer 2xx, so a
 * refusal later is the spoiled text's doing.
 */
export async function textTemplates(deployment: Deployment): Promise<TextTemplate[]> {
  const base = deployment.servers[0].baseUrl;
  const admin = deployment.admin();
  const seed = expectStatus(
    await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku: 'SEED-1' }, location: { code: 'WH-SEED' }, onHand: 5, ...CREATE } }),
    'seed',
    200,
  );
  const connection = async (dialect: string, settings: Record<string, unknown> = {}) => {
    const answer = await admin('POST', '/api/v1/connections', { json: { dialect, name: unique(dialect), settings } });
    const created = expectStatus(answer, `${dialect} connection`, 201);
    recordSecret(created.credentials.secret);
    return created as { connection: { id: string; credentialId: string }; credentials: { credentialId: string; secret: string; token: string } };
  };
  const kibo = await connection('kibo');
  const kiboToken = await kiboLogin(base, kibo.credentials.credentialId, kibo.credentials.secret);
  const crux = await connection('crux', { defaultLocationCode: 'CRUX-SEED' });
  const cruxToken = await cruxLogin(base, crux.credentials.credentialId, crux.credentials.secret);
  const comestri = await connection('comestri');
  const owner = await connection('marketplacer', { options: { sellerId: 100, sellerName: 'Owner' } });
  const retailops = expectStatus(await admin('POST', '/api/v1/retailops/connections', { json: { name: unique('retailops') } }), 'retailops connection', 201);
  recordSecret(retailops.credentials.secret);
  for (const token of [kiboToken, cruxToken]) recordSecret(token);
  // The Marketplacer variant 14: an item with the owner connection's external id.
  expectStatus(
    await admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { externalId: '14', connectionId: owner.connection.id }, location: { code: 'CATALOGUE' }, onHand: 0, ...CREATE },
    }),
    'variant',
    200,
  );
  const comestriRecord = expectStatus(
    await client(base, null)('POST', '/comestri/api/v2/inventories', {
      json: { inventory: { inventory_source: 'CO-SEED', product_code: 'CO-1', qty: 2 } },
      headers: { authorization: `Token token=${comestri.credentials.token},email=ops@example.com` },
    }),
    'comestri record',
    201,
  );
  const kiboJob = expectStatus(
    await client(base, kiboToken)('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: 'K-SEED', items: [{ sku: 'KSEED-0', quantity: 1 }] } }),
    'kibo job',
    200,
  );

  const bearer = { authorization: `Bearer ${deployment.adminKey}` };
  const canonical = (method: string, path: string, more: Partial<TextTemplate> = {}): TextTemplate => ({
    dialect: 'canonical',
    method,
    path,
    params: {},
    query: {},
    headers: bearer,
    ...more,
  });
  const kiboAuth = { authorization: `Bearer ${kiboToken}` };
  const cruxAuth = { authorization: `Token ${cruxToken}` };
  const comestriAuth = { authorization: `Token token=${comestri.credentials.token},email=ops@example.com` };
  const marketplacerAuth = { authorization: `Bearer ${owner.credentials.token}` };
  const sku = (name: string, available: number) => ({
    sku: name,
    quantity_available: available,
    quantity_detail: [{ quantity_type: 'internal', facility_name: 'FAC-1', available_quantity: available, total_quantity: available, po: 'PO-1' }],
  });
  const templates: TextTemplate[] = [
    canonical('GET', '/api/v1/items/lookup', { query: { sku: 'SEED-1' } }),
    canonical('GET', '/api/v1/items/lookup', { query: { externalId: '14', connectionId: owner.connection.id } }),
    canonical('GET', '/api/v1/items', { query: { q: 'SEED', limit: '5' }, cursor: 'cursor' }),
    canonical('GET', '/api/v1/items/{itemId}', { params: { itemId: seed.itemId } }),
    canonical('GET', '/api/v1/ledger', { query: { itemId: seed.itemId, cause: 'set', limit: '5' }, cursor: 'cursor' }),
    canonical('GET', '/api/v1/stock-levels', { query: { itemId: seed.itemId, locationId: seed.locationId }, cursor: 'cursor' }),
    canonical('GET', '/api/v1/locations', { query: { limit: '5' }, cursor: 'cursor' }),
    canonical('POST', '/api/v1/stock-levels/set', {
      body: { item: { sku: 'SEED-1', name: 'Seed' }, location: { code: 'WH-SEED' }, onHand: 5, reference: 'ref-1', attributes: { colour: 'red' }, ...CREATE },
    }),
    canonical('POST', '/api/v1/stock-levels/batch', {
      body: {
        reference: 'batch-1',
        ...CREATE,
        lines: [
          { op: 'set', item: { sku: 'SEED-1' }, location: { code: 'WH-SEED' }, onHand: 5 },
          { op: 'set', item: { sku: 'SEED-2', partNumber: 'PN-2' }, location: { code: 'WH-SEED' }, onHand: 3, currency: 'EUR' },
        ],
      },
    }),
    canonical('PATCH', '/api/v1/items/{itemId}', { params: { itemId: seed.itemId }, body: { name: 'Seed' } }),
    canonical('POST', '/api/v1/connections', { body: { dialect: 'crux', name: 'Feed' } }),
    canonical('POST', '/api/v1/session', { headers: {}, body: { apiKey: deployment.adminKey } }),
    {
      dialect: 'kibo',
      method: 'POST',
      path: '/kibo/api/v5/inventory/refresh',
      params: {},
      query: {},
      headers: kiboAuth,
      job: true,
      body: {
        locationName: 'K-SEED',
        items: [
          { sku: 'KSEED-1', quantity: 3, attributes: ['a'] },
          { sku: 'KSEED-2', partNumber: 'KP-2', quantity: 4 },
        ],
      },
    },
    {
      dialect: 'kibo',
      method: 'POST',
      path: '/kibo/api/v5/inventory/adjust',
      params: {},
      query: {},
      headers: kiboAuth,
      job: true,
      body: { locationName: 'K-SEED', items: [{ sku: 'KSEED-0', quantity: 0 }] },
    },
    { dialect: 'kibo', method: 'GET', path: '/kibo/inv/api/v1/queue/{jobID}', params: { jobID: String(kiboJob.jobID) }, query: {}, headers: kiboAuth },
    {
      dialect: 'kibo',
      method: 'POST',
      path: '/kibo/oauthserver/oauth2/token',
      params: {},
      query: {},
      headers: { authorization: basicAuthorization(kibo.credentials.credentialId, kibo.credentials.secret) },
      body: { grant_type: 'client_credentials' },
    },
    {
      dialect: 'crux',
      method: 'POST',
      path: '/crux/timp/organizations/user-login/',
      params: {},
      query: {},
      headers: {},
      body: { username: crux.credentials.credentialId, password: crux.credentials.secret },
    },
    {
      dialect: 'crux',
      method: 'POST',
      path: '/crux/timp/products/skus/inventory/',
      params: {},
      query: {},
      headers: cruxAuth,
      body: { sku_id: 'SEED-1', quantity_in_stock: 5 },
    },
    {
      dialect: 'crux',
      method: 'POST',
      path: '/crux/timp/products/skus/inventory/bulk/',
      params: {},
      query: {},
      headers: cruxAuth,
      body: [
        { sku_id: 'SEED-1', quantity_in_stock: 5 },
        { sku_id: 'SEED-2', quantity_in_stock: 3, restrictions: 'discontd' },
      ],
    },
    {
      dialect: 'comestri',
      method: 'POST',
      path: '/comestri/api/v2/inventories',
      params: {},
      query: {},
      headers: comestriAuth,
      body: { inventory: { inventory_source: 'CO-SEED', product_code: 'CO-1', sku: 'CO-SKU-1', qty: 2 } },
    },
    {
      dialect: 'comestri',
      method: 'GET',
      path: '/comestri/api/v2/inventories',
      params: {},
      query: { inventory_source: 'CO-SEED', per_page: '10' },
      headers: comestriAuth,
      cursor: 'cursor',
    },
    {
      dialect: 'comestri',
      method: 'GET',
      path: '/comestri/api/v2/inventories/{id}',
      params: { id: String(comestriRecord.id) },
      query: {},
      headers: comestriAuth,
    },
    {
      dialect: 'marketplacer',
      method: 'PUT',
      path: '/marketplacer/api/v2/client/variants/{variantId}/inventories',
      params: { variantId: '14' },
      query: {},
      headers: marketplacerAuth,
      body: { data: [{ type: 'inventories', id: '100', attributes: { count_on_hand: 3, price: '9.99', seller_id: 100 } }] },
    },
    {
      dialect: 'marketplacer',
      method: 'GET',
      path: '/marketplacer/api/v2/client/variants/{variantId}/inventories',
      params: { variantId: '14' },
      query: { 'page[size]': '10' },
      headers: marketplacerAuth,
    },
    { dialect: 'marketplacer', method: 'GET', path: '/marketplacer/api/v2/client/multi_store_memberships', params: {}, query: {}, headers: marketplacerAuth },
    {
      dialect: 'retailops',
      method: 'POST',
      path: '/retailops/inventory_push_v1',
      params: {},
      query: { connection: retailops.credentials.credentialId },
      headers: {},
      body: {
        integration_auth_token: retailops.credentials.token,
        action: 'inventory_push',
        version: 1,
        client_id: 497,
        channel_info: { id: 21, name: 'Web' },
        inventory_updates: [sku('RO-1', 4), sku('RO-2', 6)],
      },
    },
    {
      dialect: 'retailops',
      method: 'POST',
      path: '/retailops/orders',
      params: {},
      query: {},
      headers: {},
      body: {
        integration_auth_token: retailops.credentials.token,
        version: 1,
        action: 'inventory_push',
        data: {
          inventory: {
            data: {
              sku: 'RO-3',
              id: 7,
              concept: 'sku',
              qty_breakdown: [{ est_ship: '2026-01-01', reserving_orders: ['SO-1'], sellable: 2, unclaimed: 0, vendor: 'Acme' }],
              qty_available: 2,
            },
          },
          client_id: 497,
          channel: { id: 21 },
        },
      },
    },
  ];
  return templates;
}
