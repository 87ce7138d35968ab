import { channelCode, chunkUpdates, linesOf, mapPush } from './retailops-inventory.mapper';
import type { SkuUpdate } from './retailops-push.model';

const update = (over: Partial<SkuUpdate>): SkuUpdate => ({ index: 0, sku: 'A', available: 4, rows: [], breakdownSum: null, attributes: {}, ...over });
const vendorRow = (name: string, available: number) => ({ place: { kind: 'vendor' as const, name }, available, total: null, inflight: null, attributes: {} });

describe('mapPush', () => {
  it('puts a SKU without stock rows at the channel, as available (not on hand), created as an inventory source', () => {
    const mapped = mapPush([update({})], channelCode(21, null));
    expect(mapped.lines).toEqual([
      {
        lineNo: 1,
        item: { sku: 'A' },
        location: { code: 'retailops:channel:21' },
        write: { kind: 'set', patch: { availableReported: 4 } },
        sourceTimestamp: null,
        createLocationAs: 'inventory_source',
      },
    ]);
    expect(mapped.skuOfLine.get(1)).toBe('A');
  });

  it('sells 0 at the channel for a negative (oversold) top-line', () => {
    expect(mapPush([update({ available: -3 })], 'c').lines[0].write).toEqual({ kind: 'set', patch: { availableReported: 0 } });
  });

  it('uses the connection default location for the channel when it names one', () => {
    expect(channelCode(21, 'shop')).toBe('shop');
    expect(channelCode(null, null)).toBe('retailops:channel:default');
  });

  it('gives each facility and vendor a level of its kind, sums rows per place, and removes the channel level, all in one batch', () => {
    const mapped = mapPush(
      [
        update({
          available: 24,
          breakdownSum: 15,
          attributes: { 'retailops.skuId': '21' },
          rows: [
            vendorRow('Acme', 2),
            { ...vendorRow('Acme', 3), attributes: { x: '1' } },
            { place: { kind: 'facility', name: 'DC1' }, available: 0, total: 9, inflight: null, attributes: {} },
            {
              place: { kind: 'facility', name: 'DC1' },
              available: null,
              total: null,
              inflight: { quantity: 10, expectedAt: '2026-12-01T00:00:00.000Z', po: 'PO-1' },
              attributes: {},
            },
          ],
        }),
      ],
      'retailops:channel:21',
    );
    expect(mapped.lines.map((l) => [l.lineNo, l.createLocationAs, 'code' in l.location && l.location.code])).toEqual([
      [1, 'inventory_source', 'retailops:channel:21'],
      [2, 'vendor', 'retailops:vendor:Acme'],
      [3, 'facility', 'retailops:facility:DC1'],
    ]);
    expect(mapped.lines[0].write).toEqual({ kind: 'remove' });
    const attributes = { 'retailops.skuId': '21', 'retailops.channelAvailable': '24' };
    expect(mapped.lines[1].write).toEqual({ kind: 'set', patch: { availableReported: 5, incoming: [], attributes: { ...attributes, x: '1' } } });
    expect(mapped.lines[2].write).toEqual({
      kind: 'set',
      patch: { availableReported: 0, onHand: 9, incoming: [{ quantity: 10, expectedAt: '2026-12-01T00:00:00.000Z', reference: 'PO-1' }], attributes },
    });
  });

  it('leaves figures alone at a place that only has stock on order', () => {
    const mapped = mapPush(
      [
        update({
          rows: [{ place: { kind: 'vendor', name: 'V' }, available: null, total: null, inflight: { quantity: 2, expectedAt: null, po: null }, attributes: {} }],
        }),
      ],
      'c',
    );
    expect(mapped.lines[0].write).toEqual({ kind: 'set', patch: { availableReported: 4 } });
    expect(mapped.lines[1].write).toEqual({ kind: 'set', patch: { incoming: [{ quantity: 2, expectedAt: null, reference: null }] } });
  });

  it('numbers lines from the given first line, so the chunks of one push never reuse a number', () => {
    const mapped = mapPush([update({ sku: 'A' }), update({ sku: 'B', rows: [vendorRow('V', 1)] })], 'c', 11);
    expect(mapped.lines.map((l) => l.lineNo)).toEqual([11, 12, 13]);
    expect([...mapped.skuOfLine]).toEqual([
      [11, 'A'],
      [12, 'B'],
      [13, 'B'],
    ]);
  });
});

describe('chunkUpdates', () => {
  it('counts a channel line and one line per place', () => {
    expect(linesOf(update({ rows: [vendorRow('V', 1), vendorRow('V', 2), vendorRow('W', 1)] }))).toBe(3);
  });

  it('keeps a push in one chunk while it fits', () => {
    const updates = [update({ sku: 'A' }), update({ sku: 'B' })];
    expect(chunkUpdates(updates, 3000)).toEqual([updates]);
    expect(chunkUpdates([], 3000)).toEqual([]);
  });

  it('splits between SKUs, never inside one, and keeps every update of a SKU in one chunk', () => {
    const a1 = update({ sku: 'A', rows: [vendorRow('V', 1)] });
    const b = update({ sku: 'B', rows: [vendorRow('V', 1), vendorRow('W', 1)] });
    const a2 = update({ sku: 'A', index: 2 });
    const c = update({ sku: 'C' });
    expect(chunkUpdates([a1, b, a2, c], 3)).toEqual([[a1, a2], [b], [c]]);
    // A SKU larger than a chunk gets a chunk of its own.
    expect(chunkUpdates([c, b], 1)).toEqual([[c], [b]]);
  });
});
