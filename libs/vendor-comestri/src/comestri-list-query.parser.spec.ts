import { parseListQuery } from './comestri-list-query.parser';

describe('parseListQuery', () => {
  it('reads the filters and defaults the page size', () => {
    expect(parseListQuery({ inventory_source: 'MOTUL', product_id: '3', sku: 'S' })).toEqual({
      ok: true,
      value: { inventorySource: 'MOTUL', productId: 3, productCode: null, sku: 'S', perPage: 100, cursor: null },
    });
  });

  it.each([
    [{ page: '2' }, 'page'],
    [{ product_id: 'x' }, 'product_id'],
    [{ product_id: '1', product_code: 'P' }, 'product_id'],
    [{ per_page: '101' }, 'per_page'],
    [{ sku: ['a', 'b'] }, 'sku'],
  ])('refuses %j naming %s', (query, field) => {
    const parsed = parseListQuery(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error[0].field).toBe(field);
  });
});
