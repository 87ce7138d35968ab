/** A JSON answer of the API. */
export interface Answer {
  readonly status: number;
  // Bodies are checked field by field in the tests.
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the API over HTTP from the test (what a vendor or a script would do). */
export async function call(baseUrl: string, method: string, path: string, options: { json?: unknown; headers?: Record<string, string>; raw?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.raw,
  });
  const text = await response.text();
  return { status: response.status, body: text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

/** Headers of an API key. */
export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
