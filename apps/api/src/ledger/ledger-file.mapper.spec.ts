import type { Item, StoredLedgerEntry } from '@tally/inventory-application';
import { LEDGER_FILE_COLUMNS, ledgerRecordOf } from './ledger-file.mapper';

const figures = (onHand: number | null, reserved = 0) => ({
  onHand,
  availableReported: null,
  reserved,
  backorder: 0,
  safetyStock: 0,
  floor: 0,
  outOfStockThreshold: 0,
  lowStockThreshold: null,
  infinite: false,
  restriction: 'none',
  backorderPolicy: 'none',
});
const entry = {
  id: 'e1',
  tenantId: 't',
  itemId: 'i1',
  locationId: 'l1',
  before: { present: false, figures: figures(null), details: {}, sourceTimestamp: null },
  after: { present: true, figures: figures(5, 1), details: {}, sourceTimestamp: null },
  versionAfter: 1,
  cause: 'set',
  actor: 'api-key:k1',
  connectionId: null,
  reference: 'stock.csv',
  sourceTimestamp: null,
  recordedAt: '2026-01-01T00:00:00.000Z',
  lines: [0],
} as unknown as StoredLedgerEntry;

describe('ledgerRecordOf', () => {
  it('names the item, location and key beside their ids, with the figures before and after', () => {
    const item = { id: 'i1', sku: 'A-1', gtin: null, partNumber: 'P', name: 'Mug' } as Item;
    const record = ledgerRecordOf(entry, { item, locationCode: 'WH', actorName: 'scanner' });
    expect(record).toMatchObject({ sku: 'A-1', gtin: null, partNumber: 'P', itemName: 'Mug', location: 'WH', actor: 'api-key:k1', actorName: 'scanner' });
    expect(record).toMatchObject({ presentBefore: false, onHandBefore: null, presentAfter: true, onHandAfter: 5, reservedAfter: 1, itemId: 'i1', id: 'e1' });
    expect(Object.keys(record).sort()).toEqual([...LEDGER_FILE_COLUMNS].sort());
  });

  it('leaves the identifiers empty for an item merged away, keeping its id', () => {
    const record = ledgerRecordOf(entry, { item: undefined, locationCode: null, actorName: null });
    expect(record).toMatchObject({ sku: null, itemName: null, location: null, itemId: 'i1' });
  });
});
