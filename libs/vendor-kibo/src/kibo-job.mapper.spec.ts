import type { Connection } from '@tally/inventory-application';
import { parseKiboInventory } from './kibo-inventory.parser';
import { mapKiboToJob } from './kibo-job.mapper';

const connection: Connection = {
  id: 'c1',
  tenantId: 't1',
  dialect: 'kibo',
  name: 'kibo',
  settings: { unknownItemPolicy: 'create', defaultLocationCode: null, priority: 0, options: {} },
  credentialId: 'con_1',
  secretHash: 'x',
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  rotatedAt: null,
  revokedAt: null,
};

const job = (body: unknown, call: 'refresh' | 'adjust' = 'refresh') => {
  const parsed = parseKiboInventory(body, call, 100);
  if (!parsed.ok) throw new Error('invalid');
  return mapKiboToJob(parsed.value, call, { connection, added: '2026-01-01T00:00:00.000Z' });
};

describe('mapKiboToJob', () => {
  it('maps a refresh to a partial refresh of on-hand counts at the location, ordered by tenant and location', () => {
    const mapped = job({
      locationName: 'S1',
      items: [{ sku: 'A', upc: '036000291452', quantity: 5, floor: 1, safetyStock: 2, binID: 7, retailPrice: 3.5, currencyID: 2, ltd: 4, attributes: ['X'] }],
    });
    expect(mapped).toMatchObject({ kind: 'REFRESH', tenantId: 't1', orderingKey: 't1|S1', locationCode: 'S1', itemCount: 1, processed: 0, messages: [] });
    expect(mapped.payload).toMatchObject({
      connectionId: 'c1',
      actor: 'kibo:con_1',
      refresh: { mode: 'partial', location: { code: 'S1' } },
      labels: ['sku A'],
    });
    expect(mapped.payload.lines).toEqual([
      {
        lineNo: 0,
        item: { sku: 'A' },
        location: { code: 'S1' },
        sourceTimestamp: null,
        itemIdentifiers: { sku: 'A', gtin: '00036000291452' },
        write: {
          kind: 'set',
          patch: { onHand: 5, floor: 1, safetyStock: 2, binId: '7', price: '3.5', currency: '2', attributes: { X: 'true', 'kibo.ltd': '4' } },
        },
      },
    ]);
  });

  it('looks items up by sku, then UPC, then part number', () => {
    const lines = job({
      locationName: 'S',
      items: [
        { upc: '036000291452', partNumber: 'P', quantity: 1 },
        { partNumber: 'P2', quantity: 1 },
      ],
    }).payload.lines;
    expect(lines.map((l) => l.item)).toEqual([{ gtin: '00036000291452' }, { partNumber: 'P2' }]);
  });

  it('merges duplicates in document order (later fields win, attributes add up) and reports each merge', () => {
    const mapped = job({
      locationName: 'S',
      items: [
        { sku: 'A', quantity: 1, floor: 3, attributes: ['X'] },
        { sku: 'B', quantity: 2 },
        { sku: 'A', quantity: 9, attributes: ['Y'] },
      ],
    });
    expect(mapped.payload.lines).toHaveLength(2);
    expect(mapped.payload.lines[0].write).toEqual({ kind: 'set', patch: { onHand: 9, floor: 3, attributes: { X: 'true', Y: 'true' } } });
    expect(mapped.messages).toEqual([{ line: 2, item: 'sku A', code: 'KIBO.DUPLICATE_ITEM', message: 'sku A is repeated; merged into items[0]' }]);
    expect(mapped.processed).toBe(1);
  });

  it('maps adjust to on-hand deltas and adds up duplicates', () => {
    const mapped = job(
      {
        locationName: 'S',
        items: [
          { sku: 'A', quantity: -2 },
          { sku: 'A', quantity: 5 },
        ],
      },
      'adjust',
    );
    expect(mapped.kind).toBe('ADJUST');
    expect(mapped.payload.refresh).toBeUndefined();
    expect(mapped.payload.lines[0].write).toEqual({ kind: 'adjust', delta: 3, figure: 'on_hand', allowNegative: false });
  });

  it('reports items refused by validation with their fields', () => {
    const mapped = job({ locationName: 'S', items: [{ sku: 'A', quantity: -1 }] });
    expect(mapped.payload.lines).toEqual([]);
    expect(mapped.messages).toEqual([{ line: 0, item: 'sku A', code: 'REQUEST.INVALID', message: 'items[0].quantity must be at least 0' }]);
  });
});
