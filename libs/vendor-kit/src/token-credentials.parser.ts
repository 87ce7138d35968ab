import { isSafeText } from './safe-text.rule';

/** Longest token read from an `Authorization` header unless a dialect says otherwise. */
export const MAX_TOKEN_LENGTH = 1024;

// RFC 6750 §2.1 b64token (RFC 7235 token68): letters, digits, - . _ ~ + /, then optional '='.
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The token of `Authorization: <scheme> <token>`: the scheme in any case (RFC 7235 §2.1), one or
 * more spaces, then a token68 of at most `maxLength` characters. Surrounding whitespace is
 * ignored. Null when the header is absent, of another scheme or malformed.
 */
export function parseSchemeToken(authorization: unknown, scheme: string, maxLength = MAX_TOKEN_LENGTH): string | null {
  if (typeof authorization !== 'string') return null;
  const text = authorization.trim();
  const space = text.indexOf(' ');
  if (space <= 0 || text.slice(0, space).toLowerCase() !== scheme.toLowerCase()) return null;
  const token = text.slice(space + 1).replace(/^ +/, '');
  return token.length <= maxLength && TOKEN68.test(token) ? token : null;
}

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1), or null. */
export function parseBearerToken(authorization: unknown, maxLength = MAX_TOKEN_LENGTH): string | null {
  return parseSchemeToken(authorization, 'Bearer', maxLength);
}

/** A connection's public credential id and its secret. */
export interface SplitCredential {
  readonly credentialId: string;
  readonly secret: string;
}

/**
 * Splits a connection token `<credentialId>.<secret>` at the FIRST dot (a secret may contain
 * dots); null when either part is empty or the token is not safe text ({@link isSafeText}): a
 * token no connection can have is refused like a wrong one, before any lookup.
 */
export function splitConnectionToken(token: string): SplitCredential | null {
  if (!isSafeText(token)) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  return { credentialId: token.slice(0, dot), secret: token.slice(dot + 1) };
}
