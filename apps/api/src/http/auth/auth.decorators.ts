import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@tally/inventory-application';

/** Metadata key of {@link Public}. */
export const PUBLIC_ROUTE = 'tally:public';
/** Metadata key of {@link AdminOnly}. */
export const ADMIN_ONLY = 'tally:admin-only';

/** Metadata key of {@link OperatorOnly}. */
export const OPERATOR_ONLY = 'tally:operator-only';

/** Metadata key of {@link ApiKeyInBody}. */
export const API_KEY_IN_BODY = 'tally:api-key-in-body';

/** The route needs no API key (health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs an admin key even though it only reads (it lists secrets' metadata). */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);

/** The route needs an operator key (ADR 0045): a tenant's admin key is refused with AUTH.OPERATOR_REQUIRED. */
export const OperatorOnly = (): MethodDecorator & ClassDecorator => SetMetadata(OPERATOR_ONLY, true);

/** The public route takes an API key in this body field (console sign-in): the throttle counts its failures by that key. */
export const ApiKeyInBody = (field: string): MethodDecorator => SetMetadata(API_KEY_IN_BODY, field);

/** A request that passed authentication. */
export interface AuthenticatedRequest {
  principal?: Principal;
}

/** Injects the authenticated {@link Principal} of the request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

const API_KEY_ACTOR = 'api-key:';

/** The actor recorded in the ledger for writes made with an API key. */
export const actorOf = (principal: Principal): string => `${API_KEY_ACTOR}${principal.keyId}`;

/** The id of the API key a ledger actor names, or null when the actor is not an API key. */
export const keyIdOfActor = (actor: string): string | null => (actor.startsWith(API_KEY_ACTOR) ? actor.slice(API_KEY_ACTOR.length) : null);
