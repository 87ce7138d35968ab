import { unique } from './unique-name.util';
import { expectStatus, type Client } from './http.client';

/** A tenant of its own and its admin key, so a test sees nothing of the others. */
export interface CreatedTenant {
  readonly tenantId: string;
  readonly adminKey: string;
}

/** Creates a separate tenant through the API with an operator key's client (a deployment's bootstrap key, ADR 0045). */
export async function createTenant(operator: Client): Promise<CreatedTenant> {
  const body = expectStatus(await operator('POST', '/api/v1/tenants', { json: { name: unique('tenant') } }), 'tenant creation', 201);
  return { tenantId: body.tenant.id, adminKey: body.adminKey.secret };
}
