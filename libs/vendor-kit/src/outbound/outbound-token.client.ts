import type { OutboundRequestInit } from './outbound-fetch.model';
import type { OutboundContext, OutboundTarget } from './outbound-connector.model';
import {
  exchangeWithChannel,
  isSuccessStatus,
  refusalOf,
  type OutboundAnswer,
  type OutboundExchange,
  type OutboundRequestFailure,
} from './outbound-exchange.util';

/** What a connector says of its channel's token: how to ask for one, and how to read the answer. */
export interface OutboundTokenSource {
  /** The dialect: the cache key's prefix, so two connectors' tokens never mix. */
  readonly dialect: string;
  /** What error details call the token request (`token request`, `login`). */
  readonly label: string;
  /** Who a token belongs to (endpoint and client): when it changes, a new token is asked for. */
  ownerOf(target: OutboundTarget): string;
  /** The token request. */
  request(target: OutboundTarget): { readonly url: string; readonly init: OutboundRequestInit };
  /** Why the channel refused the request, from its answer; never echoes the credentials. */
  refusalOf(answer: OutboundAnswer): string;
  /** The token and its lifetime from a 2xx answer issued at `issuedAt`, or what is wrong with the answer. */
  read(answer: OutboundAnswer, issuedAt: number): { readonly token: string; readonly lifetimeMs: number } | { readonly malformed: string };
}

/** A token to use, or why none could be had. `cached` says it came from an earlier send. */
export type OutboundTokenOutcome =
  { readonly ok: true; readonly token: string; readonly cached: boolean } | { readonly ok: false; readonly failure: OutboundRequestFailure };

/** The channel's answer to a request made with its token, or why the request failed as a whole. */
export type OutboundAuthorizedAnswer = OutboundAnswer | { readonly kind: 'failed'; readonly failure: OutboundRequestFailure };

interface ReadyToken {
  readonly owner: string;
  readonly token: string;
  readonly renewAt: number;
}
interface PendingToken {
  readonly owner: string;
  readonly pending: Promise<OutboundTokenOutcome>;
}
type FreshToken = { readonly ok: true; readonly token: string; readonly renewAt: number } | { readonly ok: false; readonly failure: OutboundRequestFailure };

/** When to renew a token of `lifetimeMs`: a minute or a tenth of its life before it ends, whichever is more (at most half of it). */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(Math.max(60_000, lifetimeMs / 10), lifetimeMs / 2);
}

/**
 * A channel's token, kept in the context's cache per channel: the cached one while it has more
 * than its renewal margin left ({@link renewalMarginMs}), else a new one. Concurrent sends of one
 * channel share one token request; a token the channel refuses (401) is dropped.
 */
export class OutboundTokenClient {
  constructor(private readonly source: OutboundTokenSource) {}

  /** The token to use for the channel. */
  async token(target: OutboundTarget, context: OutboundContext): Promise<OutboundTokenOutcome> {
    const key = this.keyOf(target);
    const owner = this.source.ownerOf(target);
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
      pending: this.requestToken(target, context).then((outcome) => {
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
  drop(target: OutboundTarget, context: OutboundContext, token: string): void {
    const key = this.keyOf(target);
    const entry = context.cache.get(key) as ReadyToken | PendingToken | undefined;
    if (entry && 'token' in entry && entry.token === token) context.cache.delete(key);
  }

  /**
   * Sends a request with the channel's token (`init` builds it around the token); on a 401 to a
   * cached token, drops it, gets a new one and sends once more. A new token refused is the answer.
   */
  async exchange(
    target: OutboundTarget,
    context: OutboundContext,
    url: string,
    init: (token: string) => OutboundRequestInit,
  ): Promise<OutboundAuthorizedAnswer> {
    let token = await this.token(target, context);
    if (!token.ok) return { kind: 'failed', failure: token.failure };
    let exchange: OutboundExchange = await exchangeWithChannel(context, url, init(token.token));
    if (exchange.kind === 'answer' && exchange.status === 401 && token.cached) {
      this.drop(target, context, token.token);
      token = await this.token(target, context);
      if (!token.ok) return { kind: 'failed', failure: token.failure };
      exchange = await exchangeWithChannel(context, url, init(token.token));
    }
    return exchange.kind === 'failed' ? { kind: 'failed', failure: { status: null, detail: exchange.detail } } : exchange;
  }

  private async requestToken(target: OutboundTarget, context: OutboundContext): Promise<FreshToken> {
    const issuedAt = context.now();
    const { url, init } = this.source.request(target);
    const exchange = await exchangeWithChannel(context, url, init);
    const label = this.source.label;
    if (exchange.kind === 'failed') return { ok: false, failure: { status: null, detail: `${label}: ${exchange.detail}` } };
    if (!isSuccessStatus(exchange.status)) {
      return { ok: false, failure: refusalOf(exchange, `${label} refused: ${this.source.refusalOf(exchange)}`, context.now()) };
    }
    const read = this.source.read(exchange, issuedAt);
    if ('malformed' in read) return { ok: false, failure: { status: null, detail: read.malformed } };
    return { ok: true, token: read.token, renewAt: issuedAt + read.lifetimeMs - renewalMarginMs(read.lifetimeMs) };
  }

  private keyOf(target: OutboundTarget): string {
    return `${this.source.dialect}:token:${target.channelId}`;
  }
}
