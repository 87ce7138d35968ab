import type { FastifyRequest } from 'fastify';

/** The error an answer carries, as the connection's activity keeps it. */
export interface RequestRefusal {
  readonly code: string;
  readonly message: string;
}

const REFUSAL = Symbol('tally.requestRefusal');

type Noted = FastifyRequest & { [REFUSAL]?: RequestRefusal };

/** Notes the problem a request is answered with, before a dialect renders it in its own shape. */
export function noteRequestRefusal(request: FastifyRequest, refusal: RequestRefusal): void {
  (request as Noted)[REFUSAL] = { code: refusal.code, message: refusal.message };
}

/** Bodies larger than this are not read for their error: an error answer is small. */
const MAX_READ_BYTES = 64 * 1024;

/**
 * The error of a refused request: the problem noted when the API answered it, or else the code
 * and message read from the answer's JSON, whatever the dialect's shape (a top-level `code`, the
 * first of `errors` or `events`, an OAuth `error`); `HTTP.<status>` when it names none.
 */
export function refusalOf(request: FastifyRequest, status: number, payload: unknown): RequestRefusal {
  const noted = (request as Noted)[REFUSAL];
  if (noted) return noted;
  const body = parsed(payload);
  const first = (key: string): Record<string, unknown> => {
    const list = body[key];
    return Array.isArray(list) && isObject(list[0]) ? list[0] : {};
  };
  const candidates = [body, first('errors'), first('events')];
  const pick = (keys: readonly string[]): string | undefined => {
    for (const from of candidates) for (const key of keys) if (typeof from[key] === 'string' && from[key] !== '') return from[key];
    return undefined;
  };
  return {
    code: pick(['code', 'errorCode']) ?? (typeof body['error'] === 'string' && /^[a-z_]+$/.test(body['error']) ? body['error'] : `HTTP.${status}`),
    message: pick(['detail', 'message', 'error_description', 'title']) ?? '',
  };
}

function parsed(payload: unknown): Record<string, unknown> {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
  if (text === null || text.length > MAX_READ_BYTES) return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
