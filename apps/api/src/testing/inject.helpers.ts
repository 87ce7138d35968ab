import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A parsed answer of `app.inject`. */
export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Calls the app in process with a bearer key and JSON body. */
export function caller(app: NestFastifyApplication, key: string | null) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await app.inject({
      method,
      url,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const text = response.body;
    return { status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
}
