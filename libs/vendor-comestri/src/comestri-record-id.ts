const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const RECORD_ID = new RegExp(`^(${UUID})\\.(${UUID})$`, 'i');

/**
 * The id of an inventory record: deterministic from the item and the inventory source
 * (docs/adr, "comestri record ids"), so it is stable without a table and can be read back.
 */
export function recordIdOf(itemId: string, locationId: string): string {
  return `${itemId}.${locationId}`;
}

/** The item and location a record id names, or null when it is not one. */
export function parseRecordId(id: string): { itemId: string; locationId: string } | null {
  const match = RECORD_ID.exec(id);
  return match ? { itemId: match[1].toLowerCase(), locationId: match[2].toLowerCase() } : null;
}
