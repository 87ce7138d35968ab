import type { Item, StoredLedgerEntry } from '@tally/inventory-application';
import type { TableRecord } from '@tally/stock-files';

/** The columns of a ledger file, in order; NDJSON records have the same fields. */
export const LEDGER_FILE_COLUMNS = [
  'recordedAt',
  'sku',
  'gtin',
  'partNumber',
  'itemName',
  'location',
  'cause',
  'actor',
  'actorName',
  'connectionId',
  'reference',
  'presentBefore',
  'onHandBefore',
  'reservedBefore',
  'presentAfter',
  'onHandAfter',
  'reservedAfter',
  'versionAfter',
  'sourceTimestamp',
  'itemId',
  'locationId',
  'id',
] as const;

/** What names an entry's item, location and actor for a reader, as the ledger list shows them. */
export interface LedgerNames {
  /** The item as it is now; absent once merged into another (itemId still names it). */
  readonly item: Item | undefined;
  readonly locationCode: string | null;
  readonly actorName: string | null;
}

/** One ledger entry as a row of a ledger file: the item's identifiers and the actor's name beside the ids. */
export function ledgerRecordOf(entry: StoredLedgerEntry, names: LedgerNames): TableRecord {
  const { item } = names;
  return {
    recordedAt: entry.recordedAt,
    sku: item?.sku ?? null,
    gtin: item?.gtin ?? null,
    partNumber: item?.partNumber ?? null,
    itemName: item?.name ?? null,
    location: names.locationCode,
    cause: entry.cause,
    actor: entry.actor,
    actorName: names.actorName,
    connectionId: entry.connectionId,
    reference: entry.reference,
    presentBefore: entry.before.present,
    onHandBefore: entry.before.figures.onHand,
    reservedBefore: entry.before.figures.reserved,
    presentAfter: entry.after.present,
    onHandAfter: entry.after.figures.onHand,
    reservedAfter: entry.after.figures.reserved,
    versionAfter: entry.versionAfter,
    sourceTimestamp: entry.sourceTimestamp,
    itemId: entry.itemId,
    locationId: entry.locationId,
    id: entry.id,
  };
}
