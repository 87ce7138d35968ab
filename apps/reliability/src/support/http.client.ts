/** A parsed HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  // Bodies are checked field by field in the tests.
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Options of one request. */
export interface RequestOptions {
  /** A JSON body, serialized. */
  readonly json?: unknown;
  /** A body sent as is (malformed JSON, other media types). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** Aborts the request mid-flight. */
  readonly signal?: AbortSignal;
}

/** A client of one server with one API key (or none). */
export type Client = (method: string, path: string, options?: RequestOptions) => Promise<Answer>;

/** Calls the server over real HTTP. */
export function client(baseUrl: string, key: string | null): Client {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}) };
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.raw !== undefined) {
      body = options.raw;
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body, signal: options.signal });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text };
  };
}
