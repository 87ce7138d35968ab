import { itemReferenceOf } from './catalog-queries.use-case';
import { referenceKey } from './line-resolution.service';

describe('itemReferenceOf', () => {
  it('normalizes a GTIN in any form to the same GTIN-14 reference', () => {
    const forms = ['036000291452', '0036000291452', '00036000291452', '0-36000-29145-2'];
    const keys = forms.map((form) => referenceKey(itemReferenceOf('gtin', form)));
    expect(new Set(keys)).toEqual(new Set(['gtin:00036000291452']));
  });

  it('refuses a bad check digit with the domain code and the field', () => {
    expect(() => itemReferenceOf('gtin', '036000291453')).toThrow(expect.objectContaining({ code: 'IDENTIFIER.BAD_CHECK_DIGIT', field: 'gtin' }));
  });

  it('needs a connection for an external id, and keeps other identifiers as given', () => {
    expect(() => itemReferenceOf('externalId', 'V-1')).toThrow(expect.objectContaining({ field: 'connectionId' }));
    expect(itemReferenceOf('externalId', 'V-1', 'c1')).toEqual({ external: { connectionId: 'c1', externalId: 'V-1' } });
    expect(itemReferenceOf('sku', ' A-1 ')).toEqual({ sku: ' A-1 ' });
    expect(itemReferenceOf('partNumber', 'P-9')).toEqual({ partNumber: 'P-9' });
  });
});

describe('referenceKey', () => {
  it('tells apart references of different kinds with the same value', () => {
    const keys = [{ sku: '1' }, { gtin: '1' }, { partNumber: '1' }, { itemId: '1' }, { external: { connectionId: 'c', externalId: '1' } }].map(referenceKey);
    expect(new Set(keys).size).toBe(5);
  });
});
