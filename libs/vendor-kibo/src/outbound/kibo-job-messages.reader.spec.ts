import { item } from './kibo-fake.spec-helper';
import { readKiboJobMessage, resultsOfKiboJob } from './kibo-job-messages.reader';

describe('readKiboJobMessage', () => {
  const items = [item('036000291452', 1), item('A1', 2), item('A10', 3)];

  it('names an item by its position, and reads the code', () => {
    expect(readKiboJobMessage('items[2] (sku A10): INVENTORY.UNKNOWN_ITEM: no such item', items, 'sku')).toEqual({
      items: [2],
      code: 'INVENTORY.UNKNOWN_ITEM',
      text: 'items[2] (sku A10): INVENTORY.UNKNOWN_ITEM: no such item',
    });
  });

  it('without a position, names the item whose identifier it quotes exactly (a UPC also as GTIN-14)', () => {
    expect(readKiboJobMessage('sku A1: not found', items, 'sku').items).toEqual([1]);
    expect(readKiboJobMessage('upc 00036000291452: unknown', items, 'upc').items).toEqual([0]);
    expect(readKiboJobMessage('sku A1: not found', items, 'partNumber').items).toEqual([]);
  });

  it('reads a job-wide message, and a position past the request, as naming no item', () => {
    expect(readKiboJobMessage('job: JOB.FAILED: the store is down', items, 'sku')).toEqual({
      items: [],
      code: 'JOB.FAILED',
      text: 'job: JOB.FAILED: the store is down',
    });
    expect(readKiboJobMessage('items[9]: REQUEST.INVALID: bad', items, 'sku').items).toEqual([]);
  });
});

describe('resultsOfKiboJob', () => {
  it('retries an item a concurrent write got in the way of', () => {
    const job = { jobID: 1, status: 'SUCCESS' as const, messages: ['items[0] (sku A): INVENTORY.VERSION_CONFLICT: changed meanwhile'] };
    expect(resultsOfKiboJob([item('A', 1), item('B', 1)], 'sku', job)).toEqual([
      { itemId: 'item-A', outcome: 'retry', error: 'items[0] (sku A): INVENTORY.VERSION_CONFLICT: changed meanwhile' },
      { itemId: 'item-B', outcome: 'sent' },
    ]);
  });
});
