import { err, ok, type Result } from '@tally/inventory-domain';
import { parseBearerToken, splitConnectionToken, type SplitCredential } from '@tally/vendor-kit';
import { parameterProblem, type MarketplacerProblem } from './marketplacer-error.model';

/** JSON:API page parameters, checked. */
export interface PageParams {
  readonly number: number;
  readonly size: number;
}

/** Marketplacer's documented largest page. */
export const MAX_PAGE_SIZE = 100;
/** Without `page[size]` a client gets the largest page (see ADR 0009). */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE;
const WHOLE = /^[1-9]\d{0,8}$/;

/**
 * Reads `page[number]` and `page[size]` from a query string parsed flat (`page[size]` as a
 * key) or nested (`page: {size}`); any other parameter is refused, as JSON:API asks.
 */
export function parsePageParams(query: Readonly<Record<string, unknown>>): Result<PageParams, MarketplacerProblem[]> {
  const problems: MarketplacerProblem[] = [];
  const nested = typeof query['page'] === 'object' && query['page'] !== null ? (query['page'] as Record<string, unknown>) : {};
  for (const key of Object.keys(query)) {
    if (key !== 'page[number]' && key !== 'page[size]' && key !== 'page')
      problems.push(parameterProblem(key.slice(0, 100), `unknown query parameter "${key.slice(0, 100)}"`));
  }
  for (const key of Object.keys(nested)) {
    if (key !== 'number' && key !== 'size') problems.push(parameterProblem(`page[${key.slice(0, 100)}]`, `unknown page parameter "${key.slice(0, 100)}"`));
  }
  const number = wholeParam(query['page[number]'] ?? nested['number'], 'page[number]', 1, Number.MAX_SAFE_INTEGER, problems) ?? 1;
  const size = wholeParam(query['page[size]'] ?? nested['size'], 'page[size]', 1, MAX_PAGE_SIZE, problems) ?? DEFAULT_PAGE_SIZE;
  return problems.length ? err(problems) : ok({ number, size });
}

function wholeParam(value: unknown, name: string, min: number, max: number, problems: MarketplacerProblem[]): number | null {
  if (value === undefined) return null;
  const n = typeof value === 'string' && WHOLE.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(parameterProblem(name, `${name} must be a whole number from ${min} to ${max}`));
    return null;
  }
  return n;
}

/** One page of a list, and whether another follows. */
export function pageOf<T>(all: readonly T[], page: PageParams): { items: T[]; hasNext: boolean } {
  const start = (page.number - 1) * page.size;
  return { items: all.slice(start, start + page.size), hasNext: start + page.size < all.length };
}

/** A path id (variant, inventory record): a positive integer, else null (answered 404). */
export function pathId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}

/**
 * The API key of a request: `MARKETPLACER-API-KEY` when sent (the header a site guarded by
 * HTTP Basic authentication leaves `Authorization` free for), else `Authorization: Bearer`.
 */
export function apiKeyOf(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const dedicated = headers['marketplacer-api-key'];
  if (typeof dedicated === 'string' && dedicated.trim()) return dedicated.trim();
  const authorization = headers['authorization'];
  return parseBearerToken(authorization);
}

/** Splits `<credentialId>.<secret>` at the first dot; null when either part is empty. */
export function splitApiKey(key: string): SplitCredential | null {
  return key.length > 400 ? null : splitConnectionToken(key);
}
