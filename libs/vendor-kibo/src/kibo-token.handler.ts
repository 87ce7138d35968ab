import type { IssueAccessTokens } from '@tally/inventory-application';
import { renderOAuthError, renderOAuthToken, type KiboAnswer } from './kibo-response.renderer';

/** Lifetime of a Kibo bearer token: an hour, as at Kibo. */
export const KIBO_TOKEN_TTL_SECONDS = 3600;

/**
 * `POST /oauthserver/oauth2/token`: OAuth2 client credentials. The client authenticates with
 * HTTP Basic (the connection's credential id and secret) and sends
 * `grant_type=client_credentials`, form-encoded or as JSON.
 */
export class KiboTokenHandler {
  constructor(
    private readonly tokens: IssueAccessTokens,
    private readonly ttlSeconds: number = KIBO_TOKEN_TTL_SECONDS,
  ) {}

  async token(authorization: string | undefined, body: unknown): Promise<KiboAnswer> {
    const credentials = basicCredentials(authorization);
    if (!credentials) return renderOAuthError(401, 'invalid_client', 'authenticate with HTTP Basic: the API key and secret');
    const grant = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)['grant_type'] : undefined;
    if (grant === undefined) return renderOAuthError(400, 'invalid_request', 'grant_type is required');
    if (grant !== 'client_credentials') return renderOAuthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    const issued = await this.tokens.login('kibo', credentials.id, credentials.secret, this.ttlSeconds);
    if (!issued) return renderOAuthError(401, 'invalid_client', 'the API key or secret is wrong, or the connection is revoked');
    return renderOAuthToken(issued.token, issued.expiresInSeconds);
  }
}

/** The id and secret of an HTTP Basic header, or null. */
export function basicCredentials(authorization: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(authorization ?? '');
  if (!match) return null;
  const decoded = decodeBase64Utf8(match[1]);
  if (decoded === null) return null;
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// The lib stays free of Node and DOM globals (no Buffer, no atob): decode by hand.
function decodeBase64Utf8(text: string): string | null {
  const clean = text.replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  let escaped = '';
  for (const ch of clean) {
    const digit = BASE64.indexOf(ch);
    if (digit < 0) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      escaped += `%${((value >> bits) & 0xff).toString(16).padStart(2, '0')}`;
    }
  }
  try {
    return decodeURIComponent(escaped);
  } catch {
    return null;
  }
}
