import type { VendorAnswer } from '@tally/vendor-kit';
import { ApplicationErrorCodes, errorOfLine, type IssuedToken, type LineReport } from '@tally/inventory-application';
import { DomainErrorCodes } from '@tally/inventory-domain';
import { CRUX_IDENTIFIERS, CruxErrorCodes, cruxProblem, type CruxIdentifier, type CruxProblem } from './crux-inventory.model';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

/** The document's answer to an applied (or unchanged) update. */
export const CRUX_SUCCESS = { message: 'success' } as const;

/** One element of the bulk answer, in the order of the request's array. */
export interface CruxBulkElement {
  readonly status_code: number;
  readonly message: string;
}

/** 200 `{"message": "success"}`. */
export function renderSuccess(): VendorAnswer {
  return { status: 200, headers: JSON_HEADERS, body: CRUX_SUCCESS };
}

/**
 * An error answer: `{status_code, message, code, errors[{field, message}]}`. A 401 asks for
 * a token (`WWW-Authenticate: Token`), a 405 names the one method allowed.
 */
export function renderProblem(problem: CruxProblem): VendorAnswer {
  const headers: Record<string, string> = { ...JSON_HEADERS };
  if (problem.status === 401) headers['www-authenticate'] = 'Token';
  if (problem.status === 405) headers['allow'] = 'POST';
  return {
    status: problem.status,
    headers,
    body: { status_code: problem.status, message: problem.message, code: problem.code, errors: problem.errors },
  };
}

/** The bulk answer: always 200, one `{status_code, message}` per element. */
export function renderBulk(elements: readonly (CruxProblem | null)[]): VendorAnswer {
  const body: CruxBulkElement[] = elements.map((p) => (p ? { status_code: p.status, message: p.message } : { status_code: 200, ...CRUX_SUCCESS }));
  return { status: 200, headers: JSON_HEADERS, body };
}

/** The login answer: the token, and when it expires (two hours after issue). */
export function renderLogin(issued: IssuedToken): VendorAnswer {
  return {
    status: 200,
    headers: { ...JSON_HEADERS, 'cache-control': 'no-store' },
    body: { auth_token: issued.token, expires_in: issued.expiresInSeconds, expires_at: issued.expiresAt },
  };
}

/** 404 naming the identifier tried and the valid identifier names. */
export function skuNotFound(identifiers: readonly CruxIdentifier[]): CruxProblem {
  const tried = identifiers.map((i) => `${i.name} ${i.value}`).join(' / ');
  const message = `No sku found with sku identifier ${tried}; valid identifiers are ${CRUX_IDENTIFIERS.join(', ')}`;
  return cruxProblem(404, CruxErrorCodes.skuNotFound, [{ field: identifiers[0].name, message }]);
}

/** 401 for a missing, unknown, expired or revoked token. */
export function unauthenticated(tokenSent: boolean): CruxProblem {
  const message = tokenSent
    ? 'Invalid token: it is unknown, expired or revoked; log in again'
    : 'Authentication credentials were not provided: send "Authorization: Token <auth_token>"';
  return cruxProblem(401, CruxErrorCodes.unauthenticated, [{ field: 'Authorization', message }]);
}

/**
 * 202 for an update kept as this connection's observation but not applied (the place's level
 * follows another source): never `{"message": "success"}`, which says the stock changed.
 */
function observedNotApplied(line: LineReport): CruxProblem {
  const warning = line.warnings[0];
  const message = `accepted, ${warning?.message ?? 'not applied: the level follows another source'}`;
  return cruxProblem(202, warning?.code ?? DomainErrorCodes.observedNotApplied, [], message);
}

/**
 * The refusal of one line (or the 202 of an observed one), or null when it was applied or left
 * unchanged. Unknown items are 404; quantities the domain refuses 400; anything else the store
 * refused 422 (409 for a conflict or a stale line, which a Crux write cannot cause today).
 */
export function problemOfLine(line: LineReport, identifiers: readonly CruxIdentifier[]): CruxProblem | null {
  if (line.status === 'applied' || line.status === 'unchanged') return null;
  if (line.status === 'observed') return observedNotApplied(line);
  const error = errorOfLine(line);
  if (error.code === ApplicationErrorCodes.unknownItem) return skuNotFound(identifiers);
  if (error.code === ApplicationErrorCodes.identityConflict) {
    // Crux's own refusal of identifiers that name different skus; the message names both items.
    const field = identifiers.find((i) => (i.name === 'sku_id') === (error.field === 'sku'))?.name ?? identifiers[identifiers.length - 1].name;
    return cruxProblem(422, CruxErrorCodes.identifiersDisagree, [{ field, message: `${field}: ${error.message}` }]);
  }
  const field = fieldOfCanonical(error.field) ?? identifiers[0].name;
  const status = error.code === DomainErrorCodes.invalidQuantity ? 400 : line.status === 'conflict' || line.status === 'stale' ? 409 : 422;
  return cruxProblem(status, error.code, [{ field, message: `${field}: ${error.message}` }]);
}

const CANONICAL_TO_CRUX: Readonly<Record<string, string>> = {
  onHand: 'quantity_in_stock',
  backorder: 'quantity_on_backorder',
  restriction: 'restrictions',
};

function fieldOfCanonical(field: string | undefined): string | null {
  return field ? (CANONICAL_TO_CRUX[field] ?? null) : null;
}
