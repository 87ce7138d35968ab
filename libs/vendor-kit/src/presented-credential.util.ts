import type { PresentedCredential, PresentedRequest } from './dialect.descriptor';

/** Longest credential id the throttle keys by; a longer one is no credential id of Tally's. */
export const MAX_CREDENTIAL_ID_LENGTH = 200;

/** A header of the request as one string, or undefined when it is absent or repeated. */
export function headerOf(request: PresentedRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** A connection's public credential id as presented, or null when it is empty or too long to be one. */
export function presentedCredentialId(id: unknown): PresentedCredential | null {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_CREDENTIAL_ID_LENGTH ? { kind: 'credential-id', id } : null;
}

/** A token the server issued, as presented, or null. */
export function presentedToken(token: string | null | undefined): PresentedCredential | null {
  return token ? { kind: 'token', token } : null;
}
