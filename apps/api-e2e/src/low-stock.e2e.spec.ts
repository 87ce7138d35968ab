import { targets } from './support/e2e-targets.state';
import { freshTenant, setStock, unique } from './support/tenant.fixtures';
import type { Client } from '@tally/test-support';

interface Place {
  itemId: string;
  sku: string | null;
  locationId: string;
  status: string;
  threshold: number;
  shortfall: number;
  headroom: number;
}

describe.each(targets())('low-stock places on %s', (_kind, target) => {
  let admin: Client;
  const ids: Record<string, { itemId: string; locationId: string }> = {};

  beforeAll(async () => {
    admin = (await freshTenant(target)).admin;
    const p = unique('LS');
    ids['lowEast'] = await setStock(admin, `${p}-A`, 'LS-EAST', { onHand: 4, lowStockThreshold: 5 });
    ids['fineWest'] = await setStock(admin, `${p}-A`, 'LS-WEST', { onHand: 40, lowStockThreshold: 5 });
    ids['deepLow'] = await setStock(admin, `${p}-B`, 'LS-EAST', { onHand: 3, reserved: 1, safetyStock: 1, lowStockThreshold: 10 });
    ids['out'] = await setStock(admin, `${p}-C`, 'LS-WEST', { onHand: 0 });
    ids['oversold'] = await setStock(admin, `${p}-D`, 'LS-EAST', { onHand: -2, lowStockThreshold: 1 });
    ids['backorder'] = await setStock(admin, `${p}-E`, 'LS-EAST', { onHand: 0, backorderPolicy: 'backorder' });
    ids['unlimited'] = await setStock(admin, `${p}-F`, 'LS-EAST', { onHand: 0, infinite: true });
  });

  const list = async (query = '') => {
    const answer = await admin('GET', `/api/v1/stock-levels/low-stock${query}`);
    expect(answer.status).toBe(200);
    return answer.body as { total: number; places: Place[] };
  };
  const keyOf = (p: Place) => Object.entries(ids).find(([, v]) => v.itemId === p.itemId && v.locationId === p.locationId)?.[0];

  it('lists the places out of stock first, then the most units below their threshold, each with the threshold it used', async () => {
    const { total, places } = await list();
    expect(total).toBe(4);
    expect(places.map(keyOf)).toEqual(['oversold', 'out', 'deepLow', 'lowEast']);
    expect(places[0]).toMatchObject({ status: 'out_of_stock', threshold: 1, headroom: -2, shortfall: 3 });
    expect(places[2]).toMatchObject({ status: 'low_stock', threshold: 10, headroom: 1, shortfall: 9, sellable: 1 });
    expect(places[3]).toMatchObject({ status: 'low_stock', sku: expect.stringMatching(/-A$/), threshold: 5, shortfall: 1 });
  });

  it('agrees with each level’s status in the stock level list', async () => {
    for (const place of (await list()).places) {
      const level = (await admin('GET', `/api/v1/stock-levels?itemId=${place.itemId}&locationId=${place.locationId}`)).body.items[0];
      expect(level.availability.status).toBe(place.status);
    }
  });

  it('narrows to one location and cuts at the limit, still counting every place', async () => {
    expect((await list(`?locationId=${ids['out'].locationId}`)).places.map(keyOf)).toEqual(['out']);
    const cut = await list('?limit=2');
    expect(cut.total).toBe(4);
    expect(cut.places.map(keyOf)).toEqual(['oversold', 'out']);
  });

  it('leaves a place out once it is above its threshold again', async () => {
    await setStock(admin, (await list()).places[3].sku ?? '', 'LS-EAST', { onHand: 9 });
    expect((await list()).places.map(keyOf)).toEqual(['oversold', 'out', 'deepLow']);
  });

  it('refuses a bad limit or another tenant’s location with 422 naming the field', async () => {
    const badLimit = await admin('GET', '/api/v1/stock-levels/low-stock?limit=0');
    expect(badLimit.status).toBe(422);
    expect(badLimit.body.errors[0].field).toBe('limit');
    const other = (await freshTenant(target)).admin;
    const unknownLocation = await other('GET', `/api/v1/stock-levels/low-stock?locationId=${ids['out'].locationId}`);
    expect(unknownLocation.status).toBe(422);
    expect(unknownLocation.body.errors[0].field).toBe('locationId');
  });
});
