import { MAX_INVENTORIES_PER_REQUEST, parseInventoryDocument } from './marketplacer-inventory.parser';

const pointers = (body: unknown): (string | undefined)[] => {
  const parsed = parseInventoryDocument(body);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.error.map((p) => (p.source && 'pointer' in p.source ? p.source.pointer : undefined));
};

describe('parseInventoryDocument', () => {
  it("reads the document's parent example: counts, prices as decimal strings, infinite, seller ids", () => {
    const parsed = parseInventoryDocument({
      data: [
        { type: 'inventories', attributes: { count_on_hand: 10, price: 500, sale_price: 450, seller_id: 1 } },
        { type: 'inventories', attributes: { count_on_hand: 15, seller_id: 2 } },
        { type: 'inventories', attributes: { infinite: true, seller_id: 3 } },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      value: [
        { index: 0, sellerId: 1, recordId: null, countOnHand: 10, price: '500', salePrice: '450' },
        { index: 1, sellerId: 2, recordId: null, countOnHand: 15 },
        { index: 2, sellerId: 3, recordId: null, infinite: true },
      ],
    });
  });

  it('reads the member example without type or seller_id, and keeps 0 and a null price', () => {
    const parsed = parseInventoryDocument({ data: [{ attributes: { count_on_hand: 0, price: 27.38, sale_price: null, infinite: false } }] });
    expect(parsed).toEqual({
      ok: true,
      value: [{ index: 0, sellerId: null, recordId: null, countOnHand: 0, price: '27.38', salePrice: null, infinite: false }],
    });
  });

  it('accepts numeric strings for counts and ids (documented leniency)', () => {
    const parsed = parseInventoryDocument({ data: [{ id: '4', attributes: { count_on_hand: '12', seller_id: '4' } }] });
    expect(parsed).toEqual({ ok: true, value: [{ index: 0, sellerId: 4, recordId: 4, countOnHand: 12 }] });
  });

  it('names the pointer of every problem', () => {
    expect(pointers(null)).toEqual(['']);
    expect(pointers({ data: {} })).toEqual(['/data']);
    expect(pointers({ data: [], links: {} })).toEqual(['/links', '/data']);
    expect(pointers({ data: [{ type: 'variants', attributes: { count_on_hand: -1, price: '1e3', infinite: 'yes', seller_id: 0, colour: 'red' } }] })).toEqual([
      '/data/0/type',
      '/data/0/attributes/colour',
      '/data/0/attributes/seller_id',
      '/data/0/attributes/count_on_hand',
      '/data/0/attributes/price',
      '/data/0/attributes/infinite',
    ]);
    expect(pointers({ data: [{ attributes: { seller_id: 1 } }] })).toEqual(['/data/0/attributes']);
    expect(pointers({ data: [{ attributes: { count_on_hand: 1 }, 'a/b': 1 }] })).toEqual(['/data/0/a~1b']);
  });

  it('refuses counts that are not whole numbers in range, and more than the documented number of inventories', () => {
    for (const count of [1.5, 2_147_483_648, '1.0', '', null, true, [1]]) {
      expect(pointers({ data: [{ attributes: { count_on_hand: count } }] })).toEqual(['/data/0/attributes/count_on_hand']);
    }
    const many = Array.from({ length: MAX_INVENTORIES_PER_REQUEST + 1 }, () => ({ attributes: { count_on_hand: 1 } }));
    expect(pointers({ data: many })).toEqual(['/data']);
  });

  it('refuses prices with more than 4 decimals, signs, currency symbols or exponents', () => {
    for (const price of [-1, '1.23456', '+1', '$1', '1e3', 1e-7, Number.NaN, {}]) {
      expect(pointers({ data: [{ attributes: { price } }] })).toEqual(['/data/0/attributes/price']);
    }
  });
});

describe('parseInventoryDocument and text Tally never accepts', () => {
  it('refuses the document, pointing at the member holding a NUL or a lone surrogate', () => {
    const parsed = parseInventoryDocument({ data: [{ type: 'inventories\u0000', attributes: { count_on_hand: 1 } }] });
    expect(parsed).toMatchObject({
      ok: false,
      error: [{ status: 422, detail: 'the member at /data/0/type must not contain a NUL character (U+0000)', source: { pointer: '/data/0/type' } }],
    });
    expect(pointers({ data: [{ attributes: { count_on_hand: 1, ['\uDC00']: 2 } }] })).toEqual(['/data/0/attributes']);
    expect(pointers({ data: [], meta: { note: '\uD800' } })).toEqual(['/meta/note']);
  });
});
