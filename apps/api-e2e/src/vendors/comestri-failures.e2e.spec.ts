import { targets } from '../support/e2e-targets.state';
import { client } from '@tally/test-support';
import { setStock } from '../support/tenant.fixtures';
import { comestriTenant, INVENTORIES, secondComestriConnection, stockSnapshot, tokenHeader } from './comestri.e2e-helper';

// A request Comestri refuses writes nothing: no item, no location, no level, no ledger row, no discrepancy.
describe.each(targets())('comestri refusals write nothing on %s', (_kind, target) => {
  it('404 for an unknown product at a new inventory source creates neither the source nor the item', async () => {
    const { admin, post } = await comestriTenant(target, { unknownItemPolicy: 'reject' });
    await setStock(admin, 'KNOWN', 'WH-1', { onHand: 1 });
    const before = await stockSnapshot(admin);
    for (const inventory of [
      { inventory_source: 'BRAND-NEW', product_id: 404, qty: 5 },
      { inventory_source: 'BRAND-NEW', product_code: 'UNKNOWN', qty: 5, sku: 'S', stock_arrival_date: '2030-01-01' },
    ]) {
      const answer = await post(inventory);
      expect(answer).toMatchObject({ status: 404, body: { code: 'INVENTORY.UNKNOWN_ITEM' } });
    }
    expect(await stockSnapshot(admin)).toEqual(before);
    // The known product at the same new source is stored: the refusal did not poison the source.
    expect((await post({ inventory_source: 'BRAND-NEW', product_code: 'KNOWN', qty: 2 })).status).toBe(201);
  });

  it('403, 422 and 401 write nothing, also for a product and a source never seen', async () => {
    const { admin, post, comestri, token } = await comestriTenant(target, { options: { allowedInventorySources: ['MOTUL'] } });
    await setStock(admin, 'WH-SKU', 'WH-MAIN', { onHand: 1 });
    const before = await stockSnapshot(admin);
    expect((await post({ inventory_source: 'OTHER', product_code: 'NEVER-SEEN', qty: 5 })).status).toBe(403);
    expect((await post({ inventory_source: 'MOTUL', product_code: 'NEVER-SEEN', qty: 'five' })).status).toBe(422);
    expect((await post({ inventory_source: 'MOTUL', product_code: 'NEVER-SEEN', qty: 1, source_system_stock_timestamp: '2030-02-30T00:00:00Z' })).status).toBe(
      422,
    );
    expect((await post({ inventory_source: 'MOTUL', product_id: 1, product_code: 'NEVER-SEEN', qty: 1 })).status).toBe(422);
    const wrongKind = await secondComestriConnection(target, admin);
    expect((await wrongKind.post({ inventory_source: 'WH-MAIN', product_code: 'NEVER-SEEN', qty: 5 })).status).toBe(422);
    const anonymous = client(target.baseUrl, null);
    const wrongSecret = `${token.slice(0, token.indexOf('.'))}.wrong`;
    const unauthorized = await anonymous('POST', INVENTORIES, {
      json: { inventory: { inventory_source: 'MOTUL', product_code: 'NEVER-SEEN', qty: 5 } },
      headers: { authorization: tokenHeader(wrongSecret) },
    });
    expect(unauthorized.status).toBe(401);
    expect((await comestri('GET', `${INVENTORIES}/1`)).status).toBe(404);
    expect(await stockSnapshot(admin)).toEqual(before);
  });

  it('never answers 5xx to a second connection, and what it answers is what it wrote', async () => {
    const { admin, post, comestri } = await comestriTenant(target);
    expect((await post({ inventory_source: 'SHOP', product_code: 'A', qty: 2 })).status).toBe(201);
    const second = await secondComestriConnection(target, admin);
    for (const inventory of [
      { inventory_source: 'SHOP', product_code: 'A', qty: 3 },
      { inventory_source: 'SHOP', product_code: 'B', qty: 4 },
      { inventory_source: 'SHOP', product_code: 'B', qty: 4, source_system_stock_timestamp: '2030-01-01T00:00:00Z' },
      { inventory_source: 'SHOP', product_code: 'B', qty: 1, source_system_stock_timestamp: '2029-01-01T00:00:00Z' },
    ]) {
      const answer = await second.post(inventory);
      expect(answer.status).toBeLessThan(300);
      const status = answer.headers.get('x-tally-update-status');
      expect(['applied', 'unchanged', 'observed', 'stale']).toContain(status);
      if (status === 'applied') {
        expect((await comestri('GET', `${INVENTORIES}/${answer.body.id}`)).body.qty).toBe(inventory.qty);
      }
    }
  });

  it('answers a stale record at a place whose level was removed with 200 and the place as held, not 5xx', async () => {
    const { admin, post } = await comestriTenant(target);
    const created = await post({ inventory_source: 'SHOP', product_code: 'GONE', qty: 2, source_system_stock_timestamp: '2030-01-02T00:00:00Z' });
    const removed = await admin('POST', '/api/v1/stock-levels/remove', { json: { item: { sku: 'GONE' }, location: { code: 'SHOP' } } });
    expect(removed.status).toBe(200);
    const before = await stockSnapshot(admin);
    const stale = await post({ inventory_source: 'SHOP', product_code: 'GONE', qty: 1, source_system_stock_timestamp: '2030-01-01T00:00:00Z' });
    expect(stale).toMatchObject({ status: 200, body: { id: created.body.id, qty: null } });
    expect(stale.headers.get('x-tally-update-status')).toBe('stale');
    expect(await stockSnapshot(admin)).toEqual(before);
  });
});
