import { client, type Answer, type Client } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { CREATE, freshTenant, levelOf, setStock, unique } from './support/tenant.fixtures';
import { INVENTORIES, secondComestriConnection } from './vendors/comestri.e2e-helper';
import { createVariant, inventoriesPath, multiStoreTenant, sellerLocationId } from './vendors/marketplacer.e2e-helper';
import { documentedPush, ledgerCount, levelsByCode, itemIdOf } from './vendors/retailops.e2e-helper';

// Single writes of one tenant sent together are group-committed (ADR 0046): these tests send
// them in parallel and check that each still gets its own answer and the ledger holds exactly
// what was acknowledged.
describe.each(targets())('group commit of single writes on %s', (_kind, target) => {
  const SET = '/api/v1/stock-levels/set';
  const ADJUST = '/api/v1/stock-levels/adjust';
  const CAS = '/api/v1/stock-levels/compare-and-set';
  const keyed = (admin: Client, path: string, json: unknown, key: string) => admin('POST', path, { json, headers: { 'Idempotency-Key': key } });

  it('answers 50 parallel canonical writes each on its own: a bad one fails alone, two sharing a key apply once', async () => {
    const { admin } = await freshTenant(target);
    const code = unique('WH-G');
    const shared = await setStock(admin, unique('SHARED'), code, { onHand: 0 });
    const twice = await setStock(admin, unique('TWICE'), code, { onHand: 100 });
    const reusedKey = unique('reused');
    const sharedKey = unique('shared');
    const first = await keyed(admin, ADJUST, { item: { sku: 'x' }, location: { code }, delta: 1, ...CREATE }, reusedKey);
    expect(first.status).toBe(200);
    const setsBefore = await ledgerCount(admin);

    const skus = Array.from({ length: 20 }, (_, i) => unique(`G${i}`));
    const requests: { kind: string; send: () => Promise<Answer> }[] = [
      ...skus.map((sku, i) => ({ kind: 'set', send: () => admin('POST', SET, { json: { item: { sku }, location: { code }, onHand: i + 1, ...CREATE } }) })),
      ...Array.from({ length: 25 }, () => ({
        kind: 'adjust',
        send: () => admin('POST', ADJUST, { json: { item: { itemId: shared.itemId }, location: { locationId: shared.locationId }, delta: 1 } }),
      })),
      {
        kind: 'shared-key',
        send: () => keyed(admin, ADJUST, { item: { itemId: twice.itemId }, location: { locationId: twice.locationId }, delta: -7 }, sharedKey),
      },
      {
        kind: 'shared-key',
        send: () => keyed(admin, ADJUST, { item: { itemId: twice.itemId }, location: { locationId: twice.locationId }, delta: -7 }, sharedKey),
      },
      // The bad one: its key was used with another body.
      { kind: 'reused-key', send: () => keyed(admin, ADJUST, { item: { sku: 'x' }, location: { code }, delta: 2, ...CREATE }, reusedKey) },
      {
        kind: 'cas-mismatch',
        send: () => admin('POST', CAS, { json: { item: { itemId: twice.itemId }, location: { locationId: twice.locationId }, expected: -1, value: 5 } }),
      },
      {
        kind: 'unknown-location',
        send: () => admin('POST', SET, { json: { item: { itemId: shared.itemId }, location: { code: unique('NOWHERE') }, onHand: 3 } }),
      },
    ];
    expect(requests).toHaveLength(50);
    const answers = await Promise.all(requests.map((r) => r.send()));
    const of = (kind: string) => answers.filter((_, i) => requests[i].kind === kind);

    expect(of('set').map((a) => [a.status, a.body.status])).toEqual(skus.map(() => [200, 'applied']));
    expect(of('adjust').map((a) => [a.status, a.body.status])).toEqual(Array.from({ length: 25 }, () => [200, 'applied']));
    const [one, other] = of('shared-key');
    expect([one.status, other.status]).toEqual([200, 200]);
    expect(other.body).toEqual(one.body);
    expect([one.headers.get('idempotency-replayed'), other.headers.get('idempotency-replayed')].sort()).toEqual([null, 'true'].sort());
    expect(of('reused-key')[0]).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY.KEY_REUSED' } });
    expect(of('cas-mismatch')[0].status).toBe(409);
    // Requests in flight together have no order: the shared-key adjustment may run before or after it.
    expect([93, 100]).toContain(of('cas-mismatch')[0].body.current);
    expect(of('unknown-location')[0]).toMatchObject({ status: 422, body: { code: 'INVENTORY.UNKNOWN_LOCATION' } });

    // Each set is its own answer: its own item, at the figure it sent.
    for (const [i, answer] of of('set').entries()) expect((await levelOf(admin, answer.body.itemId, answer.body.locationId)).figures.onHand).toBe(i + 1);
    expect(new Set(of('set').map((a) => a.body.itemId)).size).toBe(20);
    expect((await levelOf(admin, shared.itemId, shared.locationId)).figures.onHand).toBe(25);
    expect((await levelOf(admin, twice.itemId, twice.locationId)).figures.onHand).toBe(93);
    // Exactly the acknowledged changes: 20 sets, 25 adjustments, one of the two shared-key adjustments.
    expect((await ledgerCount(admin)) - setsBefore).toBe(46);
    expect((await admin('POST', '/api/v1/verify')).body).toMatchObject({ drifts: [] });
  });

  it('group-commits canonical, Comestri, Marketplacer and RetailOPS writes of one tenant sent together', async () => {
    const store = await multiStoreTenant(target);
    const { admin } = store;
    const code = unique('WH-MIX');
    const counter = await setStock(admin, unique('MIX'), code, { onHand: 0 });
    const variants = [11, 12, 13, 14];
    for (const v of variants) await createVariant(store, v);
    const gone = await store.owner('PUT', inventoriesPath(14), { json: { data: [{ type: 'inventories', attributes: { count_on_hand: 9, seller_id: 1 } }] } });
    expect(gone.status).toBe(200);
    const comestri = await secondComestriConnection(target, admin);
    const retailops = await admin('POST', '/api/v1/retailops/connections', { json: { name: unique('retailops'), settings: { options: {} } } });
    expect(retailops.status).toBe(201);
    const roToken: string = retailops.body.credentials.token;
    const anonymous = client(target.baseUrl, null);
    const before = await ledgerCount(admin);
    const roSkus = [1, 2, 3].map((i) => unique(`RO${i}`));

    const sends: Promise<Answer>[] = [
      ...Array.from({ length: 10 }, () =>
        admin('POST', ADJUST, { json: { item: { itemId: counter.itemId }, location: { locationId: counter.locationId }, delta: 1 } }),
      ),
      ...[11, 12, 13].map((v) =>
        store.owner('PUT', inventoriesPath(v), { json: { data: [{ type: 'inventories', attributes: { count_on_hand: v, seller_id: 1 } }] } }),
      ),
      store.owner('DELETE', `${inventoriesPath(14)}/1`),
      ...[1, 2, 3, 4, 5].map((i) => comestri.post({ inventory_source: 'MIXSRC', product_id: 9000 + i, qty: i })),
      ...roSkus.map((sku, i) => anonymous('POST', '/retailops/inventory_push_v1', { json: documentedPush(roToken, sku, i + 1, { VEND: i + 1 }) })),
    ];
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(200), 200, 200, 200, 204, ...Array(5).fill(201), 200, 200, 200]);

    expect((await levelOf(admin, counter.itemId, counter.locationId)).figures.onHand).toBe(10);
    const seller = await sellerLocationId(admin, 1);
    for (const v of [11, 12, 13]) {
      const itemId = (await admin('GET', `/api/v1/items/lookup?externalId=${v}&connectionId=${store.ownerConnectionId}`)).body.id;
      expect((await levelOf(admin, itemId, seller)).figures.onHand).toBe(v);
    }
    const removed = (await admin('GET', `/api/v1/items/lookup?externalId=14&connectionId=${store.ownerConnectionId}`)).body.id;
    expect(await levelOf(admin, removed, seller)).toBeUndefined();
    for (const [i, answer] of answers.slice(14, 19).entries()) {
      expect(answer.body.qty).toBe(i + 1);
      expect((await comestri.comestri('GET', `${INVENTORIES}/${answer.body.id}`)).body.qty).toBe(i + 1);
    }
    for (const [i, sku] of roSkus.entries()) {
      expect((await levelsByCode(admin, await itemIdOf(admin, sku)))['retailops:vendor:VEND'].figures.availableReported).toBe(i + 1);
    }
    // 10 adjustments, 3 seller sets, 1 removal, 5 Comestri records, 3 RetailOPS vendor levels.
    expect((await ledgerCount(admin)) - before).toBe(22);
    expect((await admin('POST', '/api/v1/verify')).body).toMatchObject({ drifts: [] });
  });
});
