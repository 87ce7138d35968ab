import { parseCruxUpdate } from './crux-inventory.parser';

const problemOf = (body: unknown) => {
  const parsed = parseCruxUpdate(body);
  if (parsed.ok) throw new Error(`expected a refusal of ${JSON.stringify(body)}`);
  return parsed.error;
};

describe('parseCruxUpdate', () => {
  it("maps the document's request to an on-hand set of the sku", () => {
    expect(parseCruxUpdate({ sku_id: 'xkuOwSQ3utl', quantity_in_stock: 3 })).toEqual({
      ok: true,
      value: { identifiers: [{ name: 'sku_id', value: 'xkuOwSQ3utl', reference: { sku: 'xkuOwSQ3utl' } }], patch: { onHand: 3 } },
    });
  });

  it('maps backorder and each restriction, and clears with "" or null', () => {
    const patchOf = (fields: Record<string, unknown>) => {
      const parsed = parseCruxUpdate({ sku_id: 'A', ...fields });
      return parsed.ok ? parsed.value.patch : parsed.error;
    };
    expect(patchOf({ quantity_on_backorder: 4 })).toEqual({ backorder: 4 });
    expect(patchOf({ restrictions: 'discontd' })).toEqual({ restriction: 'discontinued' });
    expect(patchOf({ restrictions: 'tmpunavail', quantity_in_stock: 0 })).toEqual({ onHand: 0, restriction: 'temporarily_unavailable' });
    expect(patchOf({ restrictions: '' })).toEqual({ restriction: 'none' });
    expect(patchOf({ restrictions: null })).toEqual({ restriction: 'none' });
  });

  it('normalizes every barcode kind to GTIN-14; a UPC-A and its EAN-13 are one', () => {
    const gtinOf = (fields: Record<string, unknown>) => {
      const parsed = parseCruxUpdate({ quantity_in_stock: 1, ...fields });
      return parsed.ok ? parsed.value.identifiers.map((i) => i.reference) : parsed.error;
    };
    expect(gtinOf({ upca: '036000291452' })).toEqual([{ gtin: '00036000291452' }]);
    expect(gtinOf({ ean13: '0036000291452' })).toEqual([{ gtin: '00036000291452' }]);
    expect(gtinOf({ gtin14: '00036000291452' })).toEqual([{ gtin: '00036000291452' }]);
    expect(gtinOf({ upca: '036000291452', ean13: '0036000291452' })).toEqual([{ gtin: '00036000291452' }]);
    expect(gtinOf({ isbn: '0-306-40615-2' })).toEqual([{ gtin: '09780306406157' }]);
    expect(gtinOf({ isbn: '978-0-306-40615-7' })).toEqual([{ gtin: '09780306406157' }]);
    expect(gtinOf({ sku_id: 'A', upca: '036000291452' })).toEqual([{ sku: 'A' }, { gtin: '00036000291452' }]);
  });

  it.each([
    [{ upca: '036000291453', quantity_in_stock: 1 }, 'upca', 'IDENTIFIER.BAD_CHECK_DIGIT'],
    [{ ean13: '036000291452', quantity_in_stock: 1 }, 'ean13', 'IDENTIFIER.INVALID'],
    [{ gtin14: '0003600029145A', quantity_in_stock: 1 }, 'gtin14', 'IDENTIFIER.INVALID'],
    [{ isbn: '12345', quantity_in_stock: 1 }, 'isbn', 'IDENTIFIER.INVALID'],
    [{ upca: '036000291452', ean13: '4006381333931', quantity_in_stock: 1 }, 'ean13', 'CRUX.IDENTIFIERS_DISAGREE'],
  ])('refuses %j with 422 naming %s', (body, field, code) => {
    expect(problemOf(body)).toMatchObject({ status: 422, code, errors: [{ field }] });
  });

  it.each([
    [{ quantity_in_stock: 1 }, 'sku_id', 'CRUX.MISSING_FIELD'],
    [{ sku_id: 'A' }, 'quantity_in_stock', 'CRUX.MISSING_FIELD'],
    [{ sku_id: 'A', quantity_in_stock: '3' }, 'quantity_in_stock', 'CRUX.INVALID_FIELD'],
    [{ sku_id: 'A', quantity_in_stock: -1 }, 'quantity_in_stock', 'CRUX.INVALID_FIELD'],
    [{ sku_id: 'A', quantity_in_stock: 1.5 }, 'quantity_in_stock', 'CRUX.INVALID_FIELD'],
    [{ sku_id: 'A', quantity_on_backorder: null }, 'quantity_on_backorder', 'CRUX.INVALID_FIELD'],
    [{ sku_id: 'A', restrictions: 'discontinued' }, 'restrictions', 'CRUX.INVALID_FIELD'],
    [{ sku_id: 7, quantity_in_stock: 1 }, 'sku_id', 'CRUX.INVALID_FIELD'],
    [{ upca: 36000291452, quantity_in_stock: 1 }, 'upca', 'CRUX.INVALID_FIELD'],
    [{ sku_id: ' ', quantity_in_stock: 1 }, 'sku_id', 'CRUX.INVALID_FIELD'],
  ])('refuses %j with 400 naming %s', (body, field, code) => {
    expect(problemOf(body)).toMatchObject({ status: 400, code, errors: [{ field }] });
  });

  it.each([null, [], 'text', 3])('refuses a body that is not an object (%p) with 400', (body) => {
    expect(problemOf(body)).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
  });

  it('refuses any field that is not an identifier or an inventory field with 403, naming it', () => {
    expect(problemOf({ sku_id: 'A', quantity_in_stock: 1, price: '9.99', title: 'x' })).toMatchObject({
      status: 403,
      code: 'CRUX.FIELD_NOT_PERMITTED',
      errors: [{ field: 'price' }, { field: 'title' }],
    });
  });

  it('refuses text Tally never accepts, in a value or a field name, with 400 before any other check', () => {
    expect(problemOf({ sku_id: 'A\u0000', quantity_in_stock: 1 })).toMatchObject({
      status: 400,
      code: 'CRUX.INVALID_FIELD',
      errors: [{ field: 'sku_id', message: 'sku_id must not contain a NUL character (U+0000)' }],
    });
    expect(problemOf({ sku_id: 'A', restrictions: '\uDC00' })).toMatchObject({ status: 400, errors: [{ field: 'restrictions' }] });
    expect(problemOf({ sku_id: 'A', quantity_in_stock: 1, 'x\u0000': 1 })).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
  });
});
