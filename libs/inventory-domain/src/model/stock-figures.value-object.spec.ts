import fc from 'fast-check';
import {
  EMPTY_DETAILS,
  EMPTY_FIGURES,
  headlineQuantity,
  patchStock,
  sameStock,
  stableJson,
  type StockDetails,
  type StockFigures,
} from './stock-figures.value-object.js';

const figures = (overrides: Partial<StockFigures> = {}): StockFigures => ({ ...EMPTY_FIGURES, ...overrides });
const details = (overrides: Partial<StockDetails> = {}): StockDetails => ({ ...EMPTY_DETAILS, ...overrides });

describe('EMPTY_FIGURES / EMPTY_DETAILS', () => {
  it('describe a level nobody reported: no quantities, nothing restricted', () => {
    expect(EMPTY_FIGURES.onHand).toBeNull();
    expect(EMPTY_FIGURES.availableReported).toBeNull();
    expect(EMPTY_FIGURES.infinite).toBe(false);
    expect(EMPTY_FIGURES.restriction).toBe('none');
    expect(EMPTY_DETAILS.incoming).toEqual([]);
    expect(EMPTY_DETAILS.attributes).toEqual({});
  });

  it('are frozen', () => {
    expect(Object.isFrozen(EMPTY_FIGURES)).toBe(true);
    expect(Object.isFrozen(EMPTY_DETAILS)).toBe(true);
  });
});

describe('patchStock', () => {
  it('replaces only the named figures', () => {
    const before = figures({ onHand: 10, reserved: 2, safetyStock: 1 });
    const { figures: after } = patchStock(before, EMPTY_DETAILS, { onHand: 7 });
    expect(after).toEqual({ ...before, onHand: 7 });
  });

  it('replaces only the named details', () => {
    const before = details({ price: '9.99', currency: 'AUD', leadTimeDays: 3 });
    const { details: after } = patchStock(EMPTY_FIGURES, before, { price: '8.50' });
    expect(after).toEqual({ ...before, price: '8.50' });
  });

  it('treats an explicit null as a value (clears the field) and undefined as "not named"', () => {
    const before = figures({ onHand: 10, availableReported: 8 });
    const { figures: after } = patchStock(before, EMPTY_DETAILS, { availableReported: null, onHand: undefined });
    expect(after.onHand).toBe(10);
    expect(after.availableReported).toBeNull();
  });

  it('sets booleans and enums, including false', () => {
    const before = figures({ infinite: true, restriction: 'discontinued' });
    const { figures: after } = patchStock(before, EMPTY_DETAILS, {
      infinite: false,
      restriction: 'none',
      backorderPolicy: 'preorder',
    });
    expect(after).toMatchObject({ infinite: false, restriction: 'none', backorderPolicy: 'preorder' });
  });

  it('adds and updates attributes but never drops those the patch does not name', () => {
    const before = details({ attributes: { colour: 'red', size: 'M' } });
    const { details: after } = patchStock(EMPTY_FIGURES, before, { attributes: { size: 'L', fit: 'slim' } });
    expect(after.attributes).toEqual({ colour: 'red', size: 'L', fit: 'slim' });
  });

  it('keeps attributes when the patch names none, or an empty set', () => {
    const before = details({ attributes: { colour: 'red' } });
    expect(patchStock(EMPTY_FIGURES, before, { onHand: 1 }).details.attributes).toEqual({ colour: 'red' });
    expect(patchStock(EMPTY_FIGURES, before, { attributes: {} }).details.attributes).toEqual({ colour: 'red' });
  });

  it('replaces the incoming list as a whole (it is not an attribute map)', () => {
    const before = details({ incoming: [{ quantity: 5, expectedAt: '2024-02-01', reference: 'PO-1' }] });
    const incoming = [{ quantity: 3, expectedAt: null, reference: null }];
    expect(patchStock(EMPTY_FIGURES, before, { incoming }).details.incoming).toEqual(incoming);
  });

  it('does not mutate its inputs', () => {
    const f = figures({ onHand: 1 });
    const d = details({ attributes: { a: '1' } });
    const fCopy = structuredClone(f);
    const dCopy = structuredClone(d);
    patchStock(f, d, { onHand: 2, attributes: { b: '2' } });
    expect(f).toEqual(fCopy);
    expect(d).toEqual(dCopy);
  });

  it('ignores keys that are neither figures nor details', () => {
    const patch = { onHand: 3, bogus: 'x' } as unknown as Parameters<typeof patchStock>[2];
    const next = patchStock(EMPTY_FIGURES, EMPTY_DETAILS, patch);
    expect(next.figures).not.toHaveProperty('bogus');
    expect(next.details).not.toHaveProperty('bogus');
  });

  it('never drops an attribute, whatever the patches (property)', () => {
    const attrs = fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 6 });
    fc.assert(
      fc.property(attrs, fc.array(attrs, { maxLength: 5 }), (initial, patches) => {
        let current = { figures: EMPTY_FIGURES, details: details({ attributes: initial }) };
        for (const attributes of patches) {
          const next = patchStock(current.figures, current.details, { attributes });
          for (const k of Object.keys(current.details.attributes)) expect(Object.keys(next.details.attributes)).toContain(k);
          for (const [k, v] of Object.entries(attributes)) expect(next.details.attributes[k]).toBe(v);
          current = next;
        }
      }),
    );
  });
});

describe('headlineQuantity', () => {
  it('prefers on hand, falls back to available, else null', () => {
    expect(headlineQuantity(figures({ onHand: 4, availableReported: 2 }))).toBe(4);
    expect(headlineQuantity(figures({ onHand: 0, availableReported: 2 }))).toBe(0);
    expect(headlineQuantity(figures({ availableReported: 2 }))).toBe(2);
    expect(headlineQuantity(EMPTY_FIGURES)).toBeNull();
  });
});

describe('stableJson', () => {
  it('serializes objects with different key orders equally', () => {
    expect(stableJson({ b: 1, a: 2 })).toBe(stableJson({ a: 2, b: 1 }));
    expect(stableJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('sorts keys of nested objects, including inside arrays', () => {
    expect(stableJson({ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null })).toBe('{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}');
  });

  it('keeps array order (order of an array is meaningful)', () => {
    expect(stableJson([2, 1])).not.toBe(stableJson([1, 2]));
  });

  it('serializes primitives like JSON.stringify', () => {
    for (const v of [1, 'x', true, null]) expect(stableJson(v)).toBe(JSON.stringify(v));
  });

  it('distinguishes values that differ', () => {
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
    expect(stableJson({ a: null })).not.toBe(stableJson({ a: 0 }));
  });

  it('is independent of key order for any JSON object (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(stableJson(reversed)).toBe(stableJson(obj));
        expect(JSON.parse(stableJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('sameStock', () => {
  it('compares figures and details by value, not identity or key order', () => {
    const a = { figures: figures({ onHand: 1 }), details: details({ attributes: { x: '1', y: '2' } }) };
    const b = {
      figures: Object.fromEntries(Object.entries(figures({ onHand: 1 })).reverse()) as unknown as StockFigures,
      details: details({ attributes: { y: '2', x: '1' } }),
    };
    expect(sameStock(a, b)).toBe(true);
  });

  it('sees a difference in figures or in details', () => {
    const a = { figures: figures({ onHand: 1 }), details: EMPTY_DETAILS };
    expect(sameStock(a, { ...a, figures: figures({ onHand: 2 }) })).toBe(false);
    expect(sameStock(a, { ...a, details: details({ binId: 'A-1' }) })).toBe(false);
  });
});
