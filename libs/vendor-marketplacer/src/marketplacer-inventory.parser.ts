import { err, ok, type Result } from '@tally/inventory-domain';
import { findUnsafeText, isJsonObject } from '@tally/vendor-kit';
import { documentProblem, type MarketplacerProblem } from './marketplacer-error.model';

/** One element of a PUT's `data` array, checked. Absent fields are left unchanged. */
export interface InventoryInput {
  /** Position in `data`, for error pointers. */
  readonly index: number;
  /** `attributes.seller_id`: the seller whose record this is; null when not sent (members). */
  readonly sellerId: number | null;
  /** The resource object's `id`: the record id, which is the seller id (see the README). */
  readonly recordId: number | null;
  readonly countOnHand?: number;
  /** Decimal string; null clears the seller's own price. */
  readonly price?: string | null;
  readonly salePrice?: string | null;
  readonly infinite?: boolean;
}

/** Either the inputs of a PUT, or every problem found in it. */
export type ParsedInventories = Result<readonly InventoryInput[], readonly MarketplacerProblem[]>;

/** More sellers than any multi-store has; also bounds the work of one request. */
export const MAX_INVENTORIES_PER_REQUEST = 100;
/** Largest count on hand, a 32-bit signed integer like Marketplacer's column. */
export const MAX_COUNT_ON_HAND = 2_147_483_647;
const MAX_REPORTED = 50;
const TOP_LEVEL_KEYS = new Set(['data', 'meta', 'jsonapi']);
const RESOURCE_KEYS = new Set(['type', 'id', 'attributes']);
const ATTRIBUTE_KEYS = new Set(['count_on_hand', 'price', 'sale_price', 'infinite', 'seller_id']);
const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;
const DIGITS = /^[1-9]\d{0,14}$/;

/**
 * Checks a PUT `/variants/:id/inventories` document strictly: every unknown member, wrong
 * type or out-of-range value is a problem naming its JSON pointer. The leniencies (numeric
 * strings for `count_on_hand` and ids, a missing `type`) are listed in the README.
 */
export function parseInventoryDocument(body: unknown): ParsedInventories {
  const problems: MarketplacerProblem[] = [];
  if (!isJsonObject(body)) return fail([documentProblem('', 'the body must be a JSON:API document: an object with a "data" array')]);
  // Text Tally never accepts (a NUL, a lone surrogate), anywhere: the document is refused, as for any other bad member.
  const unsafe = findUnsafeText(body, '', (parent, key) => `${parent}/${typeof key === 'number' ? key : escape(key)}`, '');
  if (unsafe) return fail([documentProblem(unsafe.field, `${unsafe.field ? `the member at ${unsafe.field}` : 'the document'} ${unsafe.message}`)]);
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL_KEYS.has(key)) problems.push(documentProblem(`/${escape(key)}`, `unknown top-level member "${key}"`));
  }
  const data = body['data'];
  if (!Array.isArray(data)) return fail([...problems, documentProblem('/data', 'data must be an array of inventories')]);
  if (data.length === 0) problems.push(documentProblem('/data', 'data must hold at least one inventory'));
  if (data.length > MAX_INVENTORIES_PER_REQUEST) {
    return fail([...problems, documentProblem('/data', `data may hold at most ${MAX_INVENTORIES_PER_REQUEST} inventories`)]);
  }
  const inputs: InventoryInput[] = [];
  data.forEach((element, index) => {
    const input = parseResource(element, index, problems);
    if (input) inputs.push(input);
  });
  return problems.length ? fail(problems) : ok(inputs);
}

function parseResource(element: unknown, index: number, problems: MarketplacerProblem[]): InventoryInput | null {
  const at = `/data/${index}`;
  if (!isJsonObject(element)) {
    problems.push(documentProblem(at, 'each inventory must be an object with "attributes"'));
    return null;
  }
  const before = problems.length;
  for (const key of Object.keys(element)) {
    if (!RESOURCE_KEYS.has(key)) problems.push(documentProblem(`${at}/${escape(key)}`, `unknown member "${key}" of an inventory`));
  }
  if (element['type'] !== undefined && element['type'] !== 'inventories') {
    problems.push(documentProblem(`${at}/type`, 'type must be "inventories"'));
  }
  const recordId = element['id'] === undefined ? null : positiveId(element['id'], `${at}/id`, 'id', problems);
  const attributes = element['attributes'];
  if (!isJsonObject(attributes)) {
    problems.push(documentProblem(`${at}/attributes`, 'attributes must be an object'));
    return null;
  }
  const input = parseAttributes(attributes, index, `${at}/attributes`, problems);
  return problems.length > before ? null : { ...input, recordId };
}

function parseAttributes(attributes: Record<string, unknown>, index: number, at: string, problems: MarketplacerProblem[]): Omit<InventoryInput, 'recordId'> {
  for (const key of Object.keys(attributes)) {
    if (!ATTRIBUTE_KEYS.has(key)) problems.push(documentProblem(`${at}/${escape(key)}`, `unknown attribute "${key}"`));
  }
  const sellerId = attributes['seller_id'] === undefined ? null : positiveId(attributes['seller_id'], `${at}/seller_id`, 'seller_id', problems);
  const input: { -readonly [K in keyof InventoryInput]?: InventoryInput[K] } = { index, sellerId };
  if (attributes['count_on_hand'] !== undefined) input.countOnHand = countOf(attributes['count_on_hand'], `${at}/count_on_hand`, problems);
  if (attributes['price'] !== undefined) input.price = priceOf(attributes['price'], `${at}/price`, 'price', problems);
  if (attributes['sale_price'] !== undefined) input.salePrice = priceOf(attributes['sale_price'], `${at}/sale_price`, 'sale_price', problems);
  if (attributes['infinite'] !== undefined) {
    if (typeof attributes['infinite'] === 'boolean') input.infinite = attributes['infinite'];
    else problems.push(documentProblem(`${at}/infinite`, 'infinite must be true or false'));
  }
  const changes = ['count_on_hand', 'price', 'sale_price', 'infinite'].some((k) => attributes[k] !== undefined);
  if (!changes) problems.push(documentProblem(at, 'send at least one of count_on_hand, price, sale_price or infinite'));
  return input as Omit<InventoryInput, 'recordId'>;
}

/** A whole number of units; a string of digits is accepted (see the README's leniencies). */
function countOf(value: unknown, pointer: string, problems: MarketplacerProblem[]): number {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_COUNT_ON_HAND) {
    problems.push(documentProblem(pointer, `count_on_hand must be a whole number from 0 to ${MAX_COUNT_ON_HAND}`));
    return 0;
  }
  return n;
}

/** A price as the decimal string answers show: numbers and decimal strings, at most 4 decimals. */
function priceOf(value: unknown, pointer: string, name: string, problems: MarketplacerProblem[]): string | null {
  if (value === null) return null;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value : null;
  if (text === null || !DECIMAL.test(text)) {
    problems.push(documentProblem(pointer, `${name} must be a decimal number of at least 0 with at most 4 decimals, or null`));
    return null;
  }
  return text;
}

/** A Marketplacer id: a positive integer, or its string form (JSON:API ids are strings). */
export function positiveId(value: unknown, pointer: string, name: string, problems: MarketplacerProblem[]): number | null {
  const n = typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    problems.push(documentProblem(pointer, `${name} must be a positive whole number`));
    return null;
  }
  return n;
}

/** RFC 6901 escaping of one pointer segment. */
function escape(segment: string): string {
  return segment.slice(0, 100).replace(/~/g, '~0').replace(/\//g, '~1');
}

function fail(problems: MarketplacerProblem[]): ParsedInventories {
  return err(problems.slice(0, MAX_REPORTED));
}
