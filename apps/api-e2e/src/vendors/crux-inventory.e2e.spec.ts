import { targets } from '../support/e2e-targets.state';
import { client } from '@tally/test-support';
import { createConnection, freshTenant, unique } from '../support/tenant.fixtures';
import { CRUX, cruxFixture, cruxLogin, figuresOf, type CruxFixture } from './crux.fixtures';

describe.each(targets())('Crux TIMP SKU inventory on %s', (_kind, target) => {
  let fx: CruxFixture;
  beforeAll(async () => {
    fx = await cruxFixture(target);
  });

  it("applies the document's request (its headers, cookie and all) as on hand at the connection's supplier location", async () => {
    const { admin } = await freshTenant(target);
    const created = await createConnection(admin, 'crux');
    const token = await cruxLogin(target.baseUrl, created.connection.credentialId, created.credentials.secret);
    const placed = await admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: 'xkuOwSQ3utl' }, location: { code: 'WH-1' }, onHand: 9, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
    });
    const answer = await client(target.baseUrl, null)('POST', CRUX.update, {
      raw: '{\n  "quantity_in_stock": 3,\n  "sku_id": "xkuOwSQ3utl"\n}',
      headers: {
        authorization: `Token ${token}`,
        'content-type': 'application/json; charset=utf-8',
        cookie: 'sessionid=0go3ewc40dk7rlevmdziljl3lf3wxpid',
      },
    });
    expect(answer).toMatchObject({ status: 200, body: { message: 'success' } });
    expect(answer.contentType).toMatch(/^application\/json/);
    const levels = (await admin('GET', `/api/v1/stock-levels?itemId=${placed.body.itemId}`)).body.items;
    expect(levels).toHaveLength(2);
    const crux = levels.find((l: { locationId: string }) => l.locationId !== placed.body.locationId);
    expect(crux.figures).toMatchObject({ onHand: 3, availableReported: null });
    expect((await admin('GET', `/api/v1/locations/${crux.locationId}`)).body).toMatchObject({ code: `crux-${created.connection.id}`, kind: 'supplier' });
    const ledger = (await admin('GET', `/api/v1/ledger?connectionId=${created.connection.id}`)).body.items;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ cause: 'set', itemId: placed.body.itemId, after: { figures: { onHand: 3 } } });
  });

  it('sets backorder, keeps fields left out, and answers an unchanged repeat with success', async () => {
    const sku = unique('SKU');
    const { itemId, locationId } = await fx.seed({ sku }, { onHand: 5, reserved: 2 });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, quantity_on_backorder: 7 } })).status).toBe(200);
    expect((await figuresOf(fx.admin, itemId, locationId)).figures).toMatchObject({ onHand: 5, reserved: 2, backorder: 7 });
    const before = await fx.snapshot();
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, quantity_on_backorder: 7 } })).body).toEqual({ message: 'success' });
    expect(await fx.snapshot()).toBe(before);
  });

  it.each([
    ['upca', '036000291452', '036000291452'],
    ['ean13', '4006381333931', '4006381333931'],
    ['gtin14', '10036000291459', '10036000291459'],
    ['isbn', '0-306-40615-2', '9780306406157'],
    ['isbn', '978-1-4028-9462-6', '9781402894626'],
  ])('finds the item by %s %s', async (name, value, seeded) => {
    const gtinTenant = await cruxFixture(target);
    const { itemId, locationId } = await gtinTenant.seed({ gtin: seeded });
    const answer = await gtinTenant.crux(CRUX.update, { json: { [name]: value, quantity_in_stock: 11 } });
    expect(answer).toMatchObject({ status: 200, body: { message: 'success' } });
    expect((await figuresOf(gtinTenant.admin, itemId, locationId)).figures).toMatchObject({ onHand: 11 });
  });

  it('treats a UPC-A and the EAN-13 with a leading zero as the same item, and refuses a bad check digit', async () => {
    const { itemId, locationId } = await fx.seed({ gtin: '012345678905' });
    expect((await fx.crux(CRUX.update, { json: { ean13: '0012345678905', quantity_in_stock: 4 } })).status).toBe(200);
    expect((await fx.crux(CRUX.update, { json: { upca: '012345678905', ean13: '0012345678905', quantity_on_backorder: 1 } })).status).toBe(200);
    expect((await figuresOf(fx.admin, itemId, locationId)).figures).toMatchObject({ onHand: 4, backorder: 1 });
    const items = (await fx.admin('GET', '/api/v1/items/lookup?gtin=012345678905')).body;
    expect(items.id).toBe(itemId);
    const before = await fx.snapshot();
    const bad = await fx.crux(CRUX.update, { json: { upca: '012345678904', quantity_in_stock: 99 } });
    expect(bad).toMatchObject({ status: 422, body: { status_code: 422, code: 'IDENTIFIER.BAD_CHECK_DIGIT', errors: [{ field: 'upca' }] } });
    expect(bad.body.message).toMatch(/check digit/);
    expect(await fx.snapshot()).toBe(before);
  });

  it('refuses 422 when a sku_id and a barcode name different items, links a new barcode, and 404 when neither names one', async () => {
    const sku = unique('SKU');
    const one = await fx.seed({ sku });
    const other = await fx.seed({ gtin: '4006381333931' });
    expect(other.itemId).not.toBe(one.itemId);
    const half = await fx.crux(CRUX.update, { json: { sku_id: sku, upca: '036000291452', quantity_in_stock: 2 } });
    expect(half.status).toBe(200);
    expect((await fx.admin('GET', '/api/v1/items/lookup?gtin=036000291452')).body.id).toBe(one.itemId);
    const before = await fx.snapshot();
    const answer = await fx.crux(CRUX.update, { json: { sku_id: sku, ean13: '4006381333931', quantity_in_stock: 2 } });
    expect(answer).toMatchObject({ status: 422, body: { code: 'CRUX.IDENTIFIERS_DISAGREE', errors: [{ field: 'ean13' }] } });
    const none = await fx.crux(CRUX.update, { json: { sku_id: unique('NONE'), upca: '012000161155', quantity_in_stock: 2 } });
    expect(none).toMatchObject({ status: 404, body: { code: 'CRUX.SKU_NOT_FOUND' } });
    expect(none.body.message).toMatch(/sku_id NONE-\w+ \/ upca 012000161155; valid identifiers are sku_id, upca, ean13, gtin14, isbn/);
    expect(await fx.snapshot()).toBe(before);
  });

  it('turns restrictions on and off, changing availability and status (docs/architecture.md §4.9)', async () => {
    const sku = unique('SKU');
    const { itemId } = await fx.seed({ sku }, { onHand: 6 });
    const availability = async () => (await fx.admin('GET', `/api/v1/items/${itemId}/availability`)).body;
    expect(await availability()).toMatchObject({ status: 'in_stock', sellable: 6 });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, restrictions: 'discontd' } })).status).toBe(200);
    expect(await availability()).toMatchObject({ status: 'discontinued', sellable: 0 });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, restrictions: 'tmpunavail' } })).status).toBe(200);
    expect(await availability()).toMatchObject({ status: 'unavailable', sellable: 0 });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, restrictions: '' } })).status).toBe(200);
    expect(await availability()).toMatchObject({ status: 'in_stock', sellable: 6 });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, restrictions: 'discontd', quantity_in_stock: 8 } })).status).toBe(200);
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, restrictions: null } })).status).toBe(200);
    expect(await availability()).toMatchObject({ status: 'in_stock', sellable: 8 });
    const ledger = (await fx.admin('GET', `/api/v1/ledger?itemId=${itemId}&connectionId=${fx.connectionId}`)).body.items;
    expect(ledger.map((e: { after: { figures: { restriction: string } } }) => e.after.figures.restriction)).toEqual([
      'none',
      'discontinued',
      'none',
      'temporarily_unavailable',
      'discontinued',
    ]);
  });

  it('answers the bulk call with one {status_code, message} per element, in order, applying the good ones', async () => {
    const [a, b] = [unique('SKU'), unique('SKU')];
    const first = await fx.seed({ sku: a });
    const second = await fx.seed({ sku: b });
    const answer = await fx.crux(CRUX.bulk, {
      json: [
        { sku_id: a, quantity_in_stock: 21 },
        { sku_id: unique('MISSING'), quantity_in_stock: 1 },
        { upca: '036000291453', quantity_in_stock: 1 },
        { sku_id: b, price: '9.99' },
        { sku_id: b },
        'not an object',
        { sku_id: b, quantity_in_stock: 22, restrictions: 'tmpunavail' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.map((e: { status_code: number }) => e.status_code)).toEqual([200, 404, 422, 403, 400, 400, 200]);
    expect(answer.body[0]).toEqual({ status_code: 200, message: 'success' });
    expect(answer.body[1].message).toMatch(/^No sku found with sku identifier sku_id MISSING-\w+; valid identifiers are sku_id, upca, ean13, gtin14, isbn$/);
    expect(answer.body[3].message).toMatch(/price/);
    expect((await figuresOf(fx.admin, first.itemId, first.locationId)).figures).toMatchObject({ onHand: 21 });
    expect((await figuresOf(fx.admin, second.itemId, second.locationId)).figures).toMatchObject({ onHand: 22, restriction: 'temporarily_unavailable' });
  });
});
