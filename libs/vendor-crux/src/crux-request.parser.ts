import { err, ok } from '@tally/inventory-domain';
import { isJsonObject, parseSchemeToken } from '@tally/vendor-kit';
import { CruxErrorCodes, cruxProblem, type CruxParse } from './crux-inventory.model';

/** Most elements one bulk call may carry; more is refused whole with 400. */
export const MAX_CRUX_BULK = 1000;
const MAX_CREDENTIAL_LENGTH = 512;
const MAX_TOKEN_LENGTH = 512;

/** The body of the login call. */
export interface CruxLogin {
  readonly username: string;
  readonly password: string;
}

/** Parses `POST /timp/organizations/user-login/`: `username` and `password`, both strings, nothing else. */
export function parseCruxLogin(body: unknown): CruxParse<CruxLogin> {
  if (!isJsonObject(body)) {
    return err(cruxProblem(400, CruxErrorCodes.malformed, [{ field: 'body', message: 'the body must be a JSON object' }]));
  }
  const record = body;
  const problems = Object.keys(record)
    .filter((key) => key !== 'username' && key !== 'password')
    .slice(0, 20)
    .map((field) => ({ field, message: `${field} is not a login field: send username and password` }));
  for (const field of ['username', 'password'] as const) {
    const value = record[field];
    if (value === undefined) problems.push({ field, message: `${field} is required` });
    else if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CREDENTIAL_LENGTH) {
      problems.push({ field, message: `${field} must be a non-empty string of at most ${MAX_CREDENTIAL_LENGTH} characters` });
    }
  }
  if (problems.length) {
    const missing = problems.every((p) => p.message.endsWith('is required'));
    return err(cruxProblem(400, missing ? CruxErrorCodes.missingField : CruxErrorCodes.invalidField, problems));
  }
  return ok({ username: record['username'] as string, password: record['password'] as string });
}

/** Parses the bulk body: an array of 1 to {@link MAX_CRUX_BULK} elements, each parsed on its own later. */
export function parseCruxBulk(body: unknown): CruxParse<readonly unknown[]> {
  if (!Array.isArray(body)) {
    return err(cruxProblem(400, CruxErrorCodes.malformed, [{ field: 'body', message: 'the body must be a JSON array of sku updates' }]));
  }
  if (body.length === 0 || body.length > MAX_CRUX_BULK) {
    const message = `the array must hold 1 to ${MAX_CRUX_BULK} sku updates, got ${body.length}`;
    return err(cruxProblem(400, CruxErrorCodes.invalidField, [{ field: 'body', message }]));
  }
  return ok(body);
}

/**
 * The token of an `Authorization: Token <token>` header, or null (the scheme in any case, a
 * token68 of at most 512 characters).
 */
export function tokenOfHeader(header: unknown): string | null {
  return parseSchemeToken(header, 'Token', MAX_TOKEN_LENGTH);
}
