import { targets } from '../support/e2e-targets.state';
import { client } from '@tally/test-support';
import { createConnection, levelOf, setStock } from '../support/tenant.fixtures';
import { comestriTenant, INVENTORIES, stockSnapshot, tokenHeader } from './comestri.e2e-helper';

// The document's response example, with the missing comma after "available_qty": 7 corrected.
const DOCUMENT_RESPONSE = JSON.parse(`{
  "id": 2, "qty": 5, "available_qty": 7, "stock_availability": null, "out_of_stock_threshold": null,
  "dispatch_time": null, "dispatch_time_unit": "day", "unit_cost": null, "style": "dynamic", "sku": null,
  "lead_time": 48, "lead_time_unit": "hours", "stock_arrival_date": null, "back_order_handling": null,
  "back_order_allocation": null, "source_system_stock_timestamp": null, "support_shipping": true,
  "inventory_source": { "id": 1, "name": "MOTUL" }
}`) as Record<string, unknown>;

describe.each(targets())('comestri inventories on %s', (_kind, target) => {
  it('answers the document example with every field of its response, reflecting what Tally holds', async () => {
    const { admin, post, comestri, connectionId } = await comestriTenant(target);
    const answer = await post({ inventory_source: 'MOTUL', product_id: 1, qty: 5 });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-tally-update-status')).toBe('applied');
    for (const key of Object.keys(DOCUMENT_RESPONSE)) expect(answer.body).toHaveProperty(key);
    expect(answer.body).toMatchObject({ qty: 5, available_qty: null, style: 'dynamic', support_shipping: true, dispatch_time_unit: 'day' });
    expect(answer.body.inventory_source.name).toBe('MOTUL');
    const item = await admin('GET', `/api/v1/items/lookup?externalId=1&connectionId=${connectionId}`);
    expect(item.status).toBe(200);
    const level = await levelOf(admin, item.body.id, answer.body.inventory_source.id);
    expect(level.figures).toMatchObject({ onHand: 5, availableReported: null });
    const ledger = await admin('GET', `/api/v1/ledger?itemId=${item.body.id}`);
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({ actor: 'comestri:ops@example.com', connectionId });
    const location = await admin('GET', `/api/v1/locations/${answer.body.inventory_source.id}`);
    expect(location.body).toMatchObject({ code: 'MOTUL', kind: 'inventory_source' });
    const again = await comestri('GET', `${INVENTORIES}/${answer.body.id}`);
    expect(again).toMatchObject({ status: 200, body: answer.body });
  });

  it('stores every parameter, keeps qty (on hand) and available_qty apart, and renders them back', async () => {
    const { admin, post } = await comestriTenant(target);
    const sent = {
      inventory_source: 'SYD',
      product_code: 'P-ALL',
      sku: 'SYD-P-ALL',
      qty: 10,
      available_qty: 6,
      stock_availability: 'in_stock',
      out_of_stock_threshold: 2,
      dispatch_time: 36,
      dispatch_time_unit: 'hour',
      lead_time: 2,
      lead_time_unit: 'weeks',
      stock_arrival_date: '2030-02-01T00:00:00Z',
      back_order_handling: 'back_orderable',
      back_order_allocation: 4,
      source_system_stock_timestamp: '2030-01-01T05:13:26Z',
      unit_cost: 12.5,
      style: 'static',
    };
    const answer = await post(sent);
    expect(answer.status).toBe(201);
    const { inventory_source: _source, product_code: _code, ...rest } = sent;
    expect(answer.body).toMatchObject({ ...rest, product_code: 'P-ALL', inventory_source: { name: 'SYD' } });
    const item = (await admin('GET', '/api/v1/items/lookup?sku=P-ALL')).body;
    const level = await levelOf(admin, item.id, answer.body.inventory_source.id);
    expect(level.figures).toMatchObject({
      onHand: 10,
      availableReported: 6,
      outOfStockThreshold: 2,
      backorder: 4,
      backorderPolicy: 'backorder',
      infinite: false,
    });
    expect(level.details).toMatchObject({ leadTimeDays: 14, dispatchTimeDays: 2, unitCost: '12.5' });
    expect(level.details.incoming).toEqual([expect.objectContaining({ expectedAt: '2030-02-01T00:00:00Z' })]);
    expect(level.availability).toMatchObject({ sellable: 6, status: 'in_stock' });
  });

  it('refuses product_id together with product_code, and neither, changing nothing', async () => {
    const { admin, post } = await comestriTenant(target);
    const before = await stockSnapshot(admin);
    const both = await post({ inventory_source: 'M', product_id: 1, product_code: 'P', qty: 1 });
    expect(both.status).toBe(422);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['inventory[product_id]', 'inventory[product_code]']);
    const neither = await post({ inventory_source: 'M', qty: 1 });
    expect(neither.status).toBe(422);
    expect(neither.body.errors).toEqual([{ field: 'inventory[product_id]', message: 'one of product_id and product_code is required' }]);
    expect(await stockSnapshot(admin)).toEqual(before);
  });

  it('applies in-order timestamps and reports an older record as stale without applying it', async () => {
    const { admin, post, comestri } = await comestriTenant(target);
    const first = await post({ inventory_source: 'M', product_id: 7, qty: 5, source_system_stock_timestamp: '2030-01-01T10:00:00Z' });
    // The same instant in another zone is not older: it applies.
    const same = await post({ inventory_source: 'M', product_id: 7, qty: 6, source_system_stock_timestamp: '2030-01-01T11:00:00+01:00' });
    expect(same).toMatchObject({ status: 201, body: { qty: 6 } });
    expect(same.headers.get('x-tally-update-status')).toBe('applied');
    const repeated = await post({ inventory_source: 'M', product_id: 7, qty: 6, source_system_stock_timestamp: '2030-01-01T11:00:00+01:00' });
    expect(repeated.headers.get('x-tally-update-status')).toBe('unchanged');
    const later = await post({ inventory_source: 'M', product_id: 7, qty: 9, source_system_stock_timestamp: '2030-01-01T12:00:00Z' });
    expect(later).toMatchObject({ status: 201, body: { qty: 9, source_system_stock_timestamp: '2030-01-01T12:00:00Z' } });
    const before = await stockSnapshot(admin);
    const stale = await post({ inventory_source: 'M', product_id: 7, qty: 1, source_system_stock_timestamp: '2030-01-01T11:59:59Z' });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('x-tally-update-status')).toBe('stale');
    expect(stale.body).toMatchObject({ id: first.body.id, qty: 9, source_system_stock_timestamp: '2030-01-01T12:00:00Z' });
    expect(await stockSnapshot(admin)).toEqual(before);
    expect((await comestri('GET', `${INVENTORIES}/${first.body.id}`)).body.qty).toBe(9);
  });

  it('makes perpetual never sell out and applies the out-of-stock threshold and back-order handling', async () => {
    const { admin, post } = await comestriTenant(target);
    const availability = async (product_code: string, fields: Record<string, unknown>) => {
      const answer = await post({ inventory_source: 'A', product_code, ...fields });
      expect(answer.status).toBe(201);
      const item = (await admin('GET', `/api/v1/items/lookup?sku=${product_code}`)).body;
      return (await admin('GET', `/api/v1/items/${item.id}/availability`)).body;
    };
    expect(await availability('PERP', { qty: 0, style: 'perpetual' })).toMatchObject({ unlimited: true, status: 'in_stock' });
    expect(await availability('STAT', { qty: 0, style: 'static' })).toMatchObject({ unlimited: false, sellable: 0, status: 'out_of_stock' });
    expect(await availability('THR', { qty: 3, out_of_stock_threshold: 3 })).toMatchObject({ sellable: 0, status: 'out_of_stock' });
    expect(await availability('THR', { qty: 4 })).toMatchObject({ sellable: 4, status: 'in_stock' });
    expect(await availability('AVL', { qty: 10, available_qty: 2, out_of_stock_threshold: 2 })).toMatchObject({ sellable: 0, status: 'out_of_stock' });
    expect(await availability('BO', { qty: 0, back_order_handling: 'back_orderable' })).toMatchObject({ status: 'backorderable' });
    expect(await availability('PO', { qty: 0, back_order_handling: 'pre_orderable' })).toMatchObject({ status: 'preorderable' });
    expect(await availability('OOS', { qty: 9, stock_availability: 'out_of_stock' })).toMatchObject({ sellable: 0 });
  });

  it('answers 404 for an unknown product when the connection rejects unknown items', async () => {
    const { admin, post } = await comestriTenant(target, { unknownItemPolicy: 'reject' });
    const before = await stockSnapshot(admin);
    const answer = await post({ inventory_source: 'MOTUL', product_id: 404, qty: 5 });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: 404, code: 'INVENTORY.UNKNOWN_ITEM', errors: [{ field: 'inventory[product_id]' }] });
    expect(await stockSnapshot(admin)).toEqual(before);
  });

  it('answers 403 for an inventory source the connection may not use', async () => {
    const { admin, post, comestri } = await comestriTenant(target, { options: { allowedInventorySources: ['MOTUL'] } });
    expect((await post({ inventory_source: 'MOTUL', product_id: 1, qty: 5 })).status).toBe(201);
    const before = await stockSnapshot(admin);
    const answer = await post({ inventory_source: 'OTHER', product_id: 1, qty: 5 });
    expect(answer).toMatchObject({ status: 403, body: { code: 'COMESTRI.INVENTORY_SOURCE_FORBIDDEN', errors: [{ field: 'inventory[inventory_source]' }] } });
    expect((await comestri('GET', `${INVENTORIES}?inventory_source=OTHER`)).status).toBe(403);
    expect(await stockSnapshot(admin)).toEqual(before);
  });

  it('answers 401 with a WWW-Authenticate challenge for a missing or wrong Authorization header', async () => {
    const { admin, token, connectionId } = await comestriTenant(target);
    const other = await createConnection(admin, 'crux');
    const anonymous = client(target.baseUrl, null);
    const body = { json: { inventory: { inventory_source: 'M', product_id: 1, qty: 5 } } };
    const [id, secret] = [token.slice(0, token.indexOf('.')), token.slice(token.indexOf('.') + 1)];
    const headers = [
      undefined,
      `Bearer ${token}`,
      `Token token=${token}`,
      `Token token=${id}.wrong-secret,email=ops@example.com`,
      `Token token=${id}${secret},email=ops@example.com`,
      tokenHeader(other.credentials.token),
      `Bearer ${target.adminKey}`,
    ];
    for (const authorization of headers) {
      const answer = await anonymous('POST', INVENTORIES, { ...body, headers: authorization ? { authorization } : {} });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Token realm=/);
      expect(answer.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
      expect((await anonymous('GET', INVENTORIES, { headers: authorization ? { authorization } : {} })).status).toBe(401);
    }
    await admin('POST', `/api/v1/connections/${connectionId}/revoke`);
    expect((await anonymous('POST', INVENTORIES, { ...body, headers: { authorization: tokenHeader(token) } })).status).toBe(401);
    expect(((await stockSnapshot(admin)) as { levels: unknown[] }).levels).toEqual([]);
  });

  it('accepts the longest names the store holds', async () => {
    const { admin, comestri, token } = await comestriTenant(target);
    const [source, code, email] = ['S'.repeat(200), 'P'.repeat(200), `${'e'.repeat(178)}@example.com`];
    const answer = await comestri('POST', INVENTORIES, {
      json: { inventory: { inventory_source: source, product_code: code, sku: 'K'.repeat(200), qty: 1 } },
      headers: { authorization: tokenHeader(token, email) },
    });
    expect(answer).toMatchObject({ status: 201, body: { product_code: code, inventory_source: { name: source } } });
    const ledger = await admin('GET', '/api/v1/ledger');
    expect(ledger.body.items[0].actor).toBe(`comestri:${email}`);
  });

  it('reads a record by id and lists records by inventory source, product and sku', async () => {
    const { post, comestri } = await comestriTenant(target);
    const a = await post({ inventory_source: 'A', product_id: 1, qty: 1, sku: 'A-1' });
    const b = await post({ inventory_source: 'B', product_id: 1, qty: 2, sku: 'B-1' });
    const c = await post({ inventory_source: 'A', product_code: 'CODE-2', qty: 3 });
    const ids = async (query: string) => ((await comestri('GET', `${INVENTORIES}${query}`)).body as { id: string }[]).map((r) => r.id).sort();
    expect(await ids('')).toEqual([a.body.id, b.body.id, c.body.id].sort());
    expect(await ids('?inventory_source=A')).toEqual([a.body.id, c.body.id].sort());
    expect(await ids('?product_id=1')).toEqual([a.body.id, b.body.id].sort());
    expect(await ids('?product_code=CODE-2')).toEqual([c.body.id]);
    expect(await ids('?sku=B-1')).toEqual([b.body.id]);
    expect(await ids('?inventory_source=NOPE')).toEqual([]);
    expect(await ids('?product_id=99')).toEqual([]);
    expect((await comestri('GET', `${INVENTORIES}?colour=red`)).body).toMatchObject({ status: 422, errors: [{ field: 'colour' }] });
    expect((await comestri('GET', `${INVENTORIES}/${a.body.id}`)).body).toEqual(a.body);
    expect((await comestri('GET', `${INVENTORIES}/2`)).body).toMatchObject({ status: 404, code: 'RESOURCE.NOT_FOUND' });
    const stranger = await comestriTenant(target);
    expect((await stranger.comestri('GET', `${INVENTORIES}/${a.body.id}`)).status).toBe(404);
    expect((await stranger.comestri('GET', INVENTORIES)).body).toEqual([]);
  });

  it('refuses with 422 and changes nothing when the inventory source is the code of a location of another kind', async () => {
    const fixture = await comestriTenant(target);
    await setStock(fixture.admin, 'WH-SKU', 'WH-MAIN', { onHand: 1 });
    const before = await stockSnapshot(fixture.admin);
    const answer = await fixture.post({ inventory_source: 'WH-MAIN', product_code: 'WH-SKU', qty: 5 });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ status: 422, code: 'REQUEST.INVALID', errors: [{ field: 'inventory[inventory_source]' }] });
    expect(await stockSnapshot(fixture.admin)).toEqual(before);
  });
});
