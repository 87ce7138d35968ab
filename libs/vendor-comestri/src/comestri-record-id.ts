const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const LEGACY_RECORD_ID = new RegExp(`^(${UUID})\\.(${UUID})$`, 'i');
// Decimal digits without a leading zero: "02" or "+2" is not the id 2 (ids are answered as JSON integers).
const RECORD_NUMBER = /^[1-9][0-9]{0,15}$/;

/** What the `:id` of a record read names: a record number, or a place by an id of the former `<item>.<location>` form. */
export type RecordIdKey =
  { readonly kind: 'number'; readonly recordNumber: number } | { readonly kind: 'place'; readonly itemId: string; readonly locationId: string };

/**
 * Reads the id of `GET /comestri/api/v2/inventories/:id`: the integer every answer now carries
 * (ADR 0032), or a `<item id>.<location id>` string that answers before that change handed out
 * and clients may have stored; null for anything else.
 */
export function parseRecordId(id: string): RecordIdKey | null {
  if (RECORD_NUMBER.test(id)) {
    const recordNumber = Number(id);
    return Number.isSafeInteger(recordNumber) ? { kind: 'number', recordNumber } : null;
  }
  const match = LEGACY_RECORD_ID.exec(id);
  return match ? { kind: 'place', itemId: match[1].toLowerCase(), locationId: match[2].toLowerCase() } : null;
}

/** The id this lib answered before record numbers, for a place (kept to test that such ids still read). */
export function legacyRecordIdOf(itemId: string, locationId: string): string {
  return `${itemId}.${locationId}`;
}
