import { headerOf, isJsonObject, presentedCredentialId, presentedToken, type PresentedCredential, type PresentedRequest } from '@tally/vendor-kit';
import { tokenOfHeader } from './crux-request.parser';

/**
 * What a Crux request presents: on the login, the user name of its body (the connection's
 * credential id); on the inventory routes, the `Authorization: Token` the login issued.
 */
export function cruxPresentedCredential(request: PresentedRequest): PresentedCredential | null {
  if (request.path.startsWith('/crux/timp/organizations/user-login'))
    return isJsonObject(request.body) ? presentedCredentialId(request.body['username']) : null;
  return presentedToken(tokenOfHeader(headerOf(request, 'authorization')));
}
