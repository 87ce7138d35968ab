import { parseBasicCredentials, splitConnectionToken } from '@tally/vendor-kit';

/** The SDK's verification key, accepted only by a connection in test mode. */
export const RETAILOPS_TEST_KEY = 'RETAILOPS_SDK';

/** Credentials a request presents: a connection's public id and secret, or the test key. */
export type PresentedCredentials =
  | { readonly kind: 'secret'; readonly credentialId: string; readonly secret: string }
  | { readonly kind: 'test-key' }
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed' };

/**
 * What the request presents. `integration_auth_token` in the body wins when present: it is the
 * connection's token `<credentialId>.<secret>` (split at the first '.') or the test key. Without
 * it, HTTP Basic credentials (`curl -n`, older drafts) carry the id as user name and the secret as
 * password.
 */
export function presentedCredentials(token: unknown, authorization: string | undefined): PresentedCredentials {
  if (token !== undefined) {
    if (typeof token !== 'string') return { kind: 'malformed' };
    if (token === RETAILOPS_TEST_KEY) return { kind: 'test-key' };
    const split = splitConnectionToken(token);
    return split ? { kind: 'secret', ...split } : { kind: 'malformed' };
  }
  const basic = parseBasicCredentials(authorization);
  if (basic) return { kind: 'secret', credentialId: basic.userId, secret: basic.password };
  return authorization ? { kind: 'malformed' } : { kind: 'none' };
}
