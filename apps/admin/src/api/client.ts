import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

/** The canonical API's schemas, as generated from its OpenAPI document. */
export type Schemas = components['schemas'];

/**
 * The typed client of the canonical API. Same origin: the browser sends the HttpOnly session
 * cookie itself, so no key or token is ever held by this code.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });

/** An answer other than 2xx, with the API's problem details. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Schemas['ProblemDetailsDto']>,
  ) {
    super(problem.detail ?? `the API answered ${status}`);
  }
}

/** The data of an answer, or an {@link ApiProblem}. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiProblem(response.status, (error ?? {}) as Partial<Schemas['ProblemDetailsDto']>);
  return data as T;
}

/** A readable message for any error. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiProblem) {
    const fields = (error.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    return `${error.problem.code ?? error.status}: ${error.message}${fields ? ` (${fields})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
