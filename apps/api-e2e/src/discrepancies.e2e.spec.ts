import { targets } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant, levelOf, unique } from './support/tenant.fixtures';
import type { Client } from '@tally/test-support';

describe.each(targets())('discrepancies on %s', (_kind, target) => {
  let admin: Client;
  let a: string;
  let b: string;
  beforeAll(async () => {
    admin = (await freshTenant(target)).admin;
    a = (await createConnection(admin, 'canonical')).connection.id;
    b = (await createConnection(admin, 'comestri')).connection.id;
  });

  const report = async (connectionId: string, sku: string, onHand: number) => {
    const answer = await admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku }, location: { code: 'WH-D' }, onHand, connectionId, ...CREATE } });
    // `a` reports first and is the place's source; `b`'s reports are kept, not applied.
    expect({ status: answer.status, outcome: answer.body.status }).toEqual(
      connectionId === a ? { status: 200, outcome: 'applied' } : { status: 202, outcome: 'observed' },
    );
    return answer.body as { itemId: string; locationId: string };
  };
  const openFor = async (itemId: string) => {
    const open = (await admin('GET', '/api/v1/discrepancies?status=open&limit=500')).body.items;
    return open.find((d: { itemId: string }) => d.itemId === itemId);
  };

  it('opens when two connections disagree and resolves by choosing one; the decision is in the ledger', async () => {
    const sku = unique('SKU');
    const place = await report(a, sku, 10);
    await report(b, sku, 7);
    const discrepancy = await openFor(place.itemId);
    expect(discrepancy).toMatchObject({ status: 'open', locationId: place.locationId, resolution: null });
    expect(discrepancy.claims).toEqual(
      expect.arrayContaining([expect.objectContaining({ connectionId: a, quantity: 10 }), expect.objectContaining({ connectionId: b, quantity: 7 })]),
    );
    expect((await levelOf(admin, place.itemId, place.locationId)).figures.onHand).toBe(10);

    const resolved = await admin('POST', `/api/v1/discrepancies/${discrepancy.id}/resolve`, { json: { connectionId: b } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: { kind: 'chose_source', connectionId: b, quantity: 7 } });
    expect((await levelOf(admin, place.itemId, place.locationId)).figures.onHand).toBe(7);
    const ledger = (await admin('GET', `/api/v1/ledger?itemId=${place.itemId}&cause=discrepancy_resolved`)).body.items;
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ connectionId: b, before: { figures: { onHand: 10 } }, after: { figures: { onHand: 7 } } });
    expect(ledger[0].actor).toMatch(/^api-key:/);
    const again = await admin('POST', `/api/v1/discrepancies/${discrepancy.id}/resolve`, { json: { quantity: 1 } });
    expect(again.body).toMatchObject({ status: 409, code: 'DISCREPANCY.NOT_OPEN' });
    expect((await admin('GET', `/api/v1/discrepancies/${discrepancy.id}`)).body.status).toBe('resolved');
  });

  it('resolves by an entered quantity', async () => {
    const sku = unique('SKU');
    const place = await report(a, sku, 3);
    await report(b, sku, 5);
    const discrepancy = await openFor(place.itemId);
    const resolved = await admin('POST', `/api/v1/discrepancies/${discrepancy.id}/resolve`, { json: { quantity: 4 } });
    expect(resolved.body.resolution).toMatchObject({ kind: 'entered_value', quantity: 4 });
    expect((await levelOf(admin, place.itemId, place.locationId)).figures.onHand).toBe(4);
    const ledger = (await admin('GET', `/api/v1/ledger?itemId=${place.itemId}&cause=discrepancy_resolved`)).body.items;
    expect(ledger[0]).toMatchObject({ connectionId: null, after: { figures: { onHand: 4 } } });
  });

  it('closes by itself once the connections agree again', async () => {
    const sku = unique('SKU');
    const place = await report(a, sku, 1);
    await report(b, sku, 2);
    const discrepancy = await openFor(place.itemId);
    await report(b, sku, 1);
    expect(await openFor(place.itemId)).toBeUndefined();
    const closed = (await admin('GET', `/api/v1/discrepancies/${discrepancy.id}`)).body;
    expect(closed).toMatchObject({ status: 'resolved', resolution: { kind: 'agreed' } });
  });

  it('refuses a decision that names nothing, both, or a connection without a report', async () => {
    const sku = unique('SKU');
    const place = await report(a, sku, 8);
    await report(b, sku, 9);
    const { id } = await openFor(place.itemId);
    const other = (await createConnection(admin, 'crux')).connection.id;
    for (const json of [{}, { connectionId: a, quantity: 1 }, { quantity: 'many' }, { connectionId: other }]) {
      const answer = await admin('POST', `/api/v1/discrepancies/${id}/resolve`, { json });
      expect(answer.status).toBe(422);
    }
    expect((await admin('POST', '/api/v1/discrepancies/00000000-0000-4000-8000-000000000000/resolve', { json: { quantity: 1 } })).status).toBe(404);
    expect((await openFor(place.itemId)).status).toBe('open');
  });

  it('lists one item’s discrepancies when asked by its id, and refuses an empty id', async () => {
    const [first, second] = [unique('SKU'), unique('SKU')];
    const one = await report(a, first, 3);
    await report(b, first, 4);
    const other = await report(a, second, 5);
    await report(b, second, 6);
    const listed = await admin('GET', `/api/v1/discrepancies?itemId=${one.itemId}&status=all`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((d: { itemId: string }) => d.itemId)).toEqual([one.itemId]);
    expect((await admin('GET', `/api/v1/discrepancies?itemId=${other.itemId}`)).body.items).toHaveLength(1);
    expect(await admin('GET', '/api/v1/discrepancies?itemId=')).toMatchObject({ status: 422, body: { errors: [{ field: 'itemId' }] } });
  });
});
