import { client, createTenant, unique, type Client } from '@tally/test-support';
import type { Target } from './e2e-targets.state';

export { unique };

/** A tenant of its own, so a test sees nothing of the others. */
export interface TenantFixture {
  readonly tenantId: string;
  readonly adminKey: string;
  readonly admin: Client;
}

/** Creates a separate tenant through the API with the first tenant's admin key. */
export async function freshTenant(target: Target): Promise<TenantFixture> {
  const { tenantId, adminKey } = await createTenant(client(target.baseUrl, target.adminKey));
  return { tenantId, adminKey, admin: client(target.baseUrl, adminKey) };
}

/** The options that let a direct write create the item and the location it names. */
export const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;

/** Sets figures of a place, creating what is missing; fails the test unless applied. */
export async function setStock(admin: Client, sku: string, code: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const answer = await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku }, location: { code }, ...CREATE, ...fields, ...extra } });
  if (answer.status !== 200) throw new Error(`set answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as { status: string; itemId: string; locationId: string };
}

/** The level of an item at a location, or undefined. */
export async function levelOf(admin: Client, itemId: string, locationId: string, includeAbsent = false) {
  const answer = await admin('GET', `/api/v1/stock-levels?itemId=${itemId}&locationId=${locationId}&includeAbsent=${includeAbsent}`);
  return answer.body.items[0];
}

/** Creates a connection and answers it with its credentials. */
export async function createConnection(admin: Client, dialect = 'canonical', settings: Record<string, unknown> = {}) {
  const answer = await admin('POST', '/api/v1/connections', { json: { dialect, name: unique(dialect), settings } });
  if (answer.status !== 201) throw new Error(`connection creation answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as { connection: { id: string; credentialId: string }; credentials: { secret: string; token: string } };
}
