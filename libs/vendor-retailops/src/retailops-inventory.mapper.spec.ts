import { channelCode, mapPush } from './retailops-inventory.mapper';
import type { SkuUpdate } from './retailops-push.model';

const update = (over: Partial<SkuUpdate>): SkuUpdate => ({ index: 0, sku: 'A', available: 4, rows: [], breakdownSum: null, attributes: {}, ...over });

describe('mapPush', () => {
  it('puts a SKU without stock rows at the channel, as available (not on hand)', () => {
    const mapped = mapPush([update({})], channelCode(21, null));
    expect(mapped.batches).toEqual([
      {
        kind: 'inventory_source',
        lines: [{ lineNo: 1, item: { sku: 'A' }, location: { code: 'retailops:channel:21' }, write: { kind: 'set', patch: { availableReported: 4 } }, sourceTimestamp: null }],
      },
    ]);
    expect(mapped.skuOfLine.get(1)).toBe('A');
  });

  it('uses the connection default location for the channel when it names one', () => {
    expect(channelCode(21, 'shop')).toBe('shop');
    expect(channelCode(null, null)).toBe('retailops:channel:default');
  });

  it('gives each facility and vendor a level, sums rows per place, and removes the channel level', () => {
    const mapped = mapPush(
      [
        update({
          available: 24,
          breakdownSum: 5,
          attributes: { 'retailops.skuId': '21' },
          rows: [
            { place: { kind: 'vendor', name: 'Acme' }, available: 2, total: null, inflight: null, attributes: {} },
            { place: { kind: 'vendor', name: 'Acme' }, available: 3, total: null, inflight: null, attributes: { x: '1' } },
            { place: { kind: 'facility', name: 'DC1' }, available: 0, total: 9, inflight: null, attributes: {} },
            { place: { kind: 'facility', name: 'DC1' }, available: null, total: null, inflight: { quantity: 10, expectedAt: '2026-12-01T00:00:00.000Z', po: 'PO-1' }, attributes: {} },
          ],
        }),
      ],
      'retailops:channel:21',
    );
    expect(mapped.batches.map((b) => b.kind)).toEqual(['inventory_source', 'facility', 'vendor']);
    expect(mapped.batches[0].lines[0].write).toEqual({ kind: 'remove' });
    const attributes = { 'retailops.skuId': '21', 'retailops.channelAvailable': '24' };
    expect(mapped.batches[1].lines[0]).toMatchObject({
      location: { code: 'retailops:facility:DC1' },
      write: { kind: 'set', patch: { availableReported: 0, onHand: 9, incoming: [{ quantity: 10, expectedAt: '2026-12-01T00:00:00.000Z', reference: 'PO-1' }], attributes } },
    });
    expect(mapped.batches[2].lines[0]).toMatchObject({
      location: { code: 'retailops:vendor:Acme' },
      write: { kind: 'set', patch: { availableReported: 5, incoming: [], attributes: { ...attributes, x: '1' } } },
    });
  });

  it('leaves figures alone at a place that only has stock on order', () => {
    const mapped = mapPush(
      [update({ rows: [{ place: { kind: 'vendor', name: 'V' }, available: null, total: null, inflight: { quantity: 2, expectedAt: null, po: null }, attributes: {} }] })],
      'c',
    );
    expect(mapped.batches[0].lines[0].write).toEqual({ kind: 'set', patch: { availableReported: 4 } });
    expect(mapped.batches[1].lines[0].write).toEqual({ kind: 'set', patch: { incoming: [{ quantity: 2, expectedAt: null, reference: null }] } });
  });
});
