import {
  headerOf,
  parseBasicCredentials,
  parseBearerToken,
  presentedCredentialId,
  presentedToken,
  type PresentedCredential,
  type PresentedRequest,
} from '@tally/vendor-kit';

/**
 * What a Kibo request presents: on the token endpoint, the client id of its HTTP Basic
 * credentials (the connection's credential id); on every other route, the bearer token the
 * endpoint issued.
 */
export function kiboPresentedCredential(request: PresentedRequest): PresentedCredential | null {
  const authorization = headerOf(request, 'authorization');
  if (request.path.startsWith('/kibo/oauthserver/')) return presentedCredentialId(parseBasicCredentials(authorization)?.userId);
  return presentedToken(parseBearerToken(authorization));
}
