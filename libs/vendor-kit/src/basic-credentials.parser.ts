/** The user-id and password of an HTTP Basic `Authorization` header (RFC 7617). */
export interface BasicCredentials {
  /** Never empty: Tally's credential ids never are, so an empty one is a malformed header. */
  readonly userId: string;
  /** May be empty, as RFC 7617 allows; it then fails verification like any wrong secret. */
  readonly password: string;
}

/** Longest base64 part read; real credentials are far shorter, and longer is not decoded. */
export const MAX_BASIC_TOKEN_LENGTH = 1024;

const BASIC = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// RFC 7617 §2: neither the user-id nor the password contains a control character.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Reads `Authorization: Basic <base64(user-id:password)>` as RFC 7617 says: the scheme in any
 * case, strict base64 (padding only at the end and only to a multiple of four, no stray bits),
 * UTF-8 text, split at the FIRST colon so a password may contain colons. Null when the header
 * is absent, of another scheme or malformed.
 */
export function parseBasicCredentials(authorization: unknown): BasicCredentials | null {
  if (typeof authorization !== 'string') return null;
  const match = BASIC.exec(authorization.trim());
  if (!match || match[1].length > MAX_BASIC_TOKEN_LENGTH) return null;
  const text = decodeBase64Utf8(match[1]);
  if (text === null || CONTROL.test(text)) return null;
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { userId: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Base64 to UTF-8 text, or null when either is invalid. By hand: the kit stays free of Node's
 * Buffer and the DOM's atob; `decodeURIComponent` is the standard strict UTF-8 decoder.
 */
function decodeBase64Utf8(encoded: string): string | null {
  const padding = encoded.length - encoded.replace(/=+$/, '').length;
  const digits = encoded.slice(0, encoded.length - padding);
  if (padding > 0 && encoded.length % 4 !== 0) return null;
  if (digits.length % 4 === 1) return null;
  let bits = 0;
  let value = 0;
  let escaped = '';
  for (const char of digits) {
    value = ((value << 6) | BASE64.indexOf(char)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      escaped += `%${((value >> bits) & 0xff).toString(16).padStart(2, '0')}`;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  try {
    return decodeURIComponent(escaped);
  } catch {
    return null;
  }
}
