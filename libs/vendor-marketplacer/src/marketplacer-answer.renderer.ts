import type { CanonicalErrorCode, VendorAnswer } from '@tally/vendor-kit';
import { JSON_API_MEDIA_TYPE, type MarketplacerErrorCode, type MarketplacerProblem } from './marketplacer-error.model';

/** Headers of every answer of the dialect. */
const BASE_HEADERS = { 'content-type': JSON_API_MEDIA_TYPE };

/** A JSON:API error object: `status` is a string, as the specification requires. */
export interface JsonApiError {
  readonly status: string;
  readonly code: MarketplacerErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly source?: Readonly<Record<string, string>>;
}

/** A successful JSON:API document answer. */
export function documentAnswer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): VendorAnswer {
  return { status, headers: { ...BASE_HEADERS, ...headers }, body };
}

/** A 204 without a body. */
export function noContentAnswer(): VendorAnswer {
  return { status: 204, headers: {}, body: null };
}

/**
 * Problems as one JSON:API `errors[]` document. The answer's status is the first problem's:
 * the problems of one request are found by the same step, so they share it.
 */
export function errorAnswer(problems: readonly MarketplacerProblem[], headers: Readonly<Record<string, string>> = {}): VendorAnswer {
  const status = problems[0]?.status ?? 500;
  const extra: Record<string, string> = { ...headers };
  if (status === 401) extra['www-authenticate'] = 'Bearer realm="marketplacer"';
  return documentAnswer(status, { errors: problems.map(errorObjectOf) }, extra);
}

function errorObjectOf(problem: MarketplacerProblem): JsonApiError {
  return {
    status: String(problem.status),
    code: problem.code,
    title: problem.title,
    detail: problem.detail,
    ...(problem.source ? { source: { ...problem.source } } : {}),
  };
}

/** A canonical error (framework, use case) as a Marketplacer error, for the app's error filter. */
export function renderCanonicalError(input: {
  status: number;
  code: CanonicalErrorCode;
  title: string;
  detail: string;
  fields: readonly { field: string; message: string }[];
  headers?: Readonly<Record<string, string>>;
}): VendorAnswer {
  const problems: MarketplacerProblem[] = input.fields.length
    ? input.fields.map((f) => ({ status: input.status, code: input.code, title: input.title, detail: f.message, source: { pointer: pointerOf(f.field) } }))
    : [
        {
          status: input.status,
          code: input.code,
          title: input.title,
          detail: input.detail,
          ...(input.status === 400 || input.status === 413 || input.status === 415 ? { source: { pointer: '' } } : {}),
        },
      ];
  const headers: Record<string, string> = {};
  const retryAfter = input.headers?.['retry-after'];
  if (retryAfter) headers['retry-after'] = retryAfter;
  return errorAnswer(problems, headers);
}

/** `data[0].attributes` → `/data/0/attributes`; `body` (the whole document) → ``. */
function pointerOf(field: string): string {
  if (field === 'body') return '';
  return (
    '/' +
    field
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean)
      .join('/')
  );
}
