import { findUnsafeText, isSafeText, type FieldProblem } from '@tally/vendor-kit';
import { err, normalizeGtin, ok, type Result } from '@tally/inventory-domain';

/** Which Kibo call a body belongs to: refresh sets absolute counts, adjust sends deltas. */
export type KiboInventoryCall = 'refresh' | 'adjust';

/** An item that passed validation. `quantity` is an absolute count (refresh) or a delta (adjust). */
export interface KiboItem {
  /** Position in the request's `items` array. */
  readonly index: number;
  readonly sku?: string;
  /** The UPC as a checked GTIN-14. */
  readonly gtin?: string;
  readonly partNumber?: string;
  readonly quantity: number;
  readonly binID?: number;
  readonly ltd?: number;
  readonly floor?: number;
  readonly safetyStock?: number;
  readonly currencyID?: number;
  readonly retailPrice?: number;
  readonly attributes?: readonly string[];
}

/** An item refused on its own: it is reported in the job's messages, the others still run. */
export interface KiboRejectedItem {
  readonly index: number;
  readonly label: string;
  readonly problems: readonly FieldProblem[];
}

/** A request whose envelope is valid. */
export interface KiboInventoryRequest {
  readonly manufacturerID: string | null;
  readonly locationName: string;
  readonly items: readonly KiboItem[];
  readonly rejected: readonly KiboRejectedItem[];
  /** Length of the request's `items` array. */
  readonly itemCount: number;
}

/** Most attributes an item may carry (Kibo's documented limit). */
export const KIBO_MAX_ATTRIBUTES = 63;
const MAX_TEXT = 255;
const TOP_FIELDS = new Set(['manufacturerID', 'locationName', 'items']);
const REFRESH_FIELDS = new Set(['partNumber', 'upc', 'sku', 'binID', 'quantity', 'ltd', 'floor', 'safetyStock', 'currencyID', 'retailPrice', 'attributes']);
const ADJUST_FIELDS = new Set(['partNumber', 'upc', 'sku', 'quantity']);

/**
 * Validates a Kibo refresh or adjust body. The envelope (`locationName`, `items` being an
 * array of at most `maxItems`) refuses the whole request; a bad item is set aside with its
 * problems so the good items of the same request still apply. Text Tally never accepts (a NUL, a
 * lone surrogate: the kit's `unsafeTextReason`) refuses the envelope when it is outside `items`,
 * and only its own item when it is inside one.
 */
export function parseKiboInventory(body: unknown, call: KiboInventoryCall, maxItems: number): Result<KiboInventoryRequest, readonly FieldProblem[]> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return err([{ field: 'body', message: 'must be a JSON object' }]);
  }
  const record = body as Record<string, unknown>;
  const { items: _items, ...envelope } = record;
  const unsafe = findUnsafeText(envelope, '');
  if (unsafe) return err([unsafe]);
  const problems: FieldProblem[] = Object.keys(record)
    .filter((k) => !TOP_FIELDS.has(k))
    .map((k) => ({ field: k, message: 'is not a field of the inventory request' }));
  const manufacturerID = parseManufacturer(record['manufacturerID'], problems);
  const locationName = record['locationName'];
  if (locationName === undefined || locationName === null) problems.push({ field: 'locationName', message: 'is required' });
  else if (typeof locationName !== 'string') problems.push({ field: 'locationName', message: 'must be a string' });
  else if (locationName.length < 1) problems.push({ field: 'locationName', message: 'must be at least 1 character long' });
  else if (locationName.length > MAX_TEXT) problems.push({ field: 'locationName', message: `must be at most ${MAX_TEXT} characters long` });
  const rawItems = record['items'] ?? [];
  if (!Array.isArray(rawItems)) problems.push({ field: 'items', message: 'must be an array' });
  else if (rawItems.length > maxItems) problems.push({ field: 'items', message: `has ${rawItems.length} items; at most ${maxItems} are allowed per call` });
  if (problems.length) return err(problems);

  const items: KiboItem[] = [];
  const rejected: KiboRejectedItem[] = [];
  (rawItems as unknown[]).forEach((raw, index) => {
    const parsed = parseItem(raw, index, call);
    if ('problems' in parsed) rejected.push(parsed);
    else items.push(parsed);
  });
  return ok({ manufacturerID, locationName: locationName as string, items, rejected, itemCount: (rawItems as unknown[]).length });
}

/**
 * How an item is named in messages: its first identifier, or its position. An identifier that is
 * not safe text is never echoed: the label is stored with the job's messages.
 */
export function kiboItemLabel(raw: unknown, index: number): string {
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    for (const key of ['sku', 'upc', 'partNumber']) {
      const value = r[key];
      if (typeof value === 'string' && value && isSafeText(value)) return `${key} ${value}`;
    }
  }
  return `items[${index}]`;
}

function parseManufacturer(value: unknown, problems: FieldProblem[]): string | null {
  if (value === undefined || value === null) return null;
  // Lenient: the document's example writes 00000, which clients send as a digit string.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,18}$/.test(value)) return value;
  problems.push({ field: 'manufacturerID', message: 'must be a non-negative integer' });
  return null;
}

function parseItem(raw: unknown, index: number, call: KiboInventoryCall): KiboItem | KiboRejectedItem {
  const at = (f: string) => `items[${index}].${f}`;
  const label = kiboItemLabel(raw, index);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { index, label, problems: [{ field: `items[${index}]`, message: 'must be an object' }] };
  }
  const r = raw as Record<string, unknown>;
  const unsafe = findUnsafeText(r, `items[${index}]`);
  if (unsafe) return { index, label, problems: [unsafe] };
  const problems: FieldProblem[] = [];
  const allowed = call === 'refresh' ? REFRESH_FIELDS : ADJUST_FIELDS;
  for (const key of Object.keys(r)) if (!allowed.has(key)) problems.push({ field: at(key), message: `is not a field of an ${call} item` });
  const text = (f: string): string | undefined => {
    const v = r[f];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.length < 1 || v.length > MAX_TEXT) {
      problems.push({ field: at(f), message: `must be a string of 1 to ${MAX_TEXT} characters` });
      return undefined;
    }
    return v;
  };
  const sku = text('sku');
  const partNumber = text('partNumber');
  const upc = text('upc');
  let gtin: string | undefined;
  if (upc !== undefined) {
    const normalized = normalizeGtin(upc, undefined, at('upc'));
    if (normalized.ok) gtin = normalized.value.gtin14;
    else problems.push({ field: at('upc'), message: normalized.error.message.replace(`${at('upc')} `, '') });
  }
  if (r['sku'] == null && r['upc'] == null && r['partNumber'] == null) {
    problems.push({ field: `items[${index}]`, message: 'needs one of partNumber, upc or sku' });
  }
  const quantity = integer(r['quantity'], at('quantity'), call === 'refresh' ? 0 : null, problems, true);
  const binID = integer(r['binID'], at('binID'), 1, problems);
  const floor = integer(r['floor'], at('floor'), 0, problems);
  const safetyStock = integer(r['safetyStock'], at('safetyStock'), 0, problems);
  const currencyID = integer(r['currencyID'], at('currencyID'), 0, problems);
  const ltd = decimal(r['ltd'], at('ltd'), null, problems);
  const retailPrice = decimal(r['retailPrice'], at('retailPrice'), 0, problems);
  const attributes = parseAttributes(r['attributes'], at('attributes'), problems);
  if (problems.length || quantity === undefined) return { index, label, problems };
  return {
    index,
    quantity,
    ...(sku !== undefined ? { sku } : {}),
    ...(gtin !== undefined ? { gtin } : {}),
    ...(partNumber !== undefined ? { partNumber } : {}),
    ...(binID !== undefined ? { binID } : {}),
    ...(ltd !== undefined ? { ltd } : {}),
    ...(floor !== undefined ? { floor } : {}),
    ...(safetyStock !== undefined ? { safetyStock } : {}),
    ...(currencyID !== undefined ? { currencyID } : {}),
    ...(retailPrice !== undefined ? { retailPrice } : {}),
    ...(attributes !== undefined ? { attributes } : {}),
  };
}

// Lenient: integers may come as digit strings ("quantity": "101" in the document's example).
function integer(value: unknown, field: string, min: number | null, problems: FieldProblem[], required = false): number | undefined {
  if (value === undefined || value === null) {
    if (required) problems.push({ field, message: 'is required' });
    return undefined;
  }
  const n = typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    problems.push({ field, message: 'must be an integer' });
    return undefined;
  }
  if (min !== null && n < min) {
    problems.push({ field, message: `must be at least ${min}` });
    return undefined;
  }
  if (Math.abs(n) > 1_000_000_000) {
    problems.push({ field, message: 'must be at most 1000000000 in size' });
    return undefined;
  }
  return n;
}

// Lenient in the same way as integers: a numeric string is read as a number.
function decimal(value: unknown, field: string, min: number | null, problems: FieldProblem[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^-?\d{1,15}(\.\d{1,6})?$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    problems.push({ field, message: 'must be a number' });
    return undefined;
  }
  if (min !== null && n < min) {
    problems.push({ field, message: `must be at least ${min}` });
    return undefined;
  }
  return n;
}

function parseAttributes(value: unknown, field: string, problems: FieldProblem[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.push({ field, message: 'must be an array of strings' });
    return undefined;
  }
  if (value.length > KIBO_MAX_ATTRIBUTES) {
    problems.push({ field, message: `has ${value.length} attributes; an item can have at most ${KIBO_MAX_ATTRIBUTES}` });
    return undefined;
  }
  const bad = value.findIndex((a) => typeof a !== 'string' || a.length < 1 || a.length > MAX_TEXT);
  if (bad >= 0) {
    problems.push({ field: `${field}[${bad}]`, message: `must be a string of 1 to ${MAX_TEXT} characters` });
    return undefined;
  }
  return value as string[];
}
