import { client, createTenant, type RunningServer } from '@tally/test-support';
import { Fleet } from './support/server-fleet';

jest.setTimeout(180_000);

/** Sign-in over real HTTP: the answer and the `name=value` of its session cookie. */
async function signIn(server: RunningServer, apiKey: string): Promise<{ status: number; code: unknown; retryAfter: string | null; cookie: string }> {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  const text = await response.text();
  const code = response.status >= 400 ? (JSON.parse(text) as { code?: unknown }).code : undefined;
  return { status: response.status, code, retryAfter: response.headers.get('retry-after'), cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] };
}

/** The status of a read with the session cookie. */
const readWith = async (server: RunningServer, cookie: string) => (await client(server.baseUrl, null)('GET', '/api/v1/items', { headers: { cookie } })).status;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Console sessions are kept in the database: shared by every API process, capped per key and per
 * tenant (a flood evicts only the flooding key's oldest), ended when idle or too old, and sign-in
 * is rate limited.
 */
describe.each(['sqlite', 'postgres'] as const)('console session limits on %s', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it("evicts only the flooding key's oldest sessions; other tenants and keys stay signed in; the key's extra sign-ins get 429", async () => {
    const database = await fleet.database(kind);
    const server = await fleet.server(database, {
      SESSION_MAX_PER_KEY: '3',
      SESSION_MAX_PER_TENANT: '5',
      SIGN_IN_LIMIT_PER_KEY: '12',
      SIGN_IN_LIMIT_PER_ADDRESS: '1000',
    });
    const first = client(server.baseUrl, fleet.adminKey);
    const flooder = await createTenant(first);
    const bystander = await createTenant(first);
    const viewer = (await client(server.baseUrl, flooder.adminKey)('POST', '/api/v1/api-keys', { json: { name: 'viewer', role: 'read_only' } })).body
      .secret as string;
    const bystanderSession = await signIn(server, bystander.adminKey);
    const siblingSession = await signIn(server, flooder.adminKey);
    const flood: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await signIn(server, viewer);
      expect(answer.status).toBe(200);
      flood.push(answer.cookie);
    }
    const statuses = await Promise.all(flood.map((cookie) => readWith(server, cookie)));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 200, 200, 200]);
    expect(await readWith(server, bystanderSession.cookie)).toBe(200);
    expect(await readWith(server, siblingSession.cookie)).toBe(200);
    // Twelve sign-ins a minute per key: the thirteenth is refused, with how long to wait.
    expect((await signIn(server, viewer)).status).toBe(200);
    expect((await signIn(server, viewer)).status).toBe(200);
    const refused = await signIn(server, viewer);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.cookie).toBe('');
    // Its own code: the key was not guessed wrong, it signed in too often.
    expect(refused.code).toBe('AUTH.TOO_MANY_SIGN_INS');
    // Another key of the same tenant still signs in.
    expect((await signIn(server, flooder.adminKey)).status).toBe(200);
  });

  it('ends a session left idle, and a session in use once it is too old', async () => {
    const database = await fleet.database(kind);
    // Idle after 6 s, at most 18 s after sign-in.
    const server = await fleet.server(database, { SESSION_IDLE_MINUTES: '0.1', SESSION_MAX_HOURS: '0.005' });
    const used = await signIn(server, fleet.adminKey);
    const idle = await signIn(server, fleet.adminKey);
    const response = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: fleet.adminKey }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/Max-Age=18(;|$)/);
    const signedInAt = Date.now();
    while (Date.now() - signedInAt < 8_000) {
      expect(await readWith(server, used.cookie)).toBe(200);
      await sleep(1_000);
    }
    expect(await readWith(server, idle.cookie)).toBe(401);
    while (Date.now() - signedInAt < 19_000) await sleep(1_000);
    expect(await readWith(server, used.cookie)).toBe(401);
  });

  if (kind === 'postgres') {
    it('is shared by two API processes on one database, and ends on both when its key is revoked', async () => {
      const database = await fleet.database(kind);
      const one = await fleet.server(database);
      const two = await fleet.server(database);
      const tenant = await createTenant(client(one.baseUrl, fleet.adminKey));
      const session = await signIn(one, tenant.adminKey);
      expect(await readWith(two, session.cookie)).toBe(200);
      const state = await client(two.baseUrl, null)('GET', '/api/v1/session', { headers: { cookie: session.cookie } });
      expect(state.body).toMatchObject({ signedIn: true, session: { tenantId: tenant.tenantId, role: 'admin' } });
      // Signed out on the second process: ended on the first too.
      expect((await client(two.baseUrl, null)('DELETE', '/api/v1/session', { headers: { cookie: session.cookie } })).status).toBe(204);
      expect(await readWith(one, session.cookie)).toBe(401);
      // A key revoked through one process ends its sessions on the other at once.
      const admin = client(one.baseUrl, tenant.adminKey);
      const temp = (await admin('POST', '/api/v1/api-keys', { json: { name: 'temp', role: 'admin' } })).body;
      const tempSession = await signIn(two, temp.secret);
      expect(await readWith(one, tempSession.cookie)).toBe(200);
      expect((await admin('DELETE', `/api/v1/api-keys/${temp.key.id}`)).status).toBe(204);
      expect(await readWith(two, tempSession.cookie)).toBe(401);
      expect(await readWith(one, tempSession.cookie)).toBe(401);
    });
  }
});
