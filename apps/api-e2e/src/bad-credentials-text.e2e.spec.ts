import { connect } from 'node:net';
import { basicAuthorization, client } from '@tally/test-support';
import { Fleet } from './support/server-fleet';
import { createConnection, freshTenant } from './support/tenant.fixtures';
import { CRUX } from './vendors/crux.fixtures';
import { PUSH_V1, retailopsTenant, sdkPush } from './vendors/retailops.e2e-helper';

const NUL = '\u0000';
const LIMIT = 8;

/** The status line of a request written byte for byte: what no HTTP client library lets through. */
function rawStatus(baseUrl: string, request: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(Buffer.from(request, 'latin1')));
    let head = '';
    socket.on('data', (chunk) => (head += chunk.toString('latin1')));
    socket.on('close', () => resolve(Number(head.split(' ')[1])));
    socket.on('error', reject);
  });
}

describe.each([['sqlite'], ['postgres']] as const)('credentials holding a NUL on %s', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('answers 401 in each dialect, never a 5xx, and counts each against the failed-authentication throttle', async () => {
    const server = await fleet.server(await fleet.database(kind), { AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_SECONDS: '600' });
    const target = fleet.target(server, kind);
    const { admin, adminKey } = await freshTenant(target);
    const crux = await createConnection(admin, 'crux');
    const kibo = await createConnection(admin, 'kibo');
    const ro = await retailopsTenant(target);
    const anonymous = client(server.baseUrl, null);
    const cruxLogin = () => anonymous('POST', CRUX.login, { json: { username: `${crux.connection.credentialId}${NUL}`, password: crux.credentials.secret } });

    const refused = [
      await anonymous('POST', '/api/v1/session', { json: { apiKey: `${adminKey}${NUL}` } }),
      await cruxLogin(),
      await anonymous('POST', CRUX.login, { json: { username: crux.connection.credentialId, password: `${crux.credentials.secret}\uD800` } }),
      await anonymous('POST', '/kibo/oauthserver/oauth2/token', {
        raw: 'grant_type=client_credentials',
        headers: {
          authorization: basicAuthorization(`${kibo.connection.credentialId}${NUL}`, kibo.credentials.secret),
          'content-type': 'application/x-www-form-urlencoded',
        },
      }),
      await ro.push(PUSH_V1, sdkPush(`${ro.token}${NUL}`, [{ sku: 'R-1', quantity_available: 1 }])),
      await ro.push(PUSH_V1, sdkPush(`${ro.credentialId}${NUL}.${ro.secret}`, [{ sku: 'R-1', quantity_available: 1 }])),
    ];
    expect(refused.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(refused[0].body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', errors: [{ field: 'apiKey' }] });
    expect(refused[1].body).toMatchObject({ status_code: 401, code: 'CRUX.BAD_CREDENTIALS' });
    expect(refused[3].body).toMatchObject({ error: 'invalid_client' });
    expect(refused[4].body).toMatchObject({ events: [{ event_type: 'error', code: 'RETAILOPS.UNAUTHENTICATED' }] });

    // The throttle counted every one of them: the limit-th failure from this client trips it.
    for (let failures = refused.length; failures < LIMIT; failures++) expect((await cruxLogin()).status).toBe(401);
    const throttled = await cruxLogin();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(server.output()).not.toMatch(/ERROR/);
  }, 120_000);

  it('leaves a NUL byte sent raw in a header to the HTTP parser, which refuses it with 400 before Tally sees it', async () => {
    const server = await fleet.server(await fleet.database(kind));
    const host = new URL(server.baseUrl).host;
    for (const header of [
      `authorization: Bearer tly_${'a'.repeat(40)}${NUL}`,
      `marketplacer-api-key: con_a${NUL}.b`,
      `authorization: Token token=a${NUL}.b,email=a@b.c`,
    ]) {
      expect(await rawStatus(server.baseUrl, `GET /api/v1/items HTTP/1.1\r\nhost: ${host}\r\n${header}\r\nconnection: close\r\n\r\n`)).toBe(400);
    }
    expect((await client(server.baseUrl, fleet.adminKey)('GET', '/api/v1/items')).status).toBe(200);
    expect(server.output()).not.toMatch(/ERROR/);
  }, 120_000);
});
