import { retryAfterMs, type OutboundContext, type OutboundTarget } from '@tally/vendor-kit';
import { excerptOf, kiboExchange, parseJsonText, type KiboRequestFailure } from './kibo-outbound-http.util';

/** Path of Kibo's OAuth2 token endpoint, after the channel's base URL. */
export const KIBO_TOKEN_PATH = '/oauthserver/oauth2/token';
/** Lifetime assumed when the token answer names none: about an hour, as Kibo's tokens live. */
export const KIBO_ASSUMED_TOKEN_SECONDS = 3600;

/** A bearer token to use, or why none could be had. `cached` says it came from an earlier send. */
export type KiboTokenOutcome =
  { readonly ok: true; readonly token: string; readonly cached: boolean } | { readonly ok: false; readonly failure: KiboRequestFailure };

interface ReadyToken {
  readonly owner: string;
  readonly token: string;
  readonly renewAt: number;
}
interface PendingToken {
  readonly owner: string;
  readonly pending: Promise<KiboTokenOutcome>;
}

/**
 * The channel's bearer token: the cached one while it has more than a minute or a tenth of its
 * lifetime left, else a new one. Concurrent sends of one channel share one token request.
 */
export async function kiboAccessToken(target: OutboundTarget, context: OutboundContext): Promise<KiboTokenOutcome> {
  const key = cacheKeyOf(target);
  const owner = ownerOf(target);
  const entry = context.cache.get(key) as ReadyToken | PendingToken | undefined;
  if (entry && entry.owner === owner) {
    if ('pending' in entry) {
      const shared = await entry.pending;
      return shared.ok ? { ...shared, cached: true } : shared;
    }
    if (context.now() < entry.renewAt) return { ok: true, token: entry.token, cached: true };
  }
  const placeholder: PendingToken = {
    owner,
    pending: requestToken(target, context).then((outcome) => {
      if (context.cache.get(key) === placeholder) {
        if (outcome.ok) context.cache.set(key, { owner, token: outcome.token, renewAt: outcome.renewAt } satisfies ReadyToken);
        else context.cache.delete(key);
      }
      return outcome.ok ? { ok: true, token: outcome.token, cached: false } : outcome;
    }),
  };
  context.cache.set(key, placeholder);
  return placeholder.pending;
}

/** Forgets a token the channel refused (401), unless a newer one already replaced it. */
export function dropKiboToken(target: OutboundTarget, context: OutboundContext, token: string): void {
  const key = cacheKeyOf(target);
  const entry = context.cache.get(key) as ReadyToken | PendingToken | undefined;
  if (entry && 'token' in entry && entry.token === token) context.cache.delete(key);
}

/** When to renew a token of `lifetimeMs`: a minute or a tenth of its life before it ends, whichever is more (at most half of it). */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(Math.max(60_000, lifetimeMs / 10), lifetimeMs / 2);
}

type FreshToken = { readonly ok: true; readonly token: string; readonly renewAt: number } | { readonly ok: false; readonly failure: KiboRequestFailure };

async function requestToken(target: OutboundTarget, context: OutboundContext): Promise<FreshToken> {
  const issuedAt = context.now();
  const basic = Buffer.from(`${target.credentials['clientId'] ?? ''}:${target.credentials['clientSecret'] ?? ''}`, 'utf8').toString('base64');
  const exchange = await kiboExchange(context, `${target.baseUrl}${KIBO_TOKEN_PATH}`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: 'grant_type=client_credentials',
  });
  if (exchange.kind === 'failed') return { ok: false, failure: { status: null, detail: `token request: ${exchange.detail}` } };
  if (exchange.status < 200 || exchange.status > 299) {
    const wait = retryAfterMs(exchange.headers.get('retry-after'), context.now());
    const failure = { status: exchange.status, detail: `token request refused: ${oauthErrorOf(exchange.text)}` };
    return { ok: false, failure: wait === undefined ? failure : { ...failure, retryAfterMs: wait } };
  }
  const body = parseJsonText(exchange.text) as Record<string, unknown> | null | undefined;
  const token = body && typeof body === 'object' ? body['access_token'] : undefined;
  if (typeof token !== 'string' || token === '') {
    return { ok: false, failure: { status: null, detail: 'token answer is malformed: no access_token string' } };
  }
  const lifetimeMs = lifetimeSecondsOf(body?.['expires_in']) * 1000;
  return { ok: true, token, renewAt: issuedAt + lifetimeMs - renewalMarginMs(lifetimeMs) };
}

function lifetimeSecondsOf(value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : KIBO_ASSUMED_TOKEN_SECONDS;
}

// RFC 6749 §5.2 errors name the problem without echoing the credentials.
function oauthErrorOf(text: string): string {
  const body = parseJsonText(text) as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && typeof body['error'] === 'string') {
    const description = typeof body['error_description'] === 'string' ? `: ${excerptOf(body['error_description'])}` : '';
    return `${body['error']}${description}`;
  }
  return excerptOf(text);
}

function cacheKeyOf(target: OutboundTarget): string {
  return `kibo:token:${target.channelId}`;
}

// A token belongs to one endpoint and client: a changed base URL or client id gets a new one.
function ownerOf(target: OutboundTarget): string {
  return `${target.baseUrl}|${target.credentials['clientId'] ?? ''}`;
}
