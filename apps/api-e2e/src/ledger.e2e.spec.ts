import { targets } from './support/e2e-targets.state';
import { client } from '@tally/test-support';
import { CREATE, createConnection, freshTenant, setStock, unique } from './support/tenant.fixtures';
import { INVENTORIES, tokenHeader } from './vendors/comestri.e2e-helper';

describe.each(targets())('ledger on %s', (_kind, target) => {
  it('records each change with before, after, cause and actor, filtered by item, location, cause and connection', async () => {
    const { admin } = await freshTenant(target);
    const sku = unique('SKU');
    const placed = await setStock(admin, sku, 'WH-L1', { onHand: 5 });
    const place = { item: { sku }, location: { code: 'WH-L1' } };
    await admin('POST', '/api/v1/stock-levels/adjust', { json: { ...place, delta: 2 }, headers: { 'idempotency-key': unique('ref') } });
    await admin('POST', '/api/v1/stock-levels/compare-and-set', { json: { ...place, expected: 7, value: 1 } });
    await admin('POST', '/api/v1/stock-levels/remove', { json: place });
    await setStock(admin, sku, 'WH-L2', { onHand: 9 });
    const { connection } = await createConnection(admin);
    await setStock(admin, unique('SKU'), 'WH-L1', { onHand: 1 }, { connectionId: connection.id });

    const byItem = (await admin('GET', `/api/v1/ledger?itemId=${placed.itemId}`)).body.items;
    expect(byItem.map((e: { cause: string }) => e.cause)).toEqual(['set', 'remove', 'compare_and_set', 'adjust', 'set']);
    const adjust = byItem[3];
    expect(adjust).toMatchObject({ before: { figures: { onHand: 5 } }, after: { figures: { onHand: 7 } }, versionAfter: 2 });
    expect(adjust.actor).toMatch(/^api-key:/);
    expect(adjust.reference).toMatch(/^ref-/);
    expect(byItem[1]).toMatchObject({ cause: 'remove', after: { present: false } });

    const atL1 = (await admin('GET', `/api/v1/ledger?itemId=${placed.itemId}&locationId=${placed.locationId}`)).body.items;
    expect(atL1).toHaveLength(4);
    const removes = (await admin('GET', '/api/v1/ledger?cause=remove')).body.items;
    expect(removes).toHaveLength(1);
    const fromConnection = (await admin('GET', `/api/v1/ledger?connectionId=${connection.id}`)).body.items;
    expect(fromConnection).toHaveLength(1);
    expect(fromConnection[0].connectionId).toBe(connection.id);
  });

  it('names the API key that made a change, also once it is revoked, and no one else', async () => {
    const { admin } = await freshTenant(target);
    const created = await admin('POST', '/api/v1/api-keys', { json: { name: 'Night shift scanner', role: 'admin' } });
    expect(created.status).toBe(201);
    const scanner = client(target.baseUrl, created.body.secret);
    const sku = unique('SKU');
    const placed = await setStock(scanner, sku, 'WH-N', { onHand: 3 });
    const comestri = await createConnection(admin, 'comestri');
    const pushed = await client(target.baseUrl, null)('POST', INVENTORIES, {
      json: { inventory: { product_code: unique('SKU'), inventory_source: 'STORE-N', qty: 2 } },
      headers: { authorization: tokenHeader(comestri.credentials.token, 'clerk@example.com') },
    });
    expect(pushed.status).toBe(201);
    expect((await admin('DELETE', `/api/v1/api-keys/${created.body.key.id}`)).status).toBe(204);

    const entries = (await admin('GET', '/api/v1/ledger')).body.items as { itemId: string; actor: string; actorName: string | null }[];
    const byScanner = entries.find((e) => e.itemId === placed.itemId);
    expect(byScanner).toMatchObject({ actor: `api-key:${created.body.key.id}`, actorName: 'Night shift scanner', item: { sku, gtin: null, partNumber: null } });
    const byVendor = entries.find((e) => e.actor.startsWith('comestri:'));
    expect(byVendor).toMatchObject({ actor: 'comestri:clerk@example.com', actorName: null });
  });

  it('filters by recorded time and pages with a cursor, newest first, without gaps or repeats', async () => {
    const { admin } = await freshTenant(target);
    const before = new Date(Date.now() - 1000).toISOString();
    const lines = Array.from({ length: 7 }, (_, i) => ({ op: 'set', item: { sku: `P-${i}` }, location: { code: 'WH-P' }, onHand: i }));
    await admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, lines } });
    await admin('POST', '/api/v1/stock-levels/batch', { json: { lines: lines.map((l) => ({ ...l, onHand: l.onHand + 10 })) } });
    const seen: { id: string; recordedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await admin('GET', `/api/v1/ledger?limit=3${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(14);
    expect(new Set(seen.map((e) => e.id)).size).toBe(14);
    const times = seen.map((e) => e.recordedAt);
    expect([...times].sort().reverse()).toEqual(times);

    const after = new Date(Date.now() + 60_000).toISOString();
    expect((await admin('GET', `/api/v1/ledger?from=${after}`)).body.items).toEqual([]);
    expect((await admin('GET', `/api/v1/ledger?to=${before}`)).body.items).toEqual([]);
    const window = (await admin('GET', `/api/v1/ledger?from=${before}&to=${after}&limit=500`)).body.items;
    expect(window).toHaveLength(14);
    expect((await admin('GET', '/api/v1/ledger?cause=exploded')).body).toMatchObject({ status: 422, errors: [{ field: 'cause' }] });
    expect((await admin('GET', '/api/v1/ledger?from=yesterday')).body).toMatchObject({ status: 422, errors: [{ field: 'from' }] });
  });
});
