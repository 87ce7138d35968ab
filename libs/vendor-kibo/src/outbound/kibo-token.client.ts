import { bodyExcerptOf, OutboundTokenClient, type OutboundAnswer, type OutboundTarget } from '@tally/vendor-kit';

/** Path of Kibo's OAuth2 token endpoint, after the channel's base URL. */
export const KIBO_TOKEN_PATH = '/oauthserver/oauth2/token';
/** Lifetime assumed when the token answer names none: about an hour, as Kibo's tokens live. */
export const KIBO_ASSUMED_TOKEN_SECONDS = 3600;

/** The channel's bearer token: an OAuth2 client-credentials grant, kept and renewed before it ends. */
export const kiboTokens = new OutboundTokenClient({
  dialect: 'kibo',
  label: 'token request',
  // A token belongs to one endpoint and client: a changed base URL or client id gets a new one.
  ownerOf: (target) => `${target.baseUrl}|${target.credentials['clientId'] ?? ''}`,
  request: (target: OutboundTarget) => {
    const basic = Buffer.from(`${target.credentials['clientId'] ?? ''}:${target.credentials['clientSecret'] ?? ''}`, 'utf8').toString('base64');
    return {
      url: `${target.baseUrl}${KIBO_TOKEN_PATH}`,
      init: {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: 'grant_type=client_credentials',
      },
    };
  },
  refusalOf: oauthErrorOf,
  read: (answer) => {
    const body = answer.json as Record<string, unknown> | null | undefined;
    const token = body && typeof body === 'object' ? body['access_token'] : undefined;
    if (typeof token !== 'string' || token === '') return { malformed: 'token answer is malformed: no access_token string' };
    return { token, lifetimeMs: lifetimeSecondsOf(body?.['expires_in']) * 1000 };
  },
});

function lifetimeSecondsOf(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : KIBO_ASSUMED_TOKEN_SECONDS;
}

// RFC 6749 §5.2 errors name the problem without echoing the credentials.
function oauthErrorOf(answer: OutboundAnswer): string {
  const body = answer.json as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && typeof body['error'] === 'string') {
    const description = typeof body['error_description'] === 'string' ? `: ${bodyExcerptOf(body['error_description'])}` : '';
    return `${body['error']}${description}`;
  }
  return bodyExcerptOf(answer.text);
}
