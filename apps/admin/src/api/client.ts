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

/** A dry run's preview of a stock file. */
export type ImportPreview = Schemas['StockImportPreviewDto'];
/** A stock file accepted as an import job. */
export type ImportJob = Schemas['StockImportJobDto'];

/**
 * Uploads a stock file to `POST /api/v1/stock-levels/import` as it is (the generated client
 * sends JSON only): its media type from its name (`.ndjson`, `.jsonl`: NDJSON, else CSV).
 */
export async function uploadStockFile(file: Blob & { name: string }, query: Record<string, string>, dryRun: true): Promise<ImportPreview>;
export async function uploadStockFile(file: Blob & { name: string }, query: Record<string, string>, dryRun: false): Promise<ImportJob>;
export async function uploadStockFile(file: Blob & { name: string }, query: Record<string, string>, dryRun: boolean): Promise<ImportPreview | ImportJob> {
  const ndjson = /\.(ndjson|jsonl)$/i.test(file.name);
  const params = new URLSearchParams({ ...query, format: ndjson ? 'ndjson' : 'csv', dryRun: String(dryRun), reference: file.name.slice(0, 200) });
  const response = await fetch(`${window.location.origin}/api/v1/stock-levels/import?${params}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': ndjson ? 'application/x-ndjson' : 'text/csv' },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw new ApiProblem(response.status, body as Partial<Schemas['ProblemDetailsDto']>);
  return body as ImportPreview | ImportJob;
}
