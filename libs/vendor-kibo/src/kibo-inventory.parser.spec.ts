import { parseKiboInventory, type KiboInventoryRequest } from './kibo-inventory.parser';

const ok = (body: unknown, call: 'refresh' | 'adjust' = 'refresh', max = 12_000): KiboInventoryRequest => {
  const result = parseKiboInventory(body, call, max);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('parseKiboInventory', () => {
  it("reads the document's request with its quantity and manufacturerID as strings", () => {
    const request = ok({ manufacturerID: '00000', locationName: '1', items: [{ partNumber: '101010', sku: '101010', quantity: '101' }] });
    expect(request).toEqual({
      manufacturerID: '00000',
      locationName: '1',
      itemCount: 1,
      rejected: [],
      items: [{ index: 0, partNumber: '101010', sku: '101010', quantity: 101 }],
    });
  });

  it('normalizes a UPC to a checked GTIN-14 and keeps every optional field', () => {
    const [item] = ok({
      locationName: 'S',
      items: [{ upc: '036000291452', quantity: 0, binID: 1, ltd: 2.5, floor: 1, safetyStock: 2, currencyID: 3, retailPrice: 4.99, attributes: ['A'] }],
    }).items;
    expect(item).toEqual({
      index: 0,
      gtin: '00036000291452',
      quantity: 0,
      binID: 1,
      ltd: 2.5,
      floor: 1,
      safetyStock: 2,
      currencyID: 3,
      retailPrice: 4.99,
      attributes: ['A'],
    });
  });

  it.each([
    [{}, 'locationName', 'is required'],
    [{ locationName: '' }, 'locationName', 'at least 1 character'],
    [{ locationName: 5 }, 'locationName', 'must be a string'],
    [{ locationName: 'x', items: {} }, 'items', 'must be an array'],
    [{ locationName: 'x', extra: 1 }, 'extra', 'is not a field'],
    [{ locationName: 'x', manufacturerID: -1 }, 'manufacturerID', 'non-negative integer'],
    [[], 'body', 'JSON object'],
  ])('refuses the envelope %j naming %s', (body, field, message) => {
    const result = parseKiboInventory(body, 'refresh', 10);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('refuses more items than the limit before looking at any of them', () => {
    const result = parseKiboInventory({ locationName: 'x', items: [{}, {}, {}] }, 'refresh', 2);
    expect(result).toEqual({ ok: false, error: [{ field: 'items', message: 'has 3 items; at most 2 are allowed per call' }] });
  });

  it.each([
    [{ quantity: 1 }, 'items[0]', 'needs one of partNumber, upc or sku'],
    [{ sku: 'a' }, 'items[0].quantity', 'is required'],
    [{ sku: 'a', quantity: -1 }, 'items[0].quantity', 'must be at least 0'],
    [{ sku: 'a', quantity: 1.5 }, 'items[0].quantity', 'must be an integer'],
    [{ sku: 'a', quantity: 'ten' }, 'items[0].quantity', 'must be an integer'],
    [{ sku: 'a', quantity: 1, binID: 0 }, 'items[0].binID', 'must be at least 1'],
    [{ sku: '', quantity: 1 }, 'items[0].sku', 'must be a string'],
    [{ upc: '036000291453', quantity: 1 }, 'items[0].upc', 'check digit'],
    [{ sku: 'a', quantity: 1, attributes: 'A' }, 'items[0].attributes', 'array of strings'],
    [{ sku: 'a', quantity: 1, attributes: Array.from({ length: 64 }, (_, i) => `A${i}`) }, 'items[0].attributes', 'at most 63'],
    [{ sku: 'a', quantity: 1, colour: 'red' }, 'items[0].colour', 'is not a field'],
  ])('sets the item %j aside naming %s', (item, field, message) => {
    const request = ok({ locationName: 'x', items: [item, { sku: 'good', quantity: 1 }] });
    expect(request.items).toEqual([{ index: 1, sku: 'good', quantity: 1 }]);
    expect(request.rejected[0].problems).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('takes negative quantities on adjust, and only identifiers and quantity', () => {
    expect(ok({ locationName: 'x', items: [{ sku: 'a', quantity: -4 }] }, 'adjust').items[0].quantity).toBe(-4);
    const request = ok({ locationName: 'x', items: [{ sku: 'a', quantity: 1, floor: 2 }] }, 'adjust');
    expect(request.rejected[0].problems).toEqual([{ field: 'items[0].floor', message: 'is not a field of an adjust item' }]);
  });
});

describe('parseKiboInventory and text Tally never accepts', () => {
  it('refuses only the item holding a NUL or a lone surrogate, anywhere in it, and never echoes it in the label', () => {
    const request = ok({
      locationName: 'S',
      items: [
        { sku: 'A', quantity: 1 },
        { sku: 'B\u0000', quantity: 2 },
        { sku: 'C', quantity: 3, attributes: ['x\uD800'] },
        { sku: 'D', quantity: 4 },
      ],
    });
    expect(request.items.map((i) => i.sku)).toEqual(['A', 'D']);
    expect(request.rejected).toEqual([
      { index: 1, label: 'items[1]', problems: [{ field: 'items[1].sku', message: 'must not contain a NUL character (U+0000)' }] },
      { index: 2, label: 'sku C', problems: [{ field: 'items[2].attributes[0]', message: 'must not contain an unpaired surrogate (U+D800)' }] },
    ]);
  });

  it('refuses the whole request when the text is outside the items', () => {
    const result = parseKiboInventory({ locationName: 'S\u0000', items: [{ sku: 'A', quantity: 1 }] }, 'refresh', 10);
    expect(result).toEqual({ ok: false, error: [{ field: 'locationName', message: 'must not contain a NUL character (U+0000)' }] });
    const key = parseKiboInventory({ locationName: 'S', items: [], '\uDC00': 1 }, 'refresh', 10);
    expect(key.ok).toBe(false);
  });
});
