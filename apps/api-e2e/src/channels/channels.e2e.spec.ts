import { client, expectStatus, type Client } from '@tally/test-support';
import { targets } from '../support/e2e-targets.state';
import { createConnection, freshTenant } from '../support/tenant.fixtures';
import { allPages, availabilityOf, createChannel, defined, recordingClient, writeStock, type AvailabilityEntry } from './channel-api.e2e-helper';

// A channel on a port nothing listens on, paused: these tests look at the API, not at sends.
const NOWHERE = 'http://127.0.0.1:9';
const WEBHOOK_SECRET = `whsec_${Buffer.from('channels-e2e-webhook-secret-0123456789').toString('base64')}`;
const CRUX_PASSWORD = 'crux-password-never-answered-4711';

/** A paused Crux channel's body, with what the test changes. */
const crux = (extra: Record<string, unknown> = {}) => ({
  name: `crux ${Math.random().toString(36).slice(2)}`,
  dialect: 'crux',
  baseUrl: `${NOWHERE}/crux`,
  credentials: { username: 'shop-user', password: CRUX_PASSWORD },
  status: 'paused',
  ...extra,
});

describe.each(targets())('Channels API on %s', (_kind, target) => {
  it('lists the installed dialects with the settings and credentials each needs', async () => {
    const { admin } = await freshTenant(target);
    const answer = expectStatus(await admin('GET', '/api/v1/channel-dialects'), 'channel dialects', 200);
    expect(answer.items.map((d: { dialect: string }) => d.dialect)).toEqual(['kibo', 'crux', 'marketplacer', 'comestri', 'retailops', 'webhook']);
    const kibo = answer.items[0];
    expect(kibo).toMatchObject({ title: expect.any(String), maxBatch: 12_000, requestsPerSecond: null });
    expect(kibo.settingsSchema).toMatchObject({ type: 'object', required: ['locationCode'], additionalProperties: false });
    expect(kibo.credentialsSchema.required).toEqual(['clientId', 'clientSecret']);
    expect(answer.items[2]).toMatchObject({ dialect: 'marketplacer', maxBatch: 100, requestsPerSecond: 50 });
    expect((await client(target.baseUrl, null)('GET', '/api/v1/channel-dialects')).status).toBe(401);
  });

  it('creates, reads, lists, changes and deletes a channel, and never answers its credentials', async () => {
    const tenant = await freshTenant(target);
    const { call: api, answers } = recordingClient(target.baseUrl, tenant.adminKey);
    const created = await createChannel(api, {
      name: 'Storefront hooks',
      dialect: 'webhook',
      baseUrl: `${NOWHERE}/`,
      credentials: { secret: WEBHOOK_SECRET },
      settings: { path: '/inventory' },
      status: 'paused',
    });
    expect(created).toEqual({
      id: expect.any(String),
      tenantId: tenant.tenantId,
      name: 'Storefront hooks',
      dialect: 'webhook',
      status: 'paused',
      baseUrl: NOWHERE,
      locationIds: null,
      rules: { bufferUnits: 0, bufferPercent: 0, maxShown: null, zeroAt: null },
      identifier: { kind: 'sku', connectionId: null },
      settings: { path: '/inventory' },
      credentialFields: ['secret'],
      events: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(expectStatus(await api('GET', `/api/v1/channels/${created.id}`), 'get', 200)).toEqual(created);
    expect(expectStatus(await api('GET', '/api/v1/channels'), 'list', 200).items).toEqual([created]);

    const previous = `whsec_${Buffer.from('the-secret-being-retired-0123456789ab').toString('base64')}`;
    const changed = expectStatus(
      await api('PATCH', `/api/v1/channels/${created.id}`, {
        json: { name: 'Storefront', rules: { bufferUnits: 2, maxShown: 50 }, credentials: { secret: WEBHOOK_SECRET, previousSecret: previous } },
      }),
      'patch',
      200,
    );
    expect(changed).toMatchObject({
      name: 'Storefront',
      rules: { bufferUnits: 2, bufferPercent: 0, maxShown: 50, zeroAt: null },
      credentialFields: ['previousSecret', 'secret'],
      settings: { path: '/inventory' },
    });
    // Rules left out keep their value; null clears one.
    const cleared = expectStatus(await api('PATCH', `/api/v1/channels/${created.id}`, { json: { rules: { maxShown: null } } }), 'patch', 200);
    expect(cleared.rules).toEqual({ bufferUnits: 2, bufferPercent: 0, maxShown: null, zeroAt: null });
    expect(cleared.credentialFields).toEqual(['previousSecret', 'secret']);

    const other = await createChannel(api, crux());
    expect(other.credentialFields).toEqual(['password', 'username']);
    expect((await api('GET', '/api/v1/channels')).body.items.map((c: { id: string }) => c.id).sort()).toEqual([created.id, other.id].sort());
    for (const path of ['sync', 'availability', 'items', 'deliveries', 'overrides'])
      expect((await api('GET', `/api/v1/channels/${other.id}/${path}`)).status).toBe(200);

    expect((await api('DELETE', `/api/v1/channels/${created.id}`)).status).toBe(204);
    for (const [method, path] of [
      ['GET', ''],
      ['GET', '/availability'],
      ['GET', '/sync'],
      ['DELETE', ''],
      ['POST', '/resync'],
    ]) {
      const gone = await api(method, `/api/v1/channels/${created.id}${path}`);
      expect({ path, status: gone.status, code: gone.body.code }).toEqual({ path, status: 404, code: 'RESOURCE.NOT_FOUND' });
    }
    expect((await api('GET', '/api/v1/channels')).body.items.map((c: { id: string }) => c.id)).toEqual([other.id]);
    // The name is free again.
    await createChannel(api, crux({ name: 'Storefront' }));

    // Another tenant sees none of it.
    const stranger = await freshTenant(target);
    expect((await stranger.admin('GET', `/api/v1/channels/${other.id}`)).status).toBe(404);
    expect((await stranger.admin('PATCH', `/api/v1/channels/${other.id}`, { json: { name: 'mine' } })).status).toBe(404);
    expect((await stranger.admin('GET', '/api/v1/channels')).body.items).toEqual([]);

    expectNoSecret(answers, [WEBHOOK_SECRET, previous, CRUX_PASSWORD, Buffer.from(WEBHOOK_SECRET.slice(6), 'base64').toString()]);
  });

  it('refuses bad input with the field named, creates nothing, and never echoes a credential', async () => {
    const tenant = await freshTenant(target);
    const { call: api, answers } = recordingClient(target.baseUrl, tenant.adminKey);
    await writeStock(api, [{ op: 'set', item: { sku: 'V-1' }, location: { code: 'V-W1' }, onHand: 1 }]);
    const secret = 'sealed-value-never-echoed-0815';
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['unknown dialect', { dialect: 'shopify' }, 422, 'dialect'],
      ['not http', { baseUrl: 'ftp://shop.example.com' }, 422, 'baseUrl'],
      ['not a URL', { baseUrl: 'shop.example.com' }, 422, 'baseUrl'],
      ['a query', { baseUrl: 'https://shop.example.com/api?key=1' }, 422, 'baseUrl'],
      ['user and password in the URL', { baseUrl: `https://shop:${secret}@shop.example.com` }, 422, 'baseUrl'],
      ['unknown setting', { settings: { identifierField: 'sku_id', colour: 'red' } }, 422, 'settings.colour'],
      ['bad setting', { settings: { identifierField: 'colour' } }, 422, 'settings.identifierField'],
      ['unknown credential', { credentials: { username: 'u', password: 'p', apiKey: secret } }, 422, 'credentials.apiKey'],
      ['missing credential', { credentials: { username: secret } }, 422, 'credentials.password'],
      ['credential not a string', { credentials: { username: 'u', password: 4711 } }, 422, 'credentials.password'],
      ['no credentials', { credentials: undefined }, 422, 'credentials'],
      ['negative buffer', { rules: { bufferUnits: -1 } }, 422, 'rules.bufferUnits'],
      ['buffer over 100 %', { rules: { bufferPercent: 101 } }, 422, 'rules.bufferPercent'],
      ['fractional maximum', { rules: { maxShown: 1.5 } }, 422, 'rules.maxShown'],
      ['threshold not a number', { rules: { zeroAt: 'low' } }, 422, 'rules.zeroAt'],
      ['unknown location', { locationIds: ['01a00000-0000-7000-8000-000000000000'] }, 422, 'locationIds[0]'],
      ['no location', { locationIds: [] }, 422, 'locationIds'],
      ['unknown identifier kind', { identifier: { kind: 'ean' } }, 422, 'identifier.kind'],
      ['external without a connection', { identifier: { kind: 'external' } }, 422, 'identifier.connectionId'],
      ['blank name', { name: '  ' }, 422, 'name'],
      ['unknown status', { status: 'sleeping' }, 422, 'status'],
    ];
    for (const [what, change, status, field] of cases) {
      const answer = await api('POST', '/api/v1/channels', { json: crux(change) });
      expect({ what, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ what, status, fields: [field] });
    }
    // A schema's pattern is a rule too: a webhook secret that is not whsec_…, a Comestri token with a comma.
    const patterned: [Record<string, unknown>, string][] = [
      [{ dialect: 'webhook', baseUrl: NOWHERE, credentials: { secret } }, 'credentials.secret'],
      [
        { dialect: 'comestri', baseUrl: NOWHERE, settings: { inventorySource: 'web' }, credentials: { token: `a,${secret}`, email: 'ops@example.com' } },
        'credentials.token',
      ],
      [{ dialect: 'retailops', baseUrl: NOWHERE, settings: { clientId: 1, path: 'inventory' }, credentials: { integrationKey: secret } }, 'settings.path'],
      // A required setting cannot be cleared with null.
      [{ dialect: 'kibo', baseUrl: NOWHERE, settings: { locationCode: null }, credentials: { clientId: 'c', clientSecret: secret } }, 'settings.locationCode'],
    ];
    for (const [body, field] of patterned) {
      const answer = await api('POST', '/api/v1/channels', { json: { name: 'patterned', status: 'paused', ...body } });
      expect({ dialect: body['dialect'], status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        dialect: body['dialect'],
        status: 422,
        fields: [field],
      });
    }
    expect((await api('GET', '/api/v1/channels')).body.items).toEqual([]);

    const first = await createChannel(api, crux({ name: 'Supplier portal' }));
    const second = await createChannel(api, crux({ name: 'Second portal' }));
    const duplicate = await api('POST', '/api/v1/channels', { json: crux({ name: 'Supplier portal' }) });
    expect({ status: duplicate.status, code: duplicate.body.code, field: duplicate.body.errors[0].field }).toEqual({
      status: 409,
      code: 'RESOURCE.CONFLICT',
      field: 'name',
    });
    const renamed = await api('PATCH', `/api/v1/channels/${second.id}`, { json: { name: 'Supplier portal' } });
    expect(renamed.status).toBe(409);
    const patches: [Record<string, unknown>, string][] = [
      [{ credentials: { username: 'u' } }, 'credentials.password'],
      [{ settings: { region: 'eu' } }, 'settings.region'],
      [{ baseUrl: `http://u:${secret}@example.com` }, 'baseUrl'],
      [{ rules: { bufferPercent: -5 } }, 'rules.bufferPercent'],
      [{ dialect: 'kibo' }, 'dialect'],
    ];
    for (const [change, field] of patches) {
      const answer = await api('PATCH', `/api/v1/channels/${first.id}`, { json: change });
      expect({ field, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        field,
        status: 422,
        fields: [field],
      });
    }
    expect(expectStatus(await api('GET', `/api/v1/channels/${first.id}`), 'get', 200)).toEqual(first);

    const itemId = (await api('GET', '/api/v1/items/lookup?sku=V-1')).body.id;
    const overrides: [Record<string, unknown>, number, string][] = [
      [{ fixed: -1 }, 422, 'fixed'],
      [{ fixed: 'lots' }, 422, 'fixed'],
      [{ rules: { bufferUnits: -2 } }, 422, 'rules.bufferUnits'],
    ];
    for (const [body, status, field] of overrides) {
      const answer = await api('PUT', `/api/v1/channels/${first.id}/overrides/${itemId}`, { json: body });
      expect({ body, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ body, status, fields: [field] });
    }
    const unknownItem = await api('PUT', `/api/v1/channels/${first.id}/overrides/01a00000-0000-7000-8000-000000000000`, { json: { fixed: 1 } });
    expect(unknownItem.status).toBe(404);
    const queries: [string, string][] = [
      ['availability?changedSince=yesterday', 'changedSince'],
      ['availability?limit=0', 'limit'],
      ['availability?cursor=garbage', 'cursor'],
      ['items?state=lost', 'state'],
    ];
    for (const [query, field] of queries) {
      const answer = await api('GET', `/api/v1/channels/${first.id}/${query}`);
      expect({ query, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        query,
        status: 422,
        fields: [field],
      });
    }
    expectNoSecret(answers, [secret, CRUX_PASSWORD]);
  });

  it('computes available-to-sell with buffers, thresholds, maximums, infinite and restricted stock, overrides and a location subset', async () => {
    const { admin: api } = await freshTenant(target);
    await writeStock(api, [
      { op: 'set', item: { sku: 'R-1' }, location: { code: 'R-W1' }, onHand: 10 },
      { op: 'set', item: { sku: 'R-2' }, location: { code: 'R-W1' }, infinite: true },
      { op: 'set', item: { sku: 'R-3' }, location: { code: 'R-W1' }, onHand: 20, restriction: 'discontinued' },
      { op: 'set', item: { sku: 'R-4' }, location: { code: 'R-W1' }, onHand: 8, restriction: 'temporarily_unavailable' },
      { op: 'set', item: { sku: 'R-5' }, location: { code: 'R-W1' }, onHand: 3 },
      { op: 'set', item: { sku: 'R-5' }, location: { code: 'R-W2' }, onHand: -4 },
      { op: 'set', item: { sku: 'R-6' }, location: { code: 'R-S1' }, onHand: 50 },
      { op: 'set', item: { sku: 'R-7' }, location: { code: 'R-W1' }, onHand: 100, reserved: 10, safetyStock: 5 },
    ]);
    const locations = new Map<string, string>((await allPages(api, '/api/v1/locations')).map((l) => [l.code, l.id]));
    const figures = async (channelId: string) => {
      const entries = await availabilityOf(api, channelId);
      return Object.fromEntries(entries.map((e) => [e.identifier, e.quantity]));
    };
    const channel = async (extra: Record<string, unknown>) => (await createChannel(api, crux(extra))).id as string;
    const SKUS = { 'R-1': 10, 'R-2': null, 'R-3': 0, 'R-4': 0, 'R-5': 3, 'R-6': 50, 'R-7': 85 };

    const plain = await channel({});
    expect(await figures(plain)).toEqual(SKUS);
    const entries = new Map((await availabilityOf(api, plain)).map((e): [string, AvailabilityEntry] => [defined(e.identifier, 'identifier'), e]));
    expect(entries.get('R-2')).toMatchObject({ quantity: null, unlimited: true, sellable: 0 });
    expect(entries.get('R-7')).toMatchObject({ quantity: 85, unlimited: false, sellable: 85, name: null, changedAt: expect.any(String) });
    expect(defined(entries.get('R-7'), 'R-7').sync).toMatchObject({ state: 'pending', sent: null, attempts: 0 });

    expect(await figures(await channel({ rules: { bufferUnits: 2 } }))).toEqual({ ...SKUS, 'R-1': 8, 'R-5': 1, 'R-6': 48, 'R-7': 83 });
    // 10 % of 3 is 0.3, rounded up to 1 unit held back; of 85, 8.5 → 9.
    expect(await figures(await channel({ rules: { bufferPercent: 10 } }))).toEqual({ ...SKUS, 'R-1': 9, 'R-5': 2, 'R-6': 45, 'R-7': 76 });
    expect(await figures(await channel({ rules: { zeroAt: 3 } }))).toEqual({ ...SKUS, 'R-5': 0 });
    expect(await figures(await channel({ rules: { maxShown: 20 } }))).toEqual({ ...SKUS, 'R-2': 20, 'R-6': 20, 'R-7': 20 });
    // Buffers first (1 + ⌈10 %⌉), then the threshold, then the maximum.
    const all = await channel({ rules: { bufferUnits: 1, bufferPercent: 10, zeroAt: 5, maxShown: 60 } });
    expect(await figures(all)).toEqual({ 'R-1': 8, 'R-2': 60, 'R-3': 0, 'R-4': 0, 'R-5': 0, 'R-6': 44, 'R-7': 60 });
    const subset = await channel({ locationIds: [locations.get('R-W1'), locations.get('R-W2')] });
    expect(await figures(subset)).toEqual({ ...SKUS, 'R-6': 0 });
    const store = await channel({ locationIds: [locations.get('R-S1')] });
    expect(await figures(store)).toEqual({ 'R-1': 0, 'R-2': 0, 'R-3': 0, 'R-4': 0, 'R-5': 0, 'R-6': 50, 'R-7': 0 });

    // Per-item overrides: a fixed figure, unlimited, an exclusion, rules of its own.
    const idOf = async (sku: string) => (await api('GET', `/api/v1/items/lookup?sku=${sku}`)).body.id as string;
    const put = async (sku: string, body: Record<string, unknown>) =>
      expectStatus(await api('PUT', `/api/v1/channels/${plain}/overrides/${await idOf(sku)}`, { json: body }), `override ${sku}`, 200);
    expect(await put('R-1', { fixed: 4 })).toMatchObject({ itemId: await idOf('R-1'), fixed: 4, excluded: false, rules: {} });
    await put('R-3', { fixed: 'unlimited' });
    await put('R-6', { excluded: true });
    await put('R-7', { rules: { bufferUnits: 5 } });
    await put('R-2', { rules: { maxShown: 7 } });
    expect(await figures(plain)).toEqual({ ...SKUS, 'R-1': 4, 'R-2': 7, 'R-3': null, 'R-6': 0, 'R-7': 80 });
    expect((await allPages(api, `/api/v1/channels/${plain}/overrides`)).length).toBe(5);
    expect((await api('DELETE', `/api/v1/channels/${plain}/overrides/${await idOf('R-1')}`)).status).toBe(204);
    expect((await api('DELETE', `/api/v1/channels/${plain}/overrides/${await idOf('R-1')}`)).status).toBe(404);
    expect((await figures(plain))['R-1']).toBe(10);
    // The override belongs to its channel only.
    expect((await figures(subset))['R-7']).toBe(85);

    // A change of stock is in the figures at once.
    await writeStock(api, [{ op: 'adjust', item: { sku: 'R-5' }, location: { code: 'R-W1' }, delta: 9 }]);
    expect((await figures(all))['R-5']).toBe(9);
    expect((await figures(plain))['R-5']).toBe(12);

    // A paused channel keeps every item pending; a resync marks them all again.
    expect(await syncSummary(api, plain)).toMatchObject({ pending: 7, failing: 0, dead: 0, synced: 0 });
    expect((await allPages(api, `/api/v1/channels/${plain}/items?state=pending`)).length).toBe(7);
    expect((await api('GET', `/api/v1/channels/${plain}/items`)).body.items).toEqual([]);
    expect(expectStatus(await api('POST', `/api/v1/channels/${plain}/resync`), 'resync', 202)).toEqual({ marked: 7 });
    expect(expectStatus(await api('POST', `/api/v1/channels/${plain}/replay`, { json: {} }), 'replay', 202)).toEqual({ marked: 0 });
    expect((await api('GET', `/api/v1/channels/${plain}/deliveries`)).body).toEqual({ items: [], nextCursor: null });
  });

  it('lists the items changed since a time, and pages through the availability', async () => {
    const { admin: api } = await freshTenant(target);
    const lines = Array.from({ length: 7 }, (_, n) => ({ op: 'set', item: { sku: `PG-${n}` }, location: { code: 'PG-W1' }, onHand: n + 1 }));
    await writeStock(api, lines);
    const channelId = (await createChannel(api, crux())).id as string;
    const before = await availabilityOf(api, channelId);
    expect(before.length).toBe(7);
    const since = new Date(Math.max(...before.map((e) => Date.parse(defined(e.changedAt, 'changedAt')))) + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5)); // the writes below must be later than `since` on the server's clock
    await writeStock(api, [
      { op: 'adjust', item: { sku: 'PG-2' }, location: { code: 'PG-W1' }, delta: 1 },
      { op: 'set', item: { sku: 'PG-5' }, location: { code: 'PG-W2' }, onHand: 1 },
    ]);
    const changed = await availabilityOf(api, channelId, `?changedSince=${encodeURIComponent(since)}`);
    expect(changed.map((e) => [e.identifier, e.quantity]).sort()).toEqual([
      ['PG-2', 4],
      ['PG-5', 7],
    ]);
    // At or after: an item's own change time includes it; a zone other than Z is the same instant.
    const pg5 = defined(
      changed.find((e) => e.identifier === 'PG-5'),
      'PG-5',
    );
    expect(
      (await availabilityOf(api, channelId, `?changedSince=${encodeURIComponent(defined(pg5.changedAt, 'changedAt'))}`)).map((e) => e.identifier),
    ).toContain('PG-5');
    const far = new Date(Date.parse(since) + 3_600_000).toISOString().replace('Z', '+00:00');
    expect(await availabilityOf(api, channelId, `?changedSince=${encodeURIComponent(far)}`)).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: AvailabilityEntry[]; nextCursor: string | null } = expectStatus(
        await api('GET', `/api/v1/channels/${channelId}/availability?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        'page',
        200,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.itemId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual((await availabilityOf(api, channelId)).map((e) => e.itemId));
  });

  it('sends nothing for another tenant and answers 404 for unknown channels', async () => {
    const { admin } = await freshTenant(target);
    const unknown = '01a00000-0000-7000-8000-000000000000';
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['GET', '/availability'],
      ['GET', '/items'],
      ['POST', '/replay'],
      ['GET', '/overrides'],
    ]) {
      const answer = await admin(method, `/api/v1/channels/${unknown}${path}`, method === 'GET' ? {} : { json: {} });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 404 });
    }
    // A connection of another dialect does not make an identifier: external needs a connection of this tenant.
    const stranger = await freshTenant(target);
    const foreign = await createConnection(stranger.admin, 'kibo');
    const answer = await admin('POST', '/api/v1/channels', { json: crux({ identifier: { kind: 'external', connectionId: foreign.connection.id } }) });
    expect({ status: answer.status, field: answer.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'identifier.connectionId' });
  });
});

async function syncSummary(api: Client, channelId: string) {
  return expectStatus(await api('GET', `/api/v1/channels/${channelId}/sync`), 'sync', 200);
}

/** No recorded answer (status, headers and body, as received) holds any of the secrets. */
function expectNoSecret(answers: readonly string[], secrets: readonly string[]): void {
  expect(answers.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    const leaking = answers.filter((a) => a.includes(secret));
    expect({ secret: `${secret.slice(0, 4)}…`, leaking }).toEqual({ secret: `${secret.slice(0, 4)}…`, leaking: [] });
  }
}
