import {
  ApplicationError,
  ApplicationErrorCodes,
  CURRENCY_PATTERN,
  DECIMAL_PATTERN,
  itemReferenceOf,
  STOCK_LINE_LIMITS as L,
  type CanonicalLine,
  type ItemReference,
  type LocationKind,
  type LookupKind,
  type ParsedStockLine,
  type UseCaseErrorCode,
} from '@tally/inventory-application';
import type { StockPatch, StockWrite } from '@tally/inventory-domain';
import { dottedChildField, findUnsafeText, isJsonObject } from '@tally/vendor-kit';
import { ITEM_COLUMNS, isStockColumn, SET_COLUMNS, STOCK_COLUMNS, type ColumnKind, type StockColumn } from './stock-file.columns';

const INVALID = ApplicationErrorCodes.validation;
/** ISO-8601 date-time with an offset, as the canonical API takes it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A line that cannot be applied, naming the column at fault. */
export class RecordProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: UseCaseErrorCode = INVALID,
  ) {
    super(message);
    this.name = 'RecordProblem';
  }
}

/**
 * The value of one CSV cell for the shared checks: an empty cell is no value (the field is left
 * as it is), whole numbers and booleans are read, `incoming` and `attributes` hold JSON.
 * @throws RecordProblem naming the column.
 */
export function cellValue(column: StockColumn, cell: string): unknown {
  if (cell === '') return undefined;
  const kind: ColumnKind = STOCK_COLUMNS[column];
  switch (kind.type) {
    case 'integer':
      if (!/^-?\d{1,16}$/.test(cell)) throw new RecordProblem(column, `${column} must be a whole number, not "${excerpt(cell)}"`);
      return Number(cell);
    case 'boolean':
      if (cell !== 'true' && cell !== 'false') throw new RecordProblem(column, `${column} must be true or false, not "${excerpt(cell)}"`);
      return cell === 'true';
    case 'incoming':
    case 'attributes':
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        throw new RecordProblem(column, `${column} must be JSON (${kind.type === 'incoming' ? 'an array' : 'an object'})`);
      }
    default:
      return cell;
  }
}

/**
 * Turns one record (a CSV row read into values, or an NDJSON object) into a canonical line, or
 * the problem of its first bad column. The same checks as the canonical batch API.
 */
export function parseStockRecord(lineNo: number, record: Readonly<Record<string, unknown>>): ParsedStockLine {
  try {
    return { lineNo, line: lineOf(lineNo, record) };
  } catch (error) {
    if (error instanceof RecordProblem) return { lineNo, problem: { field: error.field, code: error.code, message: error.message } };
    throw error;
  }
}

function lineOf(lineNo: number, record: Readonly<Record<string, unknown>>): CanonicalLine {
  // Unsafe text first: the other messages may quote what the line holds.
  const unsafe = findUnsafeText(record, '', dottedChildField, 'line');
  if (unsafe) throw new RecordProblem(unsafe.field, `${unsafe.field} ${unsafe.message}`);
  for (const key of Object.keys(record)) if (!isStockColumn(key)) throw new RecordProblem(key, `unknown column ${excerpt(key)}`);
  const get = (column: StockColumn): unknown => checked(column, record[column]);
  const { item, itemIdentifiers } = itemOf(get);
  const code = get('location');
  if (code === undefined || code === null) throw new RecordProblem('location', 'location (the location code) is required');
  const kind = get('locationKind') as LocationKind | undefined;
  const name = get('name') as string | null | undefined;
  const sourceTimestamp = (get('sourceTimestamp') as string | null | undefined) ?? null;
  return {
    lineNo,
    item,
    ...(itemIdentifiers ? { itemIdentifiers } : {}),
    location: { code: code as string },
    write: writeOf(get),
    sourceTimestamp,
    ...(name !== undefined ? { itemName: name } : {}),
    ...(kind !== undefined ? { createLocationAs: kind } : {}),
  };
}

/** The item by `itemId` alone, or by its identifiers: the first is the main reference (ADR 0029). */
function itemOf(get: (c: StockColumn) => unknown): { item: ItemReference; itemIdentifiers?: CanonicalLine['itemIdentifiers'] } {
  const given = ITEM_COLUMNS.flatMap((column) => {
    const value = get(column);
    return value === undefined || value === null ? [] : [{ column, value: value as string }];
  });
  if (given.length === 0) throw new RecordProblem('item', `name the item by itemId, or by one or more of ${ITEM_COLUMNS.slice(1).join(', ')}`);
  if (given[0].column === 'itemId') {
    if (given.length > 1) throw new RecordProblem('itemId', 'itemId names the item alone: give no other identifier with it');
    return { item: { itemId: given[0].value } };
  }
  const refs = given.map(({ column, value }) => {
    try {
      return itemReferenceOf(column as LookupKind, value);
    } catch (error) {
      if (error instanceof ApplicationError) throw new RecordProblem(column, error.message, error.code);
      throw error;
    }
  });
  if (refs.length === 1) return { item: refs[0] };
  const extra: { sku?: string; gtin?: string; partNumber?: string } = {};
  for (const r of refs.slice(1)) Object.assign(extra, r);
  return { item: refs[0], itemIdentifiers: extra };
}

function writeOf(get: (c: StockColumn) => unknown): StockWrite {
  const op = (get('op') as string | undefined) ?? 'set';
  const forbid = (columns: readonly StockColumn[]) => {
    const present = columns.find((c) => get(c) !== undefined);
    if (present) throw new RecordProblem(present, `${present} does not go with op ${op}`);
  };
  const setColumns = Object.keys(SET_COLUMNS) as (keyof typeof SET_COLUMNS)[];
  if (op === 'adjust') {
    forbid(setColumns);
    const delta = get('delta');
    if (delta === undefined || delta === null) throw new RecordProblem('delta', 'an adjust line needs delta');
    return {
      kind: 'adjust',
      delta: delta as number,
      figure: (get('figure') as 'on_hand' | 'available' | undefined) ?? 'on_hand',
      allowNegative: get('allowNegative') === true,
    };
  }
  forbid(['delta', 'figure', 'allowNegative']);
  if (op === 'remove') {
    forbid(setColumns);
    return { kind: 'remove' };
  }
  const patch: Record<string, unknown> = {};
  for (const column of setColumns) {
    const value = get(column);
    if (value !== undefined) patch[column] = value;
  }
  if (Object.keys(patch).length === 0) throw new RecordProblem('line', 'a set line names at least one figure or detail (onHand, say)');
  return { kind: 'set', patch: patch as StockPatch };
}

/** The value of a column after the checks of its kind; undefined when absent. */
function checked(column: StockColumn, value: unknown): unknown {
  if (value === undefined) return undefined;
  const kind: ColumnKind = STOCK_COLUMNS[column];
  if (value === null) {
    if (nullable(kind)) return null;
    throw new RecordProblem(column, `${column} may not be null`);
  }
  switch (kind.type) {
    case 'text':
      if (typeof value !== 'string' || value.length === 0) throw new RecordProblem(column, `${column} must be a non-empty string`);
      if (value.length > kind.max) throw new RecordProblem(column, `${column} is longer than ${kind.max} characters`);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new RecordProblem(column, `${column} must be a whole number`);
      if (value < kind.min || value > kind.max) throw new RecordProblem(column, `${column} must be between ${kind.min} and ${kind.max}`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new RecordProblem(column, `${column} must be true or false`);
      return value;
    case 'enum':
      if (typeof value !== 'string' || !kind.values.includes(value)) throw new RecordProblem(column, `${column} must be one of ${kind.values.join(', ')}`);
      return value;
    case 'decimal':
      return matching(column, value, DECIMAL_PATTERN, 'a decimal string like "19.99"');
    case 'currency':
      return matching(column, value, CURRENCY_PATTERN, 'an ISO 4217 code like "USD"');
    case 'time':
      return matching(column, value, ISO_TIME, 'an ISO-8601 date-time with an offset');
    case 'incoming':
      return incomingOf(value);
    case 'attributes':
      return attributesOf(value);
  }
}

function nullable(kind: ColumnKind): boolean {
  if (kind.type === 'text' || kind.type === 'integer') return kind.nullable === true;
  return kind.type === 'decimal' || kind.type === 'currency' || kind.type === 'time';
}

function matching(column: string, value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value) || (pattern === ISO_TIME && Number.isNaN(Date.parse(value)))) {
    throw new RecordProblem(column, `${column} must be ${what}`);
  }
  return value;
}

function incomingOf(value: unknown): { quantity: number; expectedAt: string | null; reference: string | null }[] {
  if (!Array.isArray(value)) throw new RecordProblem('incoming', 'incoming must be an array');
  if (value.length > L.maxIncoming) throw new RecordProblem('incoming', `incoming holds at most ${L.maxIncoming} entries`);
  return value.map((entry: unknown, i) => {
    const at = `incoming[${i}]`;
    if (!isJsonObject(entry)) throw new RecordProblem(at, `${at} must be an object`);
    const { quantity, expectedAt = null, reference = null, ...rest } = entry;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new RecordProblem(`${at}.${unknown}`, `unknown member ${excerpt(unknown)}`);
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 0 || quantity > L.maxQuantity) {
      throw new RecordProblem(`${at}.quantity`, `quantity must be a whole number between 0 and ${L.maxQuantity}`);
    }
    if (expectedAt !== null && (typeof expectedAt !== 'string' || !ISO_DATE_OR_TIME.test(expectedAt) || Number.isNaN(Date.parse(expectedAt)))) {
      throw new RecordProblem(`${at}.expectedAt`, 'expectedAt must be an ISO-8601 date or date-time');
    }
    if (reference !== null && (typeof reference !== 'string' || reference.length > L.maxIncomingReferenceLength)) {
      throw new RecordProblem(`${at}.reference`, `reference must be a string of at most ${L.maxIncomingReferenceLength} characters`);
    }
    return { quantity, expectedAt: expectedAt as string | null, reference: reference as string | null };
  });
}

function attributesOf(value: unknown): Record<string, string> {
  if (!isJsonObject(value)) throw new RecordProblem('attributes', 'attributes must be an object of strings');
  const entries = Object.entries(value);
  if (entries.length > L.maxAttributes) throw new RecordProblem('attributes', `attributes holds at most ${L.maxAttributes} members`);
  for (const [key, v] of entries) {
    if (key.length === 0 || key.length > L.maxAttributeKeyLength) {
      throw new RecordProblem('attributes', `an attribute name has 1 to ${L.maxAttributeKeyLength} characters`);
    }
    if (typeof v !== 'string' || v.length > L.maxAttributeValueLength) {
      throw new RecordProblem(`attributes.${key}`, `an attribute is a string of at most ${L.maxAttributeValueLength} characters`);
    }
  }
  return value as Record<string, string>;
}

/** A value quoted in a message, cut short: the message goes back to whoever sent it. */
function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
