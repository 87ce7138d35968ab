import { client, type Answer, type Client } from '@tally/test-support';
import type { Target } from '../support/e2e-targets.state';
import { createConnection, freshTenant, type TenantFixture } from '../support/tenant.fixtures';

/** The Comestri create path. */
export const INVENTORIES = '/comestri/api/v2/inventories';

/** A tenant with one Comestri connection and a client that signs as it. */
export interface ComestriFixture extends TenantFixture {
  readonly connectionId: string;
  readonly token: string;
  readonly comestri: Client;
  readonly post: (inventory: unknown) => Promise<Answer>;
}

/** The Authorization header of a Comestri client. */
export const tokenHeader = (token: string, email = 'ops@example.com'): string => `Token token=${token},email=${email}`;

/** A fresh tenant with a Comestri connection of the given settings. */
export async function comestriTenant(target: Target, settings: Record<string, unknown> = {}): Promise<ComestriFixture> {
  const tenant = await freshTenant(target);
  const created = await createConnection(tenant.admin, 'comestri', settings);
  const token = created.credentials.token;
  const anonymous = client(target.baseUrl, null);
  const comestri: Client = (method, path, options = {}) =>
    anonymous(method, path, { ...options, headers: { authorization: tokenHeader(token), ...options.headers } });
  const post = (inventory: unknown) => comestri('POST', INVENTORIES, { json: { inventory } });
  return { ...tenant, connectionId: created.connection.id, token, comestri, post };
}

/** A second Comestri connection of the same tenant, with a client that signs as it. */
export async function secondComestriConnection(target: Target, admin: Client, settings: Record<string, unknown> = {}) {
  const created = await createConnection(admin, 'comestri', settings);
  const anonymous = client(target.baseUrl, null);
  const comestri: Client = (method, path, options = {}) =>
    anonymous(method, path, { ...options, headers: { authorization: tokenHeader(created.credentials.token), ...options.headers } });
  return { connectionId: created.connection.id as string, comestri, post: (inventory: unknown) => comestri('POST', INVENTORIES, { json: { inventory } }) };
}

/**
 * Everything the canonical API shows of a tenant's stock: items, locations, levels (also
 * removed ones), the ledger and discrepancies. A request that fails must leave it unchanged.
 */
export async function stockSnapshot(admin: Client): Promise<unknown> {
  const levels = await admin('GET', '/api/v1/stock-levels?includeAbsent=true&limit=200');
  const ledger = await admin('GET', '/api/v1/ledger?limit=200');
  const items = await admin('GET', '/api/v1/items?limit=200');
  const locations = await admin('GET', '/api/v1/locations?limit=200');
  const discrepancies = await admin('GET', '/api/v1/discrepancies?limit=200');
  return {
    levels: levels.body.items,
    ledger: ledger.body.items,
    items: items.body.items,
    locations: locations.body.items,
    discrepancies: discrepancies.body.items,
  };
}
