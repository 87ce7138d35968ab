import { targets } from './support/e2e-targets.state';
import { freshTenant, setStock, unique } from './support/tenant.fixtures';
import type { Client } from '@tally/test-support';

describe.each(targets())('availability on %s', (_kind, target) => {
  let admin: Client;
  beforeAll(async () => {
    admin = (await freshTenant(target)).admin;
  });
  const availabilityOf = async (fields: Record<string, unknown>) => {
    const placed = await setStock(admin, unique('SKU'), 'WH-A', fields);
    return (await admin('GET', `/api/v1/items/${placed.itemId}/availability`)).body;
  };

  it.each([
    [{ onHand: 10 }, 'in_stock', 10],
    [{ onHand: 3, lowStockThreshold: 5 }, 'low_stock', 3],
    [{ onHand: 0 }, 'out_of_stock', 0],
    [{ onHand: 2, outOfStockThreshold: 2 }, 'out_of_stock', 0],
    [{ onHand: 0, backorderPolicy: 'backorder' }, 'backorderable', 0],
    [{ onHand: 0, backorderPolicy: 'preorder' }, 'preorderable', 0],
    [{ onHand: 50, restriction: 'discontinued' }, 'discontinued', 0],
    [{ onHand: 50, restriction: 'temporarily_unavailable' }, 'unavailable', 0],
    [{ onHand: 20, reserved: 5, safetyStock: 3, floor: 4 }, 'in_stock', 11],
    [{ availableReported: 8, reserved: 5 }, 'in_stock', 8],
  ])('%j is %s with %i sellable', async (fields, status, sellable) => {
    const availability = await availabilityOf(fields);
    expect(availability).toMatchObject({ status, sellable, unlimited: false });
    expect(availability.locations).toHaveLength(1);
  });

  it('is unlimited when infinite', async () => {
    expect(await availabilityOf({ onHand: 0, infinite: true })).toMatchObject({ status: 'in_stock', unlimited: true });
  });

  it('sums each location clamped at zero, so a negative location hides nothing elsewhere', async () => {
    const sku = unique('SKU');
    const a = await setStock(admin, sku, unique('NEG'), { onHand: -5 });
    const b = await setStock(admin, sku, unique('POS'), { onHand: 7 });
    const c = await setStock(admin, sku, unique('DISC'), { onHand: 4, restriction: 'discontinued' });
    const availability = (await admin('GET', `/api/v1/items/${a.itemId}/availability`)).body;
    expect(availability).toMatchObject({ sellable: 7, status: 'in_stock', unlimited: false });
    const byLocation = Object.fromEntries(availability.locations.map((l: { locationId: string }) => [l.locationId, l]));
    expect(byLocation[a.locationId]).toMatchObject({ sellable: 0, status: 'out_of_stock' });
    expect(byLocation[b.locationId]).toMatchObject({ sellable: 7, status: 'in_stock' });
    expect(byLocation[c.locationId]).toMatchObject({ sellable: 0, status: 'discontinued' });
    const levels = (await admin('GET', `/api/v1/stock-levels?itemId=${a.itemId}`)).body.items;
    expect(levels).toHaveLength(3);
    const detail = (await admin('GET', `/api/v1/items/${a.itemId}`)).body;
    expect(detail.item.sku).toBe(sku);
    expect(detail.availability.sellable).toBe(7);
  });

  it('is unavailable for an item whose records were all removed', async () => {
    const placed = await setStock(admin, unique('SKU'), 'WH-A', { onHand: 4 });
    await admin('POST', '/api/v1/stock-levels/remove', { json: { item: { itemId: placed.itemId }, location: { locationId: placed.locationId } } });
    const availability = (await admin('GET', `/api/v1/items/${placed.itemId}/availability`)).body;
    expect(availability).toMatchObject({ sellable: 0, status: 'unavailable', locations: [] });
  });
});
