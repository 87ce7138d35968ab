import { targets } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant, setStock, unique, type TenantFixture } from './support/tenant.fixtures';

const NUL = '\u0000';
const LONE = '\uD800';
const SET = '/api/v1/stock-levels/set';
const BATCH = '/api/v1/stock-levels/batch';
const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';
const LONE_MESSAGE = 'must not contain an unpaired surrogate (U+D800)';
/** base64url of a JSON sort key, as the API's cursors are made. */
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** What any write could change in a tenant: items, locations, levels, ledger, connections. */
async function snapshot(admin: TenantFixture['admin']): Promise<string> {
  const paths = ['/api/v1/items?limit=200', '/api/v1/locations?limit=200', '/api/v1/stock-levels?includeAbsent=true&limit=200', '/api/v1/ledger?limit=200'];
  const answers = await Promise.all([...paths, '/api/v1/connections'].map((path) => admin('GET', path)));
  return JSON.stringify(answers.map((a) => a.body));
}

describe.each(targets())('text Tally never accepts, on the canonical API, on %s', (_kind, target) => {
  let fx: TenantFixture;
  beforeAll(async () => {
    fx = await freshTenant(target);
    await setStock(fx.admin, 'TEXT-1', 'WH-T', { onHand: 3 });
  });

  it('refuses a NUL in a query or path parameter with 422 naming it, on reads and writes alike', async () => {
    const before = await snapshot(fx.admin);
    const cases: [string, string, string][] = [
      ['GET', '/api/v1/items/lookup?sku=TEXT%00', 'sku'],
      ['GET', '/api/v1/items?q=%00', 'q'],
      ['GET', '/api/v1/ledger?itemId=a%00b', 'itemId'],
      ['GET', '/api/v1/stock-levels?locationId=%00', 'locationId'],
      ['GET', '/api/v1/items/x%00y', 'itemId'],
      ['POST', '/api/v1/verify?repair=%00', 'repair'],
    ];
    for (const [method, path, field] of cases) {
      const answer = await fx.admin(method, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 422 });
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field, message: NUL_MESSAGE }] });
    }
    // Percent-encoded bytes that are not UTF-8 (a lone surrogate's) stay the literal text they are in a
    // query; a path the router cannot decode is a bad request. Never a 5xx, always a problem.
    expect((await fx.admin('GET', '/api/v1/items/lookup?sku=%ED%A0%80')).status).toBe(404);
    const path = await fx.admin('GET', '/api/v1/items/%ED%A0%80');
    expect(path).toMatchObject({ status: 400, contentType: expect.stringMatching(/^application\/problem\+json/), body: { code: 'REQUEST.MALFORMED' } });
    expect(await snapshot(fx.admin)).toBe(before);
  });

  it('refuses a forged cursor with 422 naming it: a NUL, a NUL inside the key, the ledger key ["x"]', async () => {
    const cases: [string, string][] = [
      ['/api/v1/ledger', '%00'],
      ['/api/v1/ledger', cursorOf(['x'])],
      ['/api/v1/ledger', cursorOf([1.5])],
      ['/api/v1/items', cursorOf(['2026-01-01', `id${NUL}`])],
      ['/api/v1/items', cursorOf([`2026${LONE}`, 'id'])],
      ['/api/v1/locations', cursorOf([`WH${NUL}`])],
      ['/api/v1/stock-levels', cursorOf([1, 2])],
    ];
    for (const [path, cursor] of cases) {
      const answer = await fx.admin('GET', `${path}?cursor=${cursor}`);
      expect({ path, cursor, status: answer.status }).toEqual({ path, cursor, status: 422 });
      expect(answer.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field: 'cursor' }] });
    }
  });

  it('refuses a NUL or a lone surrogate in a body string or member name with 422 naming the field, changing nothing', async () => {
    const before = await snapshot(fx.admin);
    const place = { item: { sku: unique('T') }, location: { code: 'WH-T' }, onHand: 1, ...CREATE };
    const cases: [string, string, unknown, string, string][] = [
      ['sku', SET, { ...place, item: { sku: `A${NUL}` } }, 'item.sku', NUL_MESSAGE],
      ['sku', SET, { ...place, item: { sku: `A${LONE}` } }, 'item.sku', LONE_MESSAGE],
      ['location code', SET, { ...place, location: { code: `W${NUL}` } }, 'location.code', NUL_MESSAGE],
      ['item name', SET, { ...place, item: { sku: place.item.sku, name: `Tea${LONE}` } }, 'item.name', LONE_MESSAGE],
      ['attribute value', SET, { ...place, attributes: { colour: `red${NUL}` } }, 'attributes.colour', NUL_MESSAGE],
      ['attribute name', SET, { ...place, attributes: { [`colour${NUL}`]: 'red' } }, 'attributes', `has a member name that ${NUL_MESSAGE}`],
      ['reference', '/api/v1/stock-levels/adjust', { ...place, delta: 1, reference: `r${LONE}` }, 'reference', LONE_MESSAGE],
      ['batch reference', BATCH, { ...CREATE, reference: `r${NUL}`, lines: [{ op: 'set', ...place }] }, 'reference', NUL_MESSAGE],
      ['connection name', '/api/v1/connections', { dialect: 'crux', name: `feed${NUL}` }, 'name', NUL_MESSAGE],
      ['item creation', '/api/v1/items', { name: 'x', identifiers: [{ kind: 'sku', value: `S${LONE}` }] }, 'identifiers[0].value', LONE_MESSAGE],
    ];
    for (const [what, path, body, field, message] of cases) {
      const answer = await fx.admin('POST', path, { json: body });
      expect({ what, status: answer.status }).toEqual({ what, status: 422 });
      expect(answer.body).toMatchObject({ code: 'REQUEST.INVALID', errors: [{ field, message }] });
    }
    expect(await snapshot(fx.admin)).toBe(before);
  });

  it('refuses the bad lines of a batch alone, with their reason, and applies the good ones', async () => {
    const good = unique('GOOD');
    const answer = await fx.admin('POST', BATCH, {
      json: {
        ...CREATE,
        lines: [
          { op: 'set', item: { sku: good }, location: { code: 'WH-T' }, onHand: 7 },
          { op: 'set', item: { sku: `BAD${NUL}` }, location: { code: 'WH-T' }, onHand: 1 },
          { op: 'adjust', item: { sku: 'TEXT-1' }, location: { code: `WH${LONE}` }, delta: 1 },
          { op: 'adjust', item: { sku: 'TEXT-1' }, location: { code: 'WH-T' }, delta: 2 },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toMatchObject({ applied: 2, rejected: 2 });
    expect(answer.body.lines.map((l: { status: string }) => l.status)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(answer.body.lines[1].error).toEqual({ code: 'REQUEST.INVALID', field: 'lines[1].item.sku', message: NUL_MESSAGE });
    expect(answer.body.lines[2].error).toEqual({ code: 'REQUEST.INVALID', field: 'lines[2].location.code', message: LONE_MESSAGE });
    expect((await fx.admin('GET', `/api/v1/items/lookup?sku=${good}`)).status).toBe(200);
    const items = (await fx.admin('GET', '/api/v1/items?q=BAD&limit=200')).body.items;
    expect(items).toEqual([]);
  });

  it('answers 404 naming connectionId for an external id of an unknown connection or of another tenant, creating nothing', async () => {
    const other = await freshTenant(target);
    const foreign = (await createConnection(other.admin, 'marketplacer')).connection.id;
    const mine = (await createConnection(fx.admin, 'marketplacer')).connection.id;
    const before = await snapshot(fx.admin);
    for (const connectionId of ['00000000-0000-4000-8000-000000000000', 'no-such-connection', foreign]) {
      const external = unique('V');
      const single = await fx.admin('POST', SET, {
        json: { item: { externalId: external, connectionId }, location: { code: 'WH-T' }, onHand: 1, ...CREATE },
      });
      expect(single.status).toBe(404);
      expect(single.body).toMatchObject({
        code: 'RESOURCE.NOT_FOUND',
        errors: [{ field: 'item.connectionId', message: `no connection ${connectionId}` }],
      });
      const lookup = await fx.admin('GET', `/api/v1/items/lookup?externalId=${external}&connectionId=${connectionId}`);
      expect(lookup).toMatchObject({ status: 404, body: { errors: [{ field: 'connectionId', message: `no connection ${connectionId}` }] } });
      const created = await fx.admin('POST', '/api/v1/items', { json: { identifiers: [{ kind: 'external', value: external, connectionId }] } });
      expect(created).toMatchObject({ status: 404, body: { errors: [{ field: 'identifiers[0].connectionId' }] } });
    }
    expect(await snapshot(fx.admin)).toBe(before);
    const batch = await fx.admin('POST', BATCH, {
      json: {
        ...CREATE,
        lines: [
          { op: 'set', item: { externalId: unique('V'), connectionId: foreign }, location: { code: 'WH-T' }, onHand: 1 },
          { op: 'set', item: { externalId: unique('V'), connectionId: mine }, location: { code: 'WH-T' }, onHand: 2 },
        ],
      },
    });
    expect(batch.body.lines.map((l: { status: string }) => l.status)).toEqual(['rejected', 'applied']);
    expect(batch.body.lines[0].error).toEqual({ code: 'RESOURCE.NOT_FOUND', field: 'lines[0].item.connectionId', message: `no connection ${foreign}` });
  });
});
