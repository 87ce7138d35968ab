import { ApplicationError, ApplicationErrorCodes, type ConnectionRepository } from '@tally/inventory-application';

/**
 * The answer to an external id whose connection the tenant does not have: 404 naming the field.
 * Another tenant's connection gets the same answer as a missing one, so ids of other tenants
 * cannot be told apart from nothing.
 */
export function unknownConnectionError(connectionId: string, field: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCodes.notFound, `no connection ${connectionId}`, field);
}

/**
 * Checks that the connection an external id is scoped to is one of the tenant's.
 * @throws ApplicationError `RESOURCE.NOT_FOUND` naming `field` when it is not.
 */
export async function requireTenantConnection(connections: ConnectionRepository, tenantId: string, connectionId: string, field: string): Promise<void> {
  if (!(await connections.get(tenantId, connectionId))) throw unknownConnectionError(connectionId, field);
}
