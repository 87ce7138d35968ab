import { itemsFilterOf, overviewQueryOf, searchOf, toggledSort } from './items-filter.model';

describe('the items filter in the URL', () => {
  it('reads what the URL says and drops what it cannot use', () => {
    const filter = itemsFilterOf(new URLSearchParams('q=navy&status=low_stock&sort=onHand&direction=desc&discrepancy=open&locationId=L1'));
    expect(filter).toEqual({
      q: 'navy',
      status: 'low_stock',
      locationId: 'L1',
      connectionId: null,
      channelId: null,
      discrepancy: true,
      sort: 'onHand',
      direction: 'desc',
    });
    expect(itemsFilterOf(new URLSearchParams('status=nope&sort=price&direction=sideways'))).toMatchObject({ status: null, sort: 'name', direction: 'asc' });
  });

  it('writes only what differs from the defaults, and reads it back the same', () => {
    expect(searchOf(itemsFilterOf(new URLSearchParams()))).toBe('');
    const text = searchOf({ ...itemsFilterOf(new URLSearchParams()), q: ' hoodie navy ', status: 'out_of_stock', sort: 'sellable' });
    expect(text).toBe('?q=hoodie+navy&status=out_of_stock&sort=sellable');
    expect(searchOf(itemsFilterOf(new URLSearchParams(text.slice(1))))).toBe(text);
  });

  it('asks the API for the filter, the order and the page', () => {
    const filter = itemsFilterOf(new URLSearchParams('q=navy&discrepancy=open'));
    expect(overviewQueryOf(filter, 'c1', 100)).toEqual({ limit: 100, sort: 'name', direction: 'asc', q: 'navy', discrepancy: 'open', cursor: 'c1' });
  });

  it('turns a column into the order, and reverses it on a second click', () => {
    const filter = itemsFilterOf(new URLSearchParams());
    expect(toggledSort(filter, 'onHand')).toEqual({ sort: 'onHand', direction: 'asc' });
    expect(toggledSort({ ...filter, sort: 'onHand' }, 'onHand')).toEqual({ sort: 'onHand', direction: 'desc' });
    expect(toggledSort(filter, 'updatedAt')).toEqual({ sort: 'updatedAt', direction: 'desc' });
  });
});
