import { randomUUID } from 'node:crypto';

/** The header a client may name its request by; the answer always carries the id used. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Longest request id taken from a client. */
export const MAX_REQUEST_ID_LENGTH = 200;

// Visible ASCII only: no spaces, control characters or non-ASCII, so the id is safe in a header
// echoed back and on one log line, and cannot forge a second line.
const REASONABLE_ID = new RegExp(`^[\\x21-\\x7e]{1,${MAX_REQUEST_ID_LENGTH}}$`);

/**
 * The id a request is known by (ADR 0052): the client's X-Request-Id when it sent exactly one
 * that is reasonable (1 to 200 visible ASCII characters), else a new UUID. An unreasonable id is
 * replaced, not refused: a tracing header never fails a request.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && REASONABLE_ID.test(header) ? header : randomUUID();
}
