import { retryAfterMs, type OutboundContext, type OutboundTarget } from '@tally/vendor-kit';
import { CRUX_TOKEN_TTL_SECONDS } from '../crux-inventory.handler';
import { cruxExchange, excerptOf, parseJsonText, type CruxRequestFailure } from './crux-outbound-http.util';

/** Path of Crux's login call, after the channel's base URL. */
export const CRUX_LOGIN_PATH = '/timp/organizations/user-login/';

/** A token to use, or why none could be had. `cached` says it came from an earlier send. */
export type CruxTokenOutcome =
  { readonly ok: true; readonly token: string; readonly cached: boolean } | { readonly ok: false; readonly failure: CruxRequestFailure };

interface ReadyToken {
  readonly owner: string;
  readonly token: string;
  readonly renewAt: number;
}
interface PendingToken {
  readonly owner: string;
  readonly pending: Promise<CruxTokenOutcome>;
}

/**
 * The channel's `auth_token`: the cached one while it has more than a minute or a tenth of its
 * lifetime left, else a new login. Concurrent sends of one channel share one login.
 */
export async function cruxAuthToken(target: OutboundTarget, context: OutboundContext): Promise<CruxTokenOutcome> {
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
    pending: logIn(target, context).then((outcome) => {
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
export function dropCruxToken(target: OutboundTarget, context: OutboundContext, token: string): void {
  const key = cacheKeyOf(target);
  const entry = context.cache.get(key) as ReadyToken | PendingToken | undefined;
  if (entry && 'token' in entry && entry.token === token) context.cache.delete(key);
}

type FreshToken = { readonly ok: true; readonly token: string; readonly renewAt: number } | { readonly ok: false; readonly failure: CruxRequestFailure };

async function logIn(target: OutboundTarget, context: OutboundContext): Promise<FreshToken> {
  const issuedAt = context.now();
  const exchange = await cruxExchange(context, `${target.baseUrl}${CRUX_LOGIN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
    body: JSON.stringify({ username: target.credentials['username'] ?? '', password: target.credentials['password'] ?? '' }),
  });
  if (exchange.kind === 'failed') return { ok: false, failure: { status: null, detail: `login: ${exchange.detail}` } };
  if (exchange.status < 200 || exchange.status > 299) {
    const wait = retryAfterMs(exchange.headers.get('retry-after'), context.now());
    const failure = { status: exchange.status, detail: `login refused: ${cruxMessageOf(exchange.text)}` };
    return { ok: false, failure: wait === undefined ? failure : { ...failure, retryAfterMs: wait } };
  }
  const body = parseJsonText(exchange.text) as Record<string, unknown> | null | undefined;
  // Lenient: `token` is how a plain token login names it; Crux's answer names it `auth_token`.
  const token = body && typeof body === 'object' ? (body['auth_token'] ?? body['token']) : undefined;
  if (typeof token !== 'string' || token === '') return { ok: false, failure: { status: null, detail: 'login answer is malformed: no auth_token string' } };
  const lifetimeMs = lifetimeMsOf(body, issuedAt);
  return { ok: true, token, renewAt: issuedAt + lifetimeMs - Math.min(Math.max(60_000, lifetimeMs / 10), lifetimeMs / 2) };
}

/** `expires_in` seconds, else `expires_at`, else Crux's two hours. */
function lifetimeMsOf(body: Record<string, unknown> | null | undefined, issuedAt: number): number {
  const seconds = body?.['expires_in'];
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  const at = typeof body?.['expires_at'] === 'string' ? Date.parse(body['expires_at']) : Number.NaN;
  if (Number.isFinite(at) && at > issuedAt) return at - issuedAt;
  return CRUX_TOKEN_TTL_SECONDS * 1000;
}

/** The `message` of an error answer (Crux's), or its `detail` (a REST framework's), else an excerpt of it. */
export function cruxMessageOf(text: string): string {
  const body = parseJsonText(text) as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && typeof body['message'] === 'string') return excerptOf(body['message']);
  if (body && typeof body === 'object' && typeof body['detail'] === 'string') return excerptOf(body['detail']);
  return excerptOf(text);
}

function cacheKeyOf(target: OutboundTarget): string {
  return `crux:token:${target.channelId}`;
}

// A token belongs to one endpoint and user: a changed base URL or user name gets a new one.
function ownerOf(target: OutboundTarget): string {
  return `${target.baseUrl}|${target.credentials['username'] ?? ''}`;
}
