import { randomBytes } from 'node:crypto';
import { basicAuthorization, bearer, client, peerClient, unique, type Answer, type Client, type RunningServer } from '@tally/test-support';
import { Fleet } from './support/server-fleet';
import { createConnection } from './support/tenant.fixtures';

const LIMIT = 5;
const STOCK = '/api/v1/stock-levels';
const CRUX_LOGIN = '/crux/timp/organizations/user-login/';
const KIBO_TOKEN = '/kibo/oauthserver/oauth2/token';
/** The peer that is not a trusted proxy: another address of the loopback range. */
const UNTRUSTED_PEER = '127.0.0.2';

/** A key of the right shape that no tenant has, with a prefix of its own. */
const wrongKey = () => `tly_${randomBytes(9).toString('base64url')}_${'a'.repeat(32)}`;

/**
 * The failed-authentication throttle behind a trusted proxy (TRUST_PROXY=127.0.0.1: the test
 * connects from 127.0.0.1 and says who the client is in X-Forwarded-For), and the lock-out
 * matrix of docs/security.md: an address over the limit is refused only the credentials that
 * failed from it, a credential over the limit is refused from everywhere, `/health` never.
 */
describe.each([['sqlite'], ['postgres']] as const)('behind a trusted proxy on %s', (kind) => {
  const fleet = new Fleet();
  let server: RunningServer;
  let proxy: Client;
  let admin: Client;
  /** A call from the trusted proxy on behalf of `address`. */
  const from = (address: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': address, ...headers } });
  const logOf = () => server.transcript();
  /** Expects the server's log to hold `text`: a failure is counted after its answer went out, so the trip's line may come a moment later. */
  const expectLogged = async (text: string) => {
    for (let waited = 0; waited < 10_000 && !logOf().includes(text); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logOf()).toContain(text);
  };

  beforeAll(async () => {
    server = await fleet.server(await fleet.database(kind), {
      TRUST_PROXY: '127.0.0.1',
      AUTH_FAILURE_LIMIT: String(LIMIT),
      AUTH_FAILURE_WINDOW_SECONDS: '600',
    });
    proxy = client(server.baseUrl, null);
    admin = client(server.baseUrl, fleet.adminKey);
  }, 120_000);
  afterAll(() => fleet.release());

  const expectThrottled = (answer: Answer) => {
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  };

  it('keeps valid credentials, the console sign-in, vendor logins and /health working from an address over the limit, and logs the trip', async () => {
    const address = '203.0.113.7';
    const crux = await createConnection(admin, 'crux', { defaultLocationCode: unique('C') });
    const kibo = await createConnection(admin, 'kibo');
    const guesses = Array.from({ length: LIMIT }, () => wrongKey());
    for (const guess of guesses) expect((await proxy('GET', STOCK, from(address, bearer(guess)))).status).toBe(401);
    await expectLogged(
      `failed-authentication throttle tripped: client ${address} had ${LIMIT} failed authentications in 600 s (${LIMIT} credentials presented)`,
    );

    expect((await proxy('GET', STOCK, from(address, bearer(fleet.adminKey)))).status).toBe(200);
    expect((await proxy('GET', '/health', from(address))).status).toBe(200);
    const signIn = await proxy('POST', '/api/v1/session', { json: { apiKey: fleet.adminKey }, ...from(address) });
    expect(signIn.status).toBe(200);
    const login = await proxy('POST', CRUX_LOGIN, { json: { username: crux.connection.credentialId, password: crux.credentials.secret }, ...from(address) });
    expect(login.status).toBe(200);
    const token = await proxy('POST', KIBO_TOKEN, {
      raw: 'grant_type=client_credentials',
      ...from(address, {
        authorization: basicAuthorization(kibo.connection.credentialId, kibo.credentials.secret),
        'content-type': 'application/x-www-form-urlencoded',
      }),
    });
    expect(token.status).toBe(200);
    const refresh = await proxy('POST', '/kibo/api/v5/inventory/refresh', {
      json: { locationName: unique('K'), items: [{ sku: unique('S'), quantity: 1 }] },
      ...from(address, bearer(token.body.access_token)),
    });
    expect(refresh.status).toBe(200);

    // A credential that already failed from there is refused; the same one from another client is checked.
    const repeated = await proxy('GET', STOCK, from(address, bearer(guesses[LIMIT - 1])));
    expectThrottled(repeated);
    expect(repeated.body.code).toBe('AUTH.TOO_MANY_FAILURES');
    expect((await proxy('GET', STOCK, from('198.51.100.9', bearer(guesses[LIMIT - 1])))).status).toBe(401);
    expect((await proxy('GET', STOCK, from('198.51.100.10', bearer(fleet.adminKey)))).status).toBe(200);
    for (let i = 0; i < LIMIT; i++) expect((await proxy('GET', '/health', from(address, bearer(guesses[LIMIT - 1])))).status).toBe(200);
  });

  it('refuses a credential under attack from every address, in its dialect, and logs it; the neighbouring credential still logs in', async () => {
    const target = await createConnection(admin, 'crux', { defaultLocationCode: unique('C') });
    const neighbour = await createConnection(admin, 'crux', { defaultLocationCode: unique('C') });
    const username = target.connection.credentialId;
    for (let i = 0; i < LIMIT; i++) {
      expect((await proxy('POST', CRUX_LOGIN, { json: { username, password: `wrong-${i}` }, ...from(`192.0.2.${10 + i}`) })).status).toBe(401);
    }
    await expectLogged(
      `failed-authentication throttle tripped: crux credential ${username} had ${LIMIT} failed authentications in 600 s from ${LIMIT} addresses`,
    );
    const refused = await proxy('POST', CRUX_LOGIN, { json: { username, password: target.credentials.secret }, ...from('192.0.2.99') });
    expectThrottled(refused);
    expect(refused.body).toMatchObject({ status_code: 429 });
    const other = await proxy('POST', CRUX_LOGIN, {
      json: { username: neighbour.connection.credentialId, password: neighbour.credentials.secret },
      ...from('192.0.2.99'),
    });
    expect(other.status).toBe(200);
  });

  it("believes X-Forwarded-For from the trusted proxy only: an untrusted peer's failures count against the peer", async () => {
    const untrusted = peerClient(server.baseUrl, null, UNTRUSTED_PEER);
    const guesses = Array.from({ length: LIMIT }, () => wrongKey());
    for (const [i, guess] of guesses.entries()) expect((await untrusted('GET', STOCK, from(`198.18.0.${i}`, bearer(guess)))).status).toBe(401);
    await expectLogged(`failed-authentication throttle tripped: client ${UNTRUSTED_PEER} had ${LIMIT} failed authentications`);
    expect(logOf()).not.toContain('client 198.18.0.');
    // Whatever it claims to be, it is the peer that failed.
    expectThrottled(await untrusted('GET', STOCK, from('198.18.0.200', bearer(guesses[0]))));
    expect((await proxy('GET', STOCK, from('198.18.0.200', bearer(guesses[0])))).status).toBe(401);
    expect((await untrusted('GET', STOCK, from('198.18.0.200', bearer(fleet.adminKey)))).status).toBe(200);
  });

  it('sets the session cookie __Host- and Secure when the trusted proxy says the request was HTTPS, and not otherwise', async () => {
    const signIn = (as: Client, headers: Record<string, string>) => as('POST', '/api/v1/session', { json: { apiKey: fleet.adminKey }, headers });
    const secure = (await signIn(proxy, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '';
    expect(secure).toMatch(/^__Host-tally_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const cookie = secure.split(';')[0];
    expect((await proxy('GET', '/api/v1/session', { headers: { cookie, 'x-forwarded-proto': 'https' } })).body.signedIn).toBe(true);
    // Over plain HTTP only the plain cookie is read.
    expect((await proxy('GET', '/api/v1/session', { headers: { cookie } })).body.signedIn).toBe(false);

    const plain = (await signIn(proxy, {})).headers.get('set-cookie') ?? '';
    expect(plain).toMatch(/^tally_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const spoofed = (await signIn(peerClient(server.baseUrl, null, UNTRUSTED_PEER), { 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '';
    expect(spoofed).toMatch(/^tally_session=.*Max-Age=\d+$/);
  });

  it("answers links with the scheme and host the trusted proxy forwarded, and the socket's own for an untrusted peer", async () => {
    const headers = { ...bearer(fleet.adminKey), 'x-forwarded-proto': 'https', 'x-forwarded-host': 'tally.example.com' };
    const guide = await proxy('GET', '/api/v1/dialects/kibo', { headers });
    expect(guide.status).toBe(200);
    expect(JSON.stringify(guide.body)).toContain('https://tally.example.com/kibo/');
    const untrusted = await peerClient(server.baseUrl, null, UNTRUSTED_PEER)('GET', '/api/v1/dialects/kibo', { headers });
    expect(JSON.stringify(untrusted.body)).not.toContain('tally.example.com');
    expect(JSON.stringify(untrusted.body)).toContain(`${server.baseUrl}/kibo/`);
  });
});
