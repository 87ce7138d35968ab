import { targets } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant, levelOf, unique, type TenantFixture } from './support/tenant.fixtures';

describe.each(targets())('items and locations on %s', (_kind, target) => {
  let tenant: TenantFixture;
  const ids: Record<string, string> = {};
  let connectionId: string;

  beforeAll(async () => {
    tenant = await freshTenant(target);
    connectionId = (await createConnection(tenant.admin, 'marketplacer')).connection.id;
    const items: Record<string, Record<string, string>> = {
      sku: { sku: 'CAT-SKU-1', name: 'Tent' },
      upc: { gtin: '036000291452' },
      isbn: { gtin: '0306406152' },
      part: { partNumber: 'PN-77' },
      external: { externalId: 'variant-9', connectionId },
    };
    const lines = Object.values(items).map((item, i) => ({ op: 'set', item, location: { code: `CAT-WH-${i % 2}` }, onHand: i + 1 }));
    const answer = await tenant.admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, lines } });
    Object.keys(items).forEach((name, i) => (ids[name] = answer.body.lines[i].itemId));
  });

  const lookup = (query: string) => tenant.admin('GET', `/api/v1/items/lookup?${query}`);

  it('looks an item up by any identifier, a GTIN in any of its forms', async () => {
    expect((await lookup('sku=CAT-SKU-1')).body).toMatchObject({ id: ids['sku'], sku: 'CAT-SKU-1', name: 'Tent' });
    for (const gtin of ['036000291452', '0036000291452', '00036000291452', '0-36000-29145-2']) {
      expect((await lookup(`gtin=${encodeURIComponent(gtin)}`)).body).toMatchObject({ id: ids['upc'], gtin: '00036000291452' });
    }
    expect((await lookup('gtin=9780306406157')).body.id).toBe(ids['isbn']);
    expect((await lookup('partNumber=PN-77')).body.id).toBe(ids['part']);
    expect((await lookup(`externalId=variant-9&connectionId=${connectionId}`)).body.id).toBe(ids['external']);
    const detail = (await tenant.admin('GET', `/api/v1/items/${ids['external']}`)).body;
    expect(detail.externalIds).toEqual([{ connectionId, externalId: 'variant-9' }]);
  });

  it('answers 404 for unknown identifiers, 409 for identifiers of two items and 422 for a bad look-up', async () => {
    expect((await lookup('sku=NOPE')).body).toMatchObject({ status: 404, code: 'RESOURCE.NOT_FOUND' });
    expect((await lookup('gtin=036000291453')).body).toMatchObject({ status: 422, code: 'IDENTIFIER.BAD_CHECK_DIGIT' });
    expect((await lookup('')).status).toBe(422);
    expect((await lookup('sku=A&partNumber=B')).status).toBe(404);
    expect((await lookup(`sku=CAT-SKU-1&partNumber=PN-77`)).body).toMatchObject({ status: 409, code: 'INVENTORY.IDENTITY_CONFLICT' });
    expect((await lookup('externalId=variant-9')).status).toBe(422);
    expect((await tenant.admin('GET', '/api/v1/items/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lists and searches items with cursor paging', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await tenant.admin(
        'GET',
        `/api/v1/items?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen.sort()).toEqual(Object.values(ids).sort());
    const found = (await tenant.admin('GET', '/api/v1/items?q=CAT-SKU')).body.items;
    expect(found.map((i: { id: string }) => i.id)).toEqual([ids['sku']]);
  });

  it('lists locations, gets one, and sets its policy', async () => {
    const locations = (await tenant.admin('GET', '/api/v1/locations')).body.items;
    expect(locations.map((l: { code: string }) => l.code).sort()).toEqual(['CAT-WH-0', 'CAT-WH-1']);
    const location = locations[0];
    expect(location).toMatchObject({ kind: 'warehouse', policy: 'single-source' });
    expect((await tenant.admin('GET', `/api/v1/locations/${location.id}`)).body).toEqual(location);
    const latest = await tenant.admin('PUT', `/api/v1/locations/${location.id}/policy`, { json: { policy: 'latest' } });
    expect(latest.body).toMatchObject({ policy: 'latest', sourceConnectionId: null });
    const single = await tenant.admin('PUT', `/api/v1/locations/${location.id}/policy`, {
      json: { policy: 'single-source', sourceConnectionId: connectionId },
    });
    expect(single.body).toMatchObject({ policy: 'single-source', sourceConnectionId: connectionId });
    const mixed = await tenant.admin('PUT', `/api/v1/locations/${location.id}/policy`, { json: { policy: 'priority', sourceConnectionId: connectionId } });
    expect(mixed.body).toMatchObject({ status: 422, errors: [{ field: 'sourceConnectionId' }] });
    const unknown = await tenant.admin('PUT', `/api/v1/locations/${location.id}/policy`, {
      json: { policy: 'single-source', sourceConnectionId: unique('c') },
    });
    expect(unknown.body).toMatchObject({ status: 422, errors: [{ field: 'sourceConnectionId' }] });
    expect((await tenant.admin('GET', '/api/v1/locations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('follows the highest-priority connection under the priority policy', async () => {
    const low = (await createConnection(tenant.admin, 'kibo', { priority: 1 })).connection.id;
    const high = (await createConnection(tenant.admin, 'crux', { priority: 5 })).connection.id;
    const code = unique('PRIO');
    const sku = unique('SKU');
    const report = (connection: string, onHand: number) =>
      tenant.admin('POST', '/api/v1/stock-levels/set', { json: { item: { sku }, location: { code }, onHand, connectionId: connection, ...CREATE } });
    const first = (await report(low, 10)).body;
    await tenant.admin('PUT', `/api/v1/locations/${first.locationId}/policy`, { json: { policy: 'priority' } });
    await report(high, 4);
    expect((await levelOf(tenant.admin, first.itemId, first.locationId)).figures.onHand).toBe(4);
    await report(low, 11);
    expect((await levelOf(tenant.admin, first.itemId, first.locationId)).figures.onHand).toBe(4);
  });
});
