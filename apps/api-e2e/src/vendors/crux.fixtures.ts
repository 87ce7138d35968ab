import { client, type Answer, type Client, type RequestOptions } from '@tally/test-support';
import type { Target } from '../support/e2e-targets.state';
import { createConnection, freshTenant, unique } from '../support/tenant.fixtures';

/** Crux's paths on Tally. */
export const CRUX = {
  login: '/crux/timp/organizations/user-login/',
  update: '/crux/timp/products/skus/inventory/',
  bulk: '/crux/timp/products/skus/inventory/bulk/',
} as const;

/** A tenant with one logged-in Crux connection whose supplier location is `locationCode`. */
export interface CruxFixture {
  readonly admin: Client;
  readonly connectionId: string;
  readonly username: string;
  readonly password: string;
  readonly locationCode: string;
  readonly token: string;
  /** Calls a Crux route with `Authorization: Token <token>` (or the headers given). */
  readonly crux: (path: string, options?: RequestOptions) => Promise<Answer>;
  /** Creates an item through the canonical API with a level at the Crux location; answers its ids. */
  readonly seed: (item: { sku: string } | { gtin: string }, fields?: Record<string, unknown>) => Promise<{ itemId: string; locationId: string }>;
  /** Everything a write could change in the tenant: its levels and its ledger. */
  readonly snapshot: () => Promise<string>;
}

/** Logs in as Crux clients do; fails the test unless it answers a token. */
export async function cruxLogin(baseUrl: string, username: string, password: string): Promise<string> {
  const answer = await client(baseUrl, null)('POST', CRUX.login, { json: { username, password } });
  if (answer.status !== 200) throw new Error(`login answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.auth_token as string;
}

/** Sets up a fresh tenant, its Crux connection and a token. */
export async function cruxFixture(target: Target): Promise<CruxFixture> {
  const { admin } = await freshTenant(target);
  const locationCode = unique('CRUX');
  const created = await createConnection(admin, 'crux', { defaultLocationCode: locationCode });
  const username = created.connection.credentialId;
  const password = created.credentials.secret;
  const token = await cruxLogin(target.baseUrl, username, password);
  const anonymous = client(target.baseUrl, null);
  return {
    admin,
    connectionId: created.connection.id,
    username,
    password,
    locationCode,
    token,
    crux: (path, options = {}) => anonymous('POST', path, { ...options, headers: { authorization: `Token ${token}`, ...options.headers } }),
    seed: async (item, fields = { onHand: 1 }) => {
      const placed = await admin('POST', '/api/v1/stock-levels/set', {
        json: { item, location: { code: locationCode }, unknownItemPolicy: 'create', createLocationsAs: 'supplier', ...fields },
      });
      if (placed.status !== 200) throw new Error(`seed answered ${placed.status}: ${JSON.stringify(placed.body)}`);
      return { itemId: placed.body.itemId, locationId: placed.body.locationId };
    },
    snapshot: async () => {
      const levels = await admin('GET', '/api/v1/stock-levels?limit=200&includeAbsent=true');
      const ledger = await admin('GET', '/api/v1/ledger?limit=200');
      const items = await admin('GET', '/api/v1/items?limit=200');
      return JSON.stringify([levels.body, ledger.body, items.body]);
    },
  };
}

/** The level of an item at a location through the canonical API. */
export async function figuresOf(admin: Client, itemId: string, locationId: string): Promise<Record<string, unknown>> {
  const answer = await admin('GET', `/api/v1/stock-levels?itemId=${itemId}&locationId=${locationId}`);
  return answer.body.items[0];
}
