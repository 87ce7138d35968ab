import { headerOf, isJsonObject, presentedCredentialId, type PresentedCredential, type PresentedRequest } from '@tally/vendor-kit';
import { presentedCredentials } from './retailops-credentials.parser';

/**
 * What a RetailOPS push presents, read as the handler reads it: the credential id of the body's
 * `integration_auth_token` (or of the HTTP Basic credentials), or, with the test key, the
 * connection the `connection` parameter names.
 */
export function retailopsPresentedCredential(request: PresentedRequest): PresentedCredential | null {
  const body = isJsonObject(request.body) ? request.body : {};
  const presented = presentedCredentials(body['integration_auth_token'], headerOf(request, 'authorization'));
  if (presented.kind === 'secret') return presentedCredentialId(presented.credentialId);
  if (presented.kind === 'test-key') return presentedCredentialId(request.query['connection']);
  return null;
}
