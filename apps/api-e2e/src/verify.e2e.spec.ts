import { targets } from './support/e2e-targets.state';
import { freshTenant, setStock, unique } from './support/tenant.fixtures';

describe.each(targets())('verify on %s', (_kind, target) => {
  it('finds no drift between levels and their ledger after all kinds of writes, with or without repair', async () => {
    const { admin } = await freshTenant(target);
    const sku = unique('SKU');
    await setStock(admin, sku, 'WH-V1', { onHand: 4 });
    await setStock(admin, sku, 'WH-V2', { onHand: 1 });
    await admin('POST', '/api/v1/stock-levels/adjust', { json: { item: { sku }, location: { code: 'WH-V1' }, delta: 3 } });
    await admin('POST', '/api/v1/stock-levels/remove', { json: { item: { sku }, location: { code: 'WH-V2' } } });
    const report = await admin('POST', '/api/v1/verify');
    expect(report.status).toBe(200);
    expect(report.body).toEqual({ checked: 2, drifts: [], repaired: 0 });
    const repaired = await admin('POST', '/api/v1/verify?repair=true');
    expect(repaired.body).toEqual({ checked: 2, drifts: [], repaired: 0 });
    expect((await admin('GET', '/api/v1/ledger?cause=repair')).body.items).toEqual([]);
  });

  it('checks nothing on an empty tenant and refuses a bad repair flag', async () => {
    const { admin } = await freshTenant(target);
    expect((await admin('POST', '/api/v1/verify')).body).toEqual({ checked: 0, drifts: [], repaired: 0 });
    expect((await admin('POST', '/api/v1/verify?repair=yes')).body).toMatchObject({ status: 422, errors: [{ field: 'repair' }] });
  });
});
