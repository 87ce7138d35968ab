import { presentedCredentialId, type PresentedCredential, type PresentedRequest } from '@tally/vendor-kit';
import { apiKeyOf, splitApiKey } from './marketplacer-request.parser';

/** What a Marketplacer request presents: the credential id of the connection token it sends as its API key. */
export function marketplacerPresentedCredential(request: PresentedRequest): PresentedCredential | null {
  const key = apiKeyOf(request.headers);
  return key === null ? null : presentedCredentialId(splitApiKey(key)?.credentialId);
}
