import { bodyExcerptOf, OutboundTokenClient, type OutboundAnswer } from '@tally/vendor-kit';
import { CRUX_TOKEN_TTL_SECONDS } from '../crux-inventory.handler';

/** Path of Crux's login call, after the channel's base URL. */
export const CRUX_LOGIN_PATH = '/timp/organizations/user-login/';

/** The channel's `auth_token`: a user login, kept and renewed before it ends. */
export const cruxTokens = new OutboundTokenClient({
  dialect: 'crux',
  label: 'login',
  // A token belongs to one endpoint and user: a changed base URL or user name gets a new one.
  ownerOf: (target) => `${target.baseUrl}|${target.credentials['username'] ?? ''}`,
  request: (target) => ({
    url: `${target.baseUrl}${CRUX_LOGIN_PATH}`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify({ username: target.credentials['username'] ?? '', password: target.credentials['password'] ?? '' }),
    },
  }),
  refusalOf: cruxMessageOf,
  read: (answer, issuedAt) => {
    const body = answer.json as Record<string, unknown> | null | undefined;
    // Lenient: `token` is how a plain token login names it; Crux's answer names it `auth_token`.
    const token = body && typeof body === 'object' ? (body['auth_token'] ?? body['token']) : undefined;
    if (typeof token !== 'string' || token === '') return { malformed: 'login answer is malformed: no auth_token string' };
    return { token, lifetimeMs: lifetimeMsOf(body, issuedAt) };
  },
});

/** `expires_in` seconds, else `expires_at`, else Crux's two hours. */
function lifetimeMsOf(body: Record<string, unknown> | null | undefined, issuedAt: number): number {
  const seconds = body?.['expires_in'];
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  const at = typeof body?.['expires_at'] === 'string' ? Date.parse(body['expires_at']) : Number.NaN;
  if (Number.isFinite(at) && at > issuedAt) return at - issuedAt;
  return CRUX_TOKEN_TTL_SECONDS * 1000;
}

/** The `message` of an error answer (Crux's), or its `detail` (a REST framework's), else an excerpt of it. */
export function cruxMessageOf(answer: OutboundAnswer): string {
  const body = answer.json as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && typeof body['message'] === 'string') return bodyExcerptOf(body['message']);
  if (body && typeof body === 'object' && typeof body['detail'] === 'string') return bodyExcerptOf(body['detail']);
  return bodyExcerptOf(answer.text);
}
