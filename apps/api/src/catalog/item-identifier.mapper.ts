import { ApplicationError, itemReferenceOf, type ConnectionRepository, type ItemIdentifier } from '@tally/inventory-application';
import { RequestValidationError } from '../http/validation/request-validation.error';
import { requireTenantConnection } from './external-id-connection.util';
import type { ItemIdentifierDto } from './item-identity.dto';

/**
 * Turns the identifiers of a request into the item's identifiers: a GTIN in any form is
 * normalized to GTIN-14 (check digit verified), an external id needs a connection of the
 * tenant and nothing else takes one; a repeated identifier is refused.
 * @throws RequestValidationError naming the field at fault; ApplicationError `RESOURCE.NOT_FOUND` for a
 *   connection the tenant does not have.
 */
export async function identifiersOf(
  tenantId: string,
  dtos: readonly Pick<ItemIdentifierDto, 'kind' | 'value' | 'connectionId'>[],
  connections: ConnectionRepository,
  prefix = 'identifiers',
): Promise<ItemIdentifier[]> {
  const out: ItemIdentifier[] = [];
  const seen = new Set<string>();
  for (const [i, dto] of dtos.entries()) {
    const field = dtos.length === 1 && prefix === '' ? '' : `${prefix}[${i}]`;
    const at = (name: string) => (field ? `${field}.${name}` : name);
    const connectionId = dto.connectionId ?? null;
    if ((connectionId !== null) !== (dto.kind === 'external')) {
      throw new RequestValidationError([{ field: at('connectionId'), message: 'connectionId goes with an external id, and only with it' }]);
    }
    if (connectionId !== null) await requireTenantConnection(connections, tenantId, connectionId, at('connectionId'));
    let value = dto.value;
    if (dto.kind === 'gtin') {
      try {
        value = (itemReferenceOf('gtin', dto.value) as { gtin: string }).gtin;
      } catch (error) {
        if (error instanceof ApplicationError) throw new RequestValidationError([{ field: at('value'), message: error.message }]);
        throw error;
      }
    }
    const key = `${dto.kind}:${connectionId ?? ''}:${value}`;
    if (seen.has(key)) throw new RequestValidationError([{ field: at('value'), message: `${dto.kind} ${value} is given twice` }]);
    seen.add(key);
    out.push({ kind: dto.kind, value, connectionId });
  }
  return out;
}
