import { findUnsafeText, isJsonObject, parseBasicCredentials, type VendorAnswer } from '@tally/vendor-kit';
import type { IssueAccessTokens } from '@tally/inventory-application';
import { renderOAuthError, renderOAuthToken } from './kibo-response.renderer';

/** Lifetime of a Kibo bearer token: an hour, as at Kibo. */
export const KIBO_TOKEN_TTL_SECONDS = 3600;

/**
 * `POST /oauthserver/oauth2/token`: OAuth2 client credentials. The client authenticates with
 * HTTP Basic (the connection's credential id and secret) and sends
 * `grant_type=client_credentials`, form-encoded or as JSON. A body holding text Tally never
 * accepts (a NUL, a lone surrogate), even in a member it does not read, is an invalid request.
 */
export class KiboTokenHandler {
  constructor(
    private readonly tokens: IssueAccessTokens,
    private readonly ttlSeconds: number = KIBO_TOKEN_TTL_SECONDS,
  ) {}

  async token(authorization: string | undefined, body: unknown): Promise<VendorAnswer> {
    const credentials = parseBasicCredentials(authorization);
    if (!credentials) return renderOAuthError(401, 'invalid_client', 'authenticate with HTTP Basic: the API key and secret');
    const unsafe = findUnsafeText(body, '');
    if (unsafe) return renderOAuthError(400, 'invalid_request', `${unsafe.field} ${unsafe.message}`);
    const grant = isJsonObject(body) ? body['grant_type'] : undefined;
    if (grant === undefined) return renderOAuthError(400, 'invalid_request', 'grant_type is required');
    if (grant !== 'client_credentials') return renderOAuthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    const issued = await this.tokens.login('kibo', credentials.userId, credentials.password, this.ttlSeconds);
    if (!issued) return renderOAuthError(401, 'invalid_client', 'the API key or secret is wrong, or the connection is revoked');
    return renderOAuthToken(issued.token, issued.expiresInSeconds);
  }
}
