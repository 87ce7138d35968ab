import { EMPTY_DETAILS, EMPTY_FIGURES } from '@tally/inventory-domain';
import { inventoryResourceOf, lineOfInventory, removalLine } from './marketplacer-inventory.mapper';

describe('Marketplacer inventory mapping', () => {
  it('maps count_on_hand to onHand and changes only what was sent, at the seller, on the owner’s variant', () => {
    const line = lineOfInventory({ index: 0, sellerId: 2, recordId: null, countOnHand: 0, price: '9.5' }, 2, 7, 'owner', 1);
    expect(line).toEqual({
      lineNo: 1,
      item: { external: { connectionId: 'owner', externalId: '7' } },
      location: { code: 'marketplacer-seller-2' },
      write: { kind: 'set', patch: { onHand: 0, price: '9.5' } },
      sourceTimestamp: null,
    });
    expect(lineOfInventory({ index: 0, sellerId: 3, recordId: null, infinite: true, salePrice: null }, 3, 7, 'owner', 2).write).toEqual({
      kind: 'set',
      patch: { infinite: true, salePrice: null },
    });
  });

  it('deletes with a remove, which is not zero', () => {
    expect(removalLine(2, 7, 'owner')).toMatchObject({ location: { code: 'marketplacer-seller-2' }, write: { kind: 'remove' } });
  });

  it('renders a record as the document does: prices as strings or null, infinite records without counts', () => {
    const level = { figures: { ...EMPTY_FIGURES, onHand: 10 }, details: { ...EMPTY_DETAILS, price: '500', salePrice: '450' } };
    expect(inventoryResourceOf(1, level)).toEqual({
      id: 1,
      type: 'inventories',
      attributes: { count_on_hand: 10, price: '500', sale_price: '450', infinite: false, seller_id: 1 },
    });
    expect(inventoryResourceOf(3, { figures: { ...EMPTY_FIGURES, infinite: true, onHand: 4 }, details: EMPTY_DETAILS })).toEqual({
      id: 3,
      type: 'inventories',
      attributes: { infinite: true, seller_id: 3 },
    });
    expect(inventoryResourceOf(2, { figures: EMPTY_FIGURES, details: EMPTY_DETAILS }).attributes).toMatchObject({ count_on_hand: 0, price: null });
  });
});
