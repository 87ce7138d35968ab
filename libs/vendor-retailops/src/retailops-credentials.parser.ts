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
    const dot = token.indexOf('.');
    if (dot <= 0 || dot === token.length - 1) return { kind: 'malformed' };
    return { kind: 'secret', credentialId: token.slice(0, dot), secret: token.slice(dot + 1) };
  }
  const basic = basicCredentials(authorization);
  return basic ? { kind: 'secret', ...basic } : authorization ? { kind: 'malformed' } : { kind: 'none' };
}

/** The user name and password of an HTTP Basic header, or null. */
export function basicCredentials(authorization: string | undefined): { credentialId: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return null;
  const decoded = decodeBase64(match[1]);
  if (decoded === null) return null;
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { credentialId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Base64 to text, byte by byte: Tally's credential ids and secrets are ASCII, so no UTF-8 decoder
 * is needed (and the lib stays free of Node's Buffer). Null when the input is not base64.
 */
function decodeBase64(input: string): string | null {
  const clean = input.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  let bits = 0;
  let value = 0;
  let out = '';
  for (const char of clean) {
    const index = BASE64.indexOf(char);
    if (index < 0) return null;
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}
