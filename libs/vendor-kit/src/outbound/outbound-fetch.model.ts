/** A request a connector sends to a channel: always a whole body (or none), never a stream. */
export interface OutboundRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
  /** `manual` keeps `fetch` from following a redirect; `pooledHttpFetch` never follows one. */
  readonly redirect?: 'manual';
}

/** A channel's answer, as much of `Response` as connectors read. */
export interface OutboundResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * How connectors reach channels. The global `fetch` fits it (tests pass it); the dispatcher
 * passes `pooledHttpFetch`, which costs a fraction of `fetch`'s CPU per request.
 */
export type OutboundFetch = (url: string, init?: OutboundRequestInit) => Promise<OutboundResponse>;
