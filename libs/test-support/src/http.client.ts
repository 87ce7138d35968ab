/** A parsed HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  /** JSON bodies parsed, any other body as text; tests check bodies field by field. */
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

/** The headers and body a client sends for `options`, with `Authorization: Bearer <key>` unless the key is null. */
export function outgoingOf(key: string | null, options: RequestOptions): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { ...(key ? { authorization: `Bearer ${key}` } : {}) };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    body = options.raw;
  }
  return { headers: { ...headers, ...options.headers }, body };
}

/** An answer read whole: JSON bodies parsed, any other as text. */
export function answerOf(status: number, headers: Headers, text: string): Answer {
  const contentType = headers.get('content-type') ?? '';
  return { status, headers, contentType, body: /[/+]json\b/.test(contentType) && text ? JSON.parse(text) : text };
}

/** Calls the server over real HTTP, with `Authorization: Bearer <key>` unless the key is null. */
export function client(baseUrl: string, key: string | null): Client {
  return async (method, path, options = {}) => {
    const { headers, body } = outgoingOf(key, options);
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: options.signal });
    return answerOf(response.status, response.headers, await response.text());
  };
}

/** Headers of an API key, for a request of a client without one. */
export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/**
 * The body of an answer with the expected status (any 2xx by default); otherwise throws with the
 * status and the start of the body. For set-up calls whose failure is not what a test checks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectStatus(answer: Answer, what: string, expected?: number): any {
  const fine = expected === undefined ? answer.status >= 200 && answer.status < 300 : answer.status === expected;
  if (!fine) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer.body;
}
