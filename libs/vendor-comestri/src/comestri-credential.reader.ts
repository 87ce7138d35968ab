import { headerOf, presentedCredentialId, type PresentedCredential, type PresentedRequest } from '@tally/vendor-kit';
import { parseComestriAuthorization } from './comestri-auth.parser';

/** What a Comestri request presents: the credential id of the connection token in its `Authorization: Token` header. */
export function comestriPresentedCredential(request: PresentedRequest): PresentedCredential | null {
  return presentedCredentialId(parseComestriAuthorization(headerOf(request, 'authorization'))?.credentialId);
}
