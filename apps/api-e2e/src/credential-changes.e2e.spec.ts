import { client, createTenant, cruxToken, expectStatus, kiboToken, type Answer, type RunningServer } from '@tally/test-support';
import { Fleet } from './support/server-fleet';
import { createConnection, unique } from './support/tenant.fixtures';
import { INVENTORIES, tokenHeader } from './vendors/comestri.e2e-helper';
import { CRUX } from './vendors/crux.fixtures';

/** Each credential on the process that answers from memory: passed twice before the changes (not 401), and the status right after. */
interface Statuses {
  readonly passedBefore: Record<string, boolean>;
  readonly after: Record<string, number>;
}

/**
 * Presents an API key, a Kibo token, a Crux token and a Comestri credential to `reader` twice each
 * (so it keeps them in memory, ADR 0048), then revokes the key and rotates the three connections
 * through `writer`, and presents each once more to `reader`: the very next request after each change.
 */
async function changeThroughOneReadThroughOther(fleet: Fleet, writer: RunningServer, reader: RunningServer): Promise<Statuses> {
  const tenant = await createTenant(client(writer.baseUrl, fleet.adminKey));
  const admin = client(writer.baseUrl, tenant.adminKey);
  const anonymous = client(reader.baseUrl, null);

  const created = expectStatus(await admin('POST', '/api/v1/api-keys', { json: { name: unique('key'), role: 'read_only' } }), 'key', 201);
  const kibo = await createConnection(admin, 'kibo');
  const crux = await createConnection(admin, 'crux', { defaultLocationCode: unique('CRUX') });
  const comestri = await createConnection(admin, 'comestri', { unknownItemPolicy: 'create' });
  const kiboBearer = await kiboToken(reader.baseUrl, kibo.connection.credentialId, kibo.credentials.secret);
  const cruxBearer = await cruxToken(reader.baseUrl, crux.connection.credentialId, crux.credentials.secret);
  const calls: Record<string, () => Promise<Answer>> = {
    key: () => client(reader.baseUrl, created.secret)('GET', '/api/v1/connections'),
    // 404: authenticated, and no such job.
    kibo: () => client(reader.baseUrl, kiboBearer)('GET', '/kibo/inv/api/v1/queue/1'),
    crux: () => anonymous('POST', CRUX.update, { json: { sku: unique('SKU'), quantity: 1 }, headers: { authorization: `Token ${cruxBearer}` } }),
    comestri: () =>
      anonymous('POST', INVENTORIES, {
        json: { inventory: { inventory_source: unique('SRC'), product_id: 1, qty: 1 } },
        headers: { authorization: tokenHeader(comestri.credentials.token) },
      }),
  };
  const passedBefore: Record<string, boolean> = {};
  for (const [name, call] of Object.entries(calls)) passedBefore[name] = (await call()).status !== 401 && (await call()).status !== 401;

  const after: Record<string, number> = {};
  expectStatus(await admin('DELETE', `/api/v1/api-keys/${created.key.id}`), 'revoke', 204);
  after['key'] = (await calls['key']()).status;
  for (const [name, connection] of [
    ['kibo', kibo],
    ['crux', crux],
    ['comestri', comestri],
  ] as const) {
    expectStatus(await admin('POST', `/api/v1/connections/${connection.connection.id}/rotate`), 'rotate', 200);
    after[name] = (await calls[name]()).status;
  }
  return { passedBefore, after };
}

const ACCEPTED = { key: true, kibo: true, crux: true, comestri: true };
const REFUSED = { key: 401, kibo: 401, crux: 401, comestri: 401 };

describe('credential changes reach every process at once (ADR 0048)', () => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('on PostgreSQL with two processes: a key revoked and connections rotated through A are refused by B at its very next request', async () => {
    const database = await fleet.database('postgres');
    const a = await fleet.server(database);
    const b = await fleet.server(database);
    const statuses = await changeThroughOneReadThroughOther(fleet, a, b);
    expect(statuses.passedBefore).toEqual(ACCEPTED);
    expect(statuses.after).toEqual(REFUSED);
  }, 120_000);

  it('control: a process B that never hears the changes keeps taking what A revoked and rotated (unheard-credential-changes)', async () => {
    const database = await fleet.database('postgres');
    const a = await fleet.server(database);
    const b = await fleet.server(database, { NODE_ENV: 'test', TALLY_UNSAFE_TEST_MODE: 'unheard-credential-changes' });
    const statuses = await changeThroughOneReadThroughOther(fleet, a, b);
    expect(statuses.passedBefore).toEqual(ACCEPTED);
    // Every credential B kept in memory still passes there: the notifications are what refuse them.
    // Crux groups are checked again on the write thread, which keeps nothing (ADR 0048): that refusal holds without notifications.
    expect(statuses.after).toMatchObject({ key: 200, kibo: 404, crux: 401 });
    expect(statuses.after['comestri']).not.toBe(401);
  }, 120_000);

  it('on SQLite with one process: the very next request after each change is refused', async () => {
    const server = await fleet.server(await fleet.database('sqlite'));
    const statuses = await changeThroughOneReadThroughOther(fleet, server, server);
    expect(statuses.passedBefore).toEqual(ACCEPTED);
    expect(statuses.after).toEqual(REFUSED);
  }, 120_000);
});
