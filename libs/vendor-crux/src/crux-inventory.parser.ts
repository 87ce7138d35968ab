import { findUnsafeText, isJsonObject, type FieldProblem } from '@tally/vendor-kit';
import { DomainErrorCodes, err, normalizeGtin, ok, type DomainErrorCode, type IdentifierKind, type StockPatch } from '@tally/inventory-domain';
import {
  CRUX_IDENTIFIERS,
  CRUX_INVENTORY_FIELDS,
  CRUX_RESTRICTIONS,
  CruxErrorCodes,
  GTIN_KIND_OF,
  cruxProblem,
  type CruxIdentifier,
  type CruxIdentifierName,
  type CruxErrorCode,
  type CruxParse,
  type CruxUpdate,
} from './crux-inventory.model';

/** Largest quantity accepted: far above any real stock, well inside a safe integer. */
export const MAX_CRUX_QUANTITY = 1_000_000_000;
/** Longest `sku_id` accepted; Crux's ids are short strings. */
export const MAX_SKU_ID_LENGTH = 200;
/** Longest barcode value accepted before normalization (spaces and hyphens included). */
const MAX_BARCODE_LENGTH = 40;

const ALLOWED_KEYS = new Set<string>([...CRUX_IDENTIFIERS, ...CRUX_INVENTORY_FIELDS]);
const IDENTIFIER_LIST = CRUX_IDENTIFIERS.join(', ');

/**
 * Parses the body of `POST /timp/products/skus/inventory/` (and one element of the bulk
 * call). Order of refusals: a body that is not an object, or holding text Tally never accepts
 * (a NUL, a lone surrogate, in a value or a field name), is 400; a field that is not an
 * inventory field is 403 (the document: only inventory fields may change); a missing or
 * ill-typed field is 400; an identifier that cannot name a SKU (bad characters, wrong
 * length, wrong check digit, several identifiers that disagree) is 422.
 */
export function parseCruxUpdate(body: unknown): CruxParse<CruxUpdate> {
  if (!isJsonObject(body)) {
    return refuse(400, CruxErrorCodes.malformed, [{ field: 'body', message: 'the body must be a JSON object' }]);
  }
  const record = body;
  const unsafe = findUnsafeText(record, '');
  if (unsafe) return refuse(400, CruxErrorCodes.invalidField, [{ field: unsafe.field, message: `${unsafe.field} ${unsafe.message}` }]);
  const forbidden = Object.keys(record).filter((key) => !ALLOWED_KEYS.has(key));
  if (forbidden.length) {
    const allowed = CRUX_INVENTORY_FIELDS.join(', ');
    return refuse(
      403,
      CruxErrorCodes.forbiddenField,
      forbidden.slice(0, 20).map((field) => ({ field, message: `${field} may not be changed here: only inventory fields (${allowed}) may` })),
    );
  }
  const shapeProblems: FieldProblem[] = [];
  const patch = parsePatch(record, shapeProblems);
  const present = CRUX_IDENTIFIERS.filter((name) => record[name] !== undefined);
  for (const name of present) {
    const value = record[name];
    const max = name === 'sku_id' ? MAX_SKU_ID_LENGTH : MAX_BARCODE_LENGTH;
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
      shapeProblems.push({ field: name, message: `${name} must be a non-empty string of at most ${max} characters` });
    }
  }
  if (!present.length) {
    return refuse(400, CruxErrorCodes.missingField, [{ field: 'sku_id', message: `a sku identifier is required: one of ${IDENTIFIER_LIST}` }]);
  }
  if (shapeProblems.length) return refuse(400, CruxErrorCodes.invalidField, shapeProblems);
  if (!Object.keys(patch).length) {
    const message = `nothing to update: send at least one of ${CRUX_INVENTORY_FIELDS.join(', ')}`;
    return refuse(400, CruxErrorCodes.missingField, [{ field: 'quantity_in_stock', message }]);
  }
  const identifiers: CruxIdentifier[] = [];
  const identifierProblems: IdentifierProblem[] = [];
  for (const name of present) {
    const parsed = parseIdentifier(name, record[name] as string);
    if ('reference' in parsed) identifiers.push(parsed);
    else identifierProblems.push(parsed);
  }
  if (identifierProblems.length) return refuse(422, identifierProblems[0].code, identifierProblems);
  const gtins = new Set(identifiers.flatMap((i) => ('gtin' in i.reference ? [i.reference.gtin] : [])));
  if (gtins.size > 1) {
    const names = identifiers.filter((i) => 'gtin' in i.reference).map((i) => i.name);
    return refuse(422, CruxErrorCodes.identifiersDisagree, [
      { field: names[1], message: `${names.join(' and ')} name different skus; send one identifier, or several of the same sku` },
    ]);
  }
  return ok({ identifiers: dropSameGtin(identifiers), patch });
}

function parsePatch(record: Record<string, unknown>, problems: FieldProblem[]): StockPatch {
  const patch: { onHand?: number; backorder?: number; restriction?: StockPatch['restriction'] } = {};
  const quantity = (field: string): number | undefined => {
    const value = record[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_CRUX_QUANTITY) {
      problems.push({ field, message: `${field} must be a whole number from 0 to ${MAX_CRUX_QUANTITY}, got ${describe(value)}` });
      return undefined;
    }
    return value === 0 ? 0 : value; // -0 is JSON's 0
  };
  const onHand = quantity('quantity_in_stock');
  if (onHand !== undefined) patch.onHand = onHand;
  const backorder = quantity('quantity_on_backorder');
  if (backorder !== undefined) patch.backorder = backorder;
  const restriction = record['restrictions'];
  if (restriction === null || restriction === '') {
    patch.restriction = 'none';
  } else if (typeof restriction === 'string' && Object.prototype.hasOwnProperty.call(CRUX_RESTRICTIONS, restriction)) {
    patch.restriction = CRUX_RESTRICTIONS[restriction as keyof typeof CRUX_RESTRICTIONS];
  } else if (restriction !== undefined) {
    problems.push({
      field: 'restrictions',
      message: `restrictions must be "discontd", "tmpunavail", or "" / null to clear, got ${describe(restriction)}`,
    });
  }
  return patch;
}

type IdentifierProblem = FieldProblem & { readonly code: DomainErrorCode };

function parseIdentifier(name: CruxIdentifierName, value: string): CruxIdentifier | IdentifierProblem {
  if (name === 'sku_id') return { name, value, reference: { sku: value } };
  const kind = kindOf(name, value);
  if (!kind) {
    return {
      field: name,
      code: DomainErrorCodes.invalidIdentifier,
      message: `isbn must have 10 or 13 characters (hyphens and spaces aside), got ${JSON.stringify(value)}`,
    };
  }
  const normalized = normalizeGtin(value, kind, name);
  if (!normalized.ok) return { field: name, code: normalized.error.code, message: normalized.error.message };
  return { name, value, reference: { gtin: normalized.value.gtin14 } };
}

function kindOf(name: Exclude<CruxIdentifierName, 'sku_id'>, value: string): IdentifierKind | null {
  if (name !== 'isbn') return GTIN_KIND_OF[name];
  const length = value.replace(/[ -]/g, '').length;
  return length === 10 ? 'isbn_10' : length === 13 ? 'isbn_13' : null;
}

/** Barcodes that normalized to the same GTIN-14 are one identifier; keep the first. */
function dropSameGtin(identifiers: CruxIdentifier[]): CruxIdentifier[] {
  const firstGtin = identifiers.find((i) => 'gtin' in i.reference);
  return identifiers.filter((i) => !('gtin' in i.reference) || i === firstGtin);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function refuse<T>(status: number, code: CruxErrorCode, errors: FieldProblem[]): CruxParse<T> {
  return err(
    cruxProblem(
      status,
      code,
      errors.map(({ field, message }) => ({ field, message })),
    ),
  );
}
