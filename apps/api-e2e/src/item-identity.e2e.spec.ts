import { targets } from './support/e2e-targets.state';
import { CREATE, unique } from './support/tenant.fixtures';
import { CRUX, cruxFixture, figuresOf, type CruxFixture } from './vendors/crux.fixtures';
import { kiboClient, waitForJob } from './vendors/kibo.e2e-helpers';

/** A valid UPC-A made from a number (check digit computed), and its GTIN-14. */
function upc(n: number): { upca: string; gtin14: string } {
  const body = String(n).padStart(11, '0');
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  const upca = `${body}${(10 - (sum % 10)) % 10}`;
  return { upca, gtin14: `00${upca}` };
}

const serial = () => Math.floor(Math.random() * 1e10);

describe.each(targets())('items with every identifier on %s', (_kind, target) => {
  let fx: CruxFixture;
  beforeAll(async () => {
    fx = await cruxFixture(target);
  });

  const lookup = (query: string) => fx.admin('GET', `/api/v1/items/lookup?${query}`);

  it('takes a SKU and a GTIN in one canonical line: one item, found by either, listing both', async () => {
    const sku = unique('DUO');
    const { upca, gtin14 } = upc(serial());
    const answer = await fx.admin('POST', '/api/v1/stock-levels/batch', {
      json: { ...CREATE, lines: [{ op: 'set', item: { sku, gtin: upca, name: 'Duo' }, location: { code: unique('WH') }, onHand: 4 }] },
    });
    expect(answer.body.lines[0]).toMatchObject({ status: 'applied' });
    const itemId = answer.body.lines[0].itemId;
    expect((await lookup(`sku=${sku}`)).body.id).toBe(itemId);
    expect((await lookup(`gtin=${upca}`)).body.id).toBe(itemId);
    const item = (await lookup(`sku=${sku}&gtin=${gtin14}`)).body;
    expect(item).toMatchObject({ id: itemId, sku, gtin: gtin14, name: 'Duo' });
    expect(item.identifiers).toEqual(
      expect.arrayContaining([
        { kind: 'sku', value: sku, connectionId: null },
        { kind: 'gtin', value: gtin14, connectionId: null },
      ]),
    );
  });

  it('links a product known by SKU to the canonical API and by UPC to Crux once a line names both', async () => {
    const sku = unique('LINK');
    const { upca } = upc(serial());
    const { itemId, locationId } = await fx.seed({ sku }, { onHand: 3 });
    const unknown = await fx.crux(CRUX.update, { json: { upca, quantity_in_stock: 5 } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'CRUX.SKU_NOT_FOUND' } });
    expect((await fx.crux(CRUX.update, { json: { sku_id: sku, upca, quantity_in_stock: 6 } })).status).toBe(200);
    expect((await fx.crux(CRUX.update, { json: { upca, quantity_in_stock: 7 } })).status).toBe(200);
    expect((await figuresOf(fx.admin, itemId, locationId)).figures).toMatchObject({ onHand: 7 });
    expect((await lookup(`gtin=${upca}`)).body.id).toBe(itemId);
    expect((await fx.admin('GET', `/api/v1/items?q=${sku}`)).body.items).toHaveLength(1);
  });

  it('links a Kibo SKU and a Crux UPC when a Kibo item carries sku + upc + partNumber; a Kibo item naming two items is a job message', async () => {
    const kibo = await kiboClient(target.baseUrl, fx.admin);
    const sku = unique('KIBO');
    const { upca, gtin14 } = upc(serial());
    const refresh = async (items: Record<string, unknown>[]) =>
      waitForJob(kibo.call, (await kibo.call('POST', '/kibo/inv/api/v5/inventory/refresh', { json: { locationName: 'KIBO-STORE', items } })).body.jobID);
    expect((await refresh([{ sku, quantity: 4 }])).status).toBe('SUCCESS');
    expect((await fx.crux(CRUX.update, { json: { upca, quantity_in_stock: 2 } })).status).toBe(404);
    expect((await refresh([{ sku, upc: upca, partNumber: `${sku}-P`, quantity: 5 }])).messages).toEqual([]);
    expect((await fx.crux(CRUX.update, { json: { upca, quantity_in_stock: 2 } })).status).toBe(200);
    const item = (await lookup(`gtin=${upca}`)).body;
    expect(item).toMatchObject({ sku, gtin: gtin14, partNumber: `${sku}-P` });
    const other = await fx.seed({ sku: unique('OTHER') });
    const otherSku = (await fx.admin('GET', `/api/v1/items/${other.itemId}`)).body.item.sku;
    const job = await refresh([{ sku: otherSku, upc: upca, quantity: 1 }]);
    expect(job.messages).toHaveLength(1);
    expect(JSON.stringify(job.messages[0])).toContain('INVENTORY.IDENTITY_CONFLICT');
    expect(JSON.stringify(job.messages[0])).toContain(other.itemId);
  });

  it('rejects a line naming two items in each dialect’s shape, changing nothing, and opens one identity discrepancy', async () => {
    const sku = unique('TWO');
    const { upca, gtin14 } = upc(serial());
    const one = await fx.seed({ sku });
    const other = await fx.seed({ gtin: upca });
    const before = await fx.snapshot();
    const crux = await fx.crux(CRUX.update, { json: { sku_id: sku, upca, quantity_in_stock: 9 } });
    expect(crux).toMatchObject({ status: 422, body: { code: 'CRUX.IDENTIFIERS_DISAGREE', errors: [{ field: 'upca' }] } });
    expect(crux.body.errors[0].message).toContain(one.itemId);
    expect(crux.body.errors[0].message).toContain(other.itemId);
    const canonical = await fx.admin('POST', '/api/v1/stock-levels/batch', {
      json: { lines: [{ op: 'set', item: { sku, gtin: gtin14 }, location: { code: fx.locationCode }, onHand: 9 }] },
    });
    expect(canonical.body.lines[0]).toMatchObject({ status: 'rejected', error: { code: 'INVENTORY.IDENTITY_CONFLICT' } });
    expect(await fx.snapshot()).toBe(before);
    const open = (await fx.admin('GET', '/api/v1/identity-discrepancies')).body.items;
    const mine = open.filter((d: { itemIds: string[] }) => d.itemIds.includes(one.itemId));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'open', itemIds: [one.itemId, other.itemId].sort(), connectionId: fx.connectionId });
    expect((await fx.admin('GET', `/api/v1/identity-discrepancies/${mine[0].id}`)).body.id).toBe(mine[0].id);
  });

  it('merges two items: levels, identifiers and the discrepancy move, the ledger records it, verify stays clean', async () => {
    const sku = unique('MRG');
    const { upca, gtin14 } = upc(serial());
    const keep = await fx.seed({ sku }, { onHand: 2 });
    const absorb = await fx.seed({ gtin: upca }, { onHand: 8 });
    await fx.crux(CRUX.update, { json: { sku_id: sku, upca, quantity_in_stock: 1 } });
    const merged = await fx.admin('POST', `/api/v1/items/${keep.itemId}/merge`, { json: { absorbedItemId: absorb.itemId } });
    expect(merged).toMatchObject({ status: 200, body: { absorbedItemId: absorb.itemId, item: { id: keep.itemId, sku, gtin: gtin14 } } });
    expect((await fx.admin('GET', `/api/v1/items/${absorb.itemId}`)).status).toBe(404);
    expect((await lookup(`gtin=${upca}`)).body.id).toBe(keep.itemId);
    const all = (await fx.admin('GET', '/api/v1/identity-discrepancies?status=all')).body.items;
    expect(all.filter((d: { itemIds: string[] }) => d.itemIds.includes(absorb.itemId)).map((d: { status: string }) => d.status)).toEqual(['merged']);
    // Both levels are present and neither has a source time: the survivor's stays, the absorbed place ends removed.
    const ledger = (await fx.admin('GET', `/api/v1/ledger?cause=merge`)).body.items;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ itemId: absorb.itemId, locationId: absorb.locationId, after: { present: false } });
    expect((await figuresOf(fx.admin, keep.itemId, keep.locationId)).figures).toMatchObject({ onHand: 2 });
    expect((await fx.crux(CRUX.update, { json: { upca, quantity_in_stock: 5 } })).status).toBe(200);
    expect((await figuresOf(fx.admin, keep.itemId, keep.locationId)).figures).toMatchObject({ onHand: 5 });
    expect((await fx.admin('POST', '/api/v1/verify')).body).toMatchObject({ drifts: [], repaired: 0 });
  });

  it('creates, edits and re-identifies items through the API; bad input is a 4xx naming the field and changes nothing', async () => {
    const sku = unique('API');
    const { upca, gtin14 } = upc(serial());
    const created = await fx.admin('POST', '/api/v1/items', {
      json: {
        name: 'Lamp',
        attributes: { colour: 'red' },
        identifiers: [
          { kind: 'sku', value: sku },
          { kind: 'gtin', value: upca },
        ],
      },
    });
    expect(created).toMatchObject({ status: 201, body: { name: 'Lamp', sku, gtin: gtin14, attributes: { colour: 'red' } } });
    const id = created.body.id;
    const taken = await fx.admin('POST', '/api/v1/items', { json: { identifiers: [{ kind: 'sku', value: sku }] } });
    expect(taken).toMatchObject({ status: 409, body: { code: 'INVENTORY.IDENTITY_CONFLICT', errors: [{ field: 'identifiers[0]' }] } });
    expect((await fx.admin('POST', '/api/v1/items', { json: { identifiers: [{ kind: 'gtin', value: '036000291453' }] } })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'identifiers[0].value' }],
    });
    expect((await fx.admin('POST', '/api/v1/items', { json: { identifiers: [{ kind: 'external', value: 'x' }] } })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'identifiers[0].connectionId' }],
    });
    expect((await fx.admin('POST', '/api/v1/items', { json: { identifiers: [] } })).status).toBe(422);
    expect((await fx.admin('PATCH', `/api/v1/items/${id}`, { json: { name: 'Desk lamp' } })).body).toMatchObject({
      name: 'Desk lamp',
      attributes: { colour: 'red' },
    });
    const external = { kind: 'external', value: unique('v'), connectionId: fx.connectionId };
    const added = await fx.admin('POST', `/api/v1/items/${id}/identifiers`, { json: { identifiers: [external, { kind: 'partNumber', value: sku }] } });
    expect(added.status).toBe(200);
    expect(added.body.identifiers).toHaveLength(4);
    expect((await lookup(`externalId=${external.value}&connectionId=${fx.connectionId}`)).body.id).toBe(id);
    const removed = await fx.admin('DELETE', `/api/v1/items/${id}/identifiers?kind=partNumber&value=${sku}`);
    expect(removed.body.identifiers).toHaveLength(3);
    expect((await fx.admin('DELETE', `/api/v1/items/${id}/identifiers?kind=partNumber&value=${sku}`)).status).toBe(404);
    expect((await fx.admin('DELETE', `/api/v1/items/${id}/identifiers`)).body).toMatchObject({ status: 422, errors: [{ field: 'kind' }, { field: 'value' }] });
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await fx.admin('DELETE', `/api/v1/items/${nobody}/identifiers`)).status).toBe(404);
    expect(
      (await fx.admin('POST', `/api/v1/items/${nobody}/identifiers`, { json: { identifiers: [{ kind: 'sku', value: 'x', connectionId: 'y' }] } })).status,
    ).toBe(404);
    expect((await fx.admin('PATCH', `/api/v1/items/${nobody}`, { json: {} })).status).toBe(404);
    expect((await fx.admin('PATCH', `/api/v1/items/${id}`, { json: {} })).body).toMatchObject({ status: 422, errors: [{ field: 'body' }] });
    expect((await fx.admin('POST', `/api/v1/items/${id}/merge`, { json: { absorbedItemId: id } })).status).toBe(422);
    expect((await fx.admin('POST', `/api/v1/items/${id}/merge`, { json: {} })).body).toMatchObject({ status: 422, errors: [{ field: 'absorbedItemId' }] });
  });
});
