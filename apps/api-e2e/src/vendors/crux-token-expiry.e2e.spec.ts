import { client } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';
import { CRUX, cruxFixture, cruxLogin } from './crux.fixtures';

const TTL_SECONDS = 3;

describe.each([['sqlite'], ['postgres']] as const)('Crux token lifetime on %s', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('answers 401 to a token once it has expired, changes nothing, and takes a new login', async () => {
    const server = await fleet.server(await fleet.database(kind), { CRUX_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
    const fx = await cruxFixture(fleet.target(server, kind));
    await fx.seed({ sku: 'EXP-1' }, { onHand: 1 });
    const anonymous = client(server.baseUrl, null);
    const update = (token: string, quantity: number) =>
      anonymous('POST', CRUX.update, { json: { sku_id: 'EXP-1', quantity_in_stock: quantity }, headers: { authorization: `Token ${token}` } });
    // The first update starts the SQLite write thread, which may outlast a token this short on a
    // busy machine: its answer is not the point here.
    await fx.crux(CRUX.update, { json: { sku_id: 'EXP-1', quantity_in_stock: 1 } });
    const login = await anonymous('POST', CRUX.login, { json: { username: fx.username, password: fx.password } });
    expect(login.body).toMatchObject({ auth_token: expect.any(String), expires_in: TTL_SECONDS });
    expect((await update(login.body.auth_token, 2)).status).toBe(200);

    // Wait out the lifetime the server was started with.
    await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 500));
    const before = await fx.snapshot();
    const expired = await update(login.body.auth_token, 3);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status_code: 401, code: 'CRUX.UNAUTHENTICATED' });
    const bulk = await anonymous('POST', CRUX.bulk, {
      json: [{ sku_id: 'EXP-1', quantity_in_stock: 3 }],
      headers: { authorization: `Token ${login.body.auth_token}` },
    });
    expect(bulk.status).toBe(401);
    expect(await fx.snapshot()).toBe(before);

    expect((await update(await cruxLogin(server.baseUrl, fx.username, fx.password), 3)).status).toBe(200);
  }, 120_000);
});
