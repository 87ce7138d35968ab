import { client } from '@tally/test-support';
import { targets } from '../support/e2e-targets.state';
import { createConnection, freshTenant } from '../support/tenant.fixtures';
import { comestriTenant, INVENTORIES, stockSnapshot as comestriSnapshot } from './comestri.e2e-helper';
import { CRUX, cruxFixture } from './crux.fixtures';
import { kiboClient, levelBySku, waitForJob } from './kibo.e2e-helpers';
import { inventoriesPath, marketplacerClient } from './marketplacer.e2e-helper';
import { itemOf, PUSH_V1, retailopsTenant, sdkPush, stockSnapshot as retailopsSnapshot } from './retailops.e2e-helper';

const NUL = '\u0000';
const LONE = '\uDC00';
const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';
const LONE_MESSAGE = 'must not contain an unpaired surrogate (U+DC00)';
const REFRESH = '/kibo/api/v5/inventory/refresh';

describe.each(targets())('text Tally never accepts, in the vendor dialects, on %s', (_kind, target) => {
  it('Kibo: 400 in its shape for a bad query, path or envelope; a bad item is reported in the job and the others applied', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const query = await kibo.call('GET', '/kibo/inv/api/v1/queue/1?x=%00');
    expect(query).toMatchObject({ status: 400, body: { status: 400, error: 'Bad Request', errors: [{ field: 'x', message: NUL_MESSAGE }] } });
    const path = await kibo.call('GET', '/kibo/inv/api/v1/queue/1%00');
    expect(path).toMatchObject({ status: 400, body: { status: 400, errors: [{ field: 'jobID', message: NUL_MESSAGE }] } });
    // A path the router cannot decode (a surrogate's bytes) is a bad request in Kibo's shape too.
    expect(await kibo.call('GET', '/kibo/inv/api/v1/queue/%ED%A0%80')).toMatchObject({ status: 400, body: { status: 400, error: 'Bad Request' } });
    const envelope = await kibo.call('POST', REFRESH, { json: { locationName: `K${LONE}`, items: [{ sku: 'K-GOOD', quantity: 1 }] } });
    expect(envelope).toMatchObject({ status: 400, body: { status: 400, errors: [{ field: 'locationName', message: LONE_MESSAGE }] } });
    expect((await admin('GET', '/api/v1/jobs')).body.items).toEqual([]);

    const answer = await kibo.call('POST', REFRESH, {
      json: {
        locationName: 'K1',
        items: [
          { sku: 'K-GOOD-1', quantity: 4 },
          { sku: `K-BAD${NUL}`, quantity: 9 },
          { sku: 'K-BAD-2', quantity: 9, attributes: [`a${LONE}`] },
          { sku: 'K-GOOD-2', quantity: 6 },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const job = await waitForJob(kibo.call, answer.body.jobID);
    expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 4, processedCount: 4 });
    expect(job.messages).toEqual([
      `items[1]: REQUEST.INVALID: items[1].sku ${NUL_MESSAGE}`,
      `items[2] (sku K-BAD-2): REQUEST.INVALID: items[2].attributes[0] ${LONE_MESSAGE}`,
    ]);
    expect((await levelBySku(admin, 'K-GOOD-1', 'K1')).figures.onHand).toBe(4);
    expect((await levelBySku(admin, 'K-GOOD-2', 'K1')).figures.onHand).toBe(6);
    expect((await admin('GET', '/api/v1/items/lookup?sku=K-BAD-2')).status).toBe(404);
  });

  it('Crux: 400 CRUX.INVALID_FIELD naming the field, changing nothing; in a bulk call only the bad element is refused', async () => {
    const fx = await cruxFixture(target);
    await fx.seed({ sku: 'C-1' }, { onHand: 1 });
    await fx.seed({ sku: 'C-2' }, { onHand: 1 });
    const before = await fx.snapshot();
    for (const [body, field, message] of [
      [{ sku_id: `C-1${NUL}`, quantity_in_stock: 5 }, 'sku_id', NUL_MESSAGE],
      [{ sku_id: 'C-1', restrictions: LONE }, 'restrictions', LONE_MESSAGE],
    ] as const) {
      const answer = await fx.crux(CRUX.update, { json: body });
      expect(answer).toMatchObject({
        status: 400,
        body: { status_code: 400, code: 'CRUX.INVALID_FIELD', errors: [{ field, message: `${field} ${message}` }] },
      });
    }
    const query = await fx.crux(`${CRUX.update}?x=%00`, { json: { sku_id: 'C-1', quantity_in_stock: 5 } });
    expect(query).toMatchObject({ status: 400, body: { status_code: 400, code: 'CRUX.INVALID_FIELD', errors: [{ field: 'x' }] } });
    expect(await fx.snapshot()).toBe(before);

    const bulk = await fx.crux(CRUX.bulk, {
      json: [
        { sku_id: 'C-1', quantity_in_stock: 7 },
        { sku_id: `C-2${LONE}`, quantity_in_stock: 8 },
        { sku_id: 'C-2', quantity_in_stock: 9 },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual([
      { status_code: 200, message: 'success' },
      { status_code: 400, message: `sku_id ${LONE_MESSAGE}` },
      { status_code: 200, message: 'success' },
    ]);
  });

  it('Comestri: 422 in its shape naming the parameter or the inventory field, changing nothing', async () => {
    const fx = await comestriTenant(target);
    expect((await fx.post({ inventory_source: 'SRC', product_code: 'P-1', qty: 2 })).status).toBe(201);
    const before = await comestriSnapshot(fx.admin);
    for (const [path, field] of [
      [`${INVENTORIES}?product_code=P%00`, 'product_code'],
      [`${INVENTORIES}?cursor=%00`, 'cursor'],
      [`${INVENTORIES}/1%00`, 'id'],
    ] as const) {
      const answer = await fx.comestri('GET', path);
      expect(answer).toMatchObject({ status: 422, body: { status: 422, code: 'REQUEST.INVALID', errors: [{ field, message: NUL_MESSAGE }] } });
    }
    for (const [inventory, field, message] of [
      [{ inventory_source: `SRC${NUL}`, product_code: 'P-1', qty: 3 }, 'inventory[inventory_source]', NUL_MESSAGE],
      [{ inventory_source: 'SRC', product_code: `P-1${LONE}`, qty: 3 }, 'inventory[product_code]', LONE_MESSAGE],
    ] as const) {
      const answer = await fx.post(inventory);
      expect(answer).toMatchObject({ status: 422, body: { status: 422, errors: [{ field, message }] } });
    }
    expect(await comestriSnapshot(fx.admin)).toEqual(before);
  });

  it('Marketplacer: 400 INVALID_PARAMETER for a bad query or path, 422 INVALID_DOCUMENT for a bad body, changing nothing', async () => {
    const { admin } = await freshTenant(target);
    const owner = await createConnection(admin, 'marketplacer', { options: { sellerId: 100, sellerName: 'Owner' } });
    const seller = marketplacerClient(target.baseUrl, owner.credentials.token);
    const before = JSON.stringify((await admin('GET', '/api/v1/ledger?limit=200')).body);
    for (const [path, parameter] of [
      ['/marketplacer/api/v2/client/multi_store_memberships?page[size]=%00', 'page[size]'],
      [`${inventoriesPath('1%00')}`, 'variantId'],
    ] as const) {
      const answer = await seller('GET', path);
      expect(answer).toMatchObject({
        status: 400,
        body: { errors: [{ status: '400', code: 'MARKETPLACER.INVALID_PARAMETER', detail: `${parameter} ${NUL_MESSAGE}`, source: { parameter } }] },
      });
    }
    const body = await seller('PUT', inventoriesPath(1), { json: { data: [{ type: 'inventories', attributes: { count_on_hand: 1 } }], meta: { note: LONE } } });
    expect(body).toMatchObject({
      status: 422,
      body: {
        errors: [
          { status: '422', code: 'MARKETPLACER.INVALID_DOCUMENT', detail: `the member at /meta/note ${LONE_MESSAGE}`, source: { pointer: '/meta/note' } },
        ],
      },
    });
    expect(JSON.stringify((await admin('GET', '/api/v1/ledger?limit=200')).body)).toBe(before);
  });

  it('RetailOPS: a bad SKU is its own error event and the others apply; a bad envelope or query is 400; nothing else changes', async () => {
    const ro = await retailopsTenant(target);
    const answer = await ro.push(
      PUSH_V1,
      sdkPush(ro.token, [
        { sku: 'R-GOOD', quantity_available: 7 },
        { sku: `R-BAD${NUL}`, quantity_available: 1 },
        { sku: 'R-BAD-2', quantity_available: 1, quantity_detail: [{ quantity_type: 'internal', facility_name: `F${LONE}`, available_quantity: 1 }] },
      ]),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.events).toEqual([
      {
        event_type: 'error',
        code: 'RETAILOPS.INVALID_FIELD',
        message: `inventory_updates[1].sku ${NUL_MESSAGE}`,
        diagnostic_data: 'inventory_updates[1].sku',
        associations: [],
      },
      {
        event_type: 'error',
        code: 'RETAILOPS.INVALID_FIELD',
        message: `inventory_updates[2].quantity_detail[0].facility_name ${LONE_MESSAGE}`,
        diagnostic_data: 'inventory_updates[2].quantity_detail[0].facility_name',
        associations: [{ identifier_type: 'sku_number', identifier: 'R-BAD-2' }],
      },
    ]);
    expect(await itemOf(ro.admin, 'R-GOOD')).toBeDefined();
    expect(await itemOf(ro.admin, 'R-BAD-2')).toBeUndefined();

    const before = await retailopsSnapshot(ro.admin);
    const envelope = await ro.push(PUSH_V1, { ...sdkPush(ro.token, [{ sku: 'R-GOOD', quantity_available: 9 }]), action: `inventory_push${NUL}` });
    expect(envelope).toMatchObject({ status: 400, body: { events: [{ event_type: 'error', code: 'RETAILOPS.INVALID_FIELD', diagnostic_data: 'action' }] } });
    const query = await ro.push(`${PUSH_V1}?connection=${ro.credentialId}%00`, sdkPush(ro.token, [{ sku: 'R-GOOD', quantity_available: 9 }]));
    expect(query).toMatchObject({
      status: 400,
      body: { events: [{ event_type: 'error', code: 'RETAILOPS.INVALID_FIELD', message: `connection ${NUL_MESSAGE}`, diagnostic_data: 'connection' }] },
    });
    expect(await retailopsSnapshot(ro.admin)).toEqual(before);
  });

  it('answers such text on a route of no dialect, or on no route at all, with a 4xx', async () => {
    for (const path of ['/health?x=%00', '/nowhere/%00', '/kibo/nowhere?x=%00']) {
      const answer = await client(target.baseUrl, null)('GET', path);
      expect({ path, clientError: answer.status >= 400 && answer.status < 500 }).toEqual({ path, clientError: true });
    }
  });
});
