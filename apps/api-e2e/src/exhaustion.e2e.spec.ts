import { randomBytes } from 'node:crypto';
import { client, kiboToken, type Client, type RunningServer } from '@tally/test-support';
import { rawExchange, requestHead } from './support/raw-http.e2e-helper';
import { Fleet } from './support/server-fleet';
import { createConnection } from './support/tenant.fixtures';

const REFRESH = '/kibo/api/v5/inventory/refresh';
const BIG = 28 * 1024 * 1024;
const FAILURE_LIMIT = 3;
const MAX_CONNECTIONS = 4;
/** The cap's tests connect from an address of their own, so the suite's kept-alive fetch sockets are not counted. */
const CAPPED_PEER = '127.0.0.3';

/**
 * Unauthenticated clients cannot hold the server's sockets or memory (docs/security.md,
 * "Timeouts and limits"): an unfinished body is cut off by the request timeout, a large body
 * with a bad credential is refused before it is read, one address cannot open more than its
 * share of sockets.
 */
describe.each([['sqlite'], ['postgres']] as const)('resource exhaustion on %s', (kind) => {
  const fleet = new Fleet();
  let server: RunningServer;
  let admin: Client;

  beforeAll(async () => {
    server = await fleet.server(await fleet.database(kind), {
      HTTP_REQUEST_TIMEOUT_MS: '3000',
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      MAX_CONNECTIONS_PER_ADDRESS: String(MAX_CONNECTIONS),
      AUTH_FAILURE_LIMIT: String(FAILURE_LIMIT),
      AUTH_FAILURE_WINDOW_SECONDS: '600',
    });
    admin = client(server.baseUrl, fleet.adminKey);
  }, 120_000);
  afterAll(() => fleet.release());

  it('answers 408 and closes the socket of a body that never finishes', async () => {
    const head = requestHead('POST', '/api/v1/stock-levels/set', {
      authorization: `Bearer ${fleet.adminKey}`,
      'content-type': 'application/json',
      'content-length': 1000,
    });
    const exchange = await rawExchange(server.baseUrl, head, '{"lines":[');
    expect(await exchange.closed).toMatch(/^HTTP\/1\.1 408 /);
  }, 60_000);

  it('closes a socket that never finishes its headers', async () => {
    const exchange = await rawExchange(server.baseUrl, 'POST /api/v1/stock-levels/set HTTP/1.1\r\nhost: tally.test\r\n');
    expect(await exchange.closed).toMatch(/^(HTTP\/1\.1 408 |$)/);
  }, 60_000);

  it('refuses a large Kibo body with a missing, unknown or throttled bearer token before reading it, in Kibo shape', async () => {
    const bodyStart = '{"locationName":"x","items":[' + '{"sku":"S","quantity":1},'.repeat(2000);
    const send = async (headers: Record<string, string>) => {
      const exchange = await rawExchange(
        server.baseUrl,
        requestHead('POST', REFRESH, { ...headers, 'content-type': 'application/json', 'content-length': BIG }),
        bodyStart,
      );
      // The client sent 50 KB of 28 MB: an answer now is one given before the body was read.
      const answer = await exchange.answer;
      exchange.socket.destroy();
      return { ...answer, json: answer.body ? JSON.parse(answer.body) : null };
    };

    const missing = await send({});
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ status: 401, error: 'Unauthorized', message: expect.stringContaining('no credential') });
    expect(missing.head).toMatch(/www-authenticate: Bearer realm="kibo"/i);

    // Each 401 counts against the token and the address: within the limit's worth of tries, the token is refused with 429.
    const guessed = randomBytes(32).toString('base64url');
    const tries = [];
    for (let attempt = 0; attempt <= FAILURE_LIMIT && tries.at(-1)?.status !== 429; attempt += 1)
      tries.push(await send({ authorization: `Bearer ${guessed}` }));
    const throttled = tries.at(-1)!;
    expect(tries.length).toBeGreaterThan(1);
    for (const unknown of tries.slice(0, -1)) {
      expect(unknown.status).toBe(401);
      expect(unknown.json).toMatchObject({ status: 401, message: expect.stringContaining('unknown, expired or revoked') });
    }
    expect(throttled.status).toBe(429);
    expect(throttled.head).toMatch(/retry-after: \d+/i);
    expect(throttled.json).toMatchObject({ status: 429 });

    // A valid token's body is read and its refresh accepted as before.
    const kibo = await createConnection(admin, 'kibo');
    const token = await kiboToken(server.baseUrl, kibo.connection.credentialId, kibo.credentials.secret);
    const accepted = await client(server.baseUrl, token)('POST', REFRESH, { json: { locationName: 'K', items: [{ sku: 'S-1', quantity: 1 }] } });
    expect(accepted.status).toBe(200);
  }, 60_000);

  it('refuses a canonical write with a missing or unknown API key before reading its body, and reads it with a good key', async () => {
    const path = '/api/v1/stock-levels/batch';
    const send = async (headers: Record<string, string>) => {
      // 900 KB announced (within BODY_LIMIT), 20 KB sent: an answer now is one given before the body was read.
      const exchange = await rawExchange(
        server.baseUrl,
        requestHead('POST', path, { ...headers, 'content-type': 'application/json', 'content-length': 900_000 }),
        '{"lines":[' + '{"item":{"sku":"S"},"location":{"code":"L"},"onHand":1},'.repeat(350),
      );
      const answer = await exchange.answer;
      exchange.socket.destroy();
      return { ...answer, json: answer.body ? JSON.parse(answer.body) : null };
    };
    const missing = await send({});
    expect(missing.status).toBe(401);
    expect(missing.json).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED', detail: expect.stringContaining('before sending the body') });
    expect(missing.head).toMatch(/www-authenticate: Bearer/i);
    const unknown = await send({ authorization: `Bearer tly_${randomBytes(9).toString('base64url')}_${randomBytes(24).toString('base64url')}` });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', detail: expect.stringContaining('unknown or revoked') });
    // The supplied admin key is checked the same way, and its body read.
    const lines = [{ op: 'set', item: { sku: 'EARLY-1' }, location: { code: 'EARLY' }, onHand: 1 }];
    const accepted = await admin('POST', path, { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.lines[0].itemId).toEqual(expect.any(String));
  }, 60_000);

  it(`answers 503 and closes the connection one address opens over MAX_CONNECTIONS_PER_ADDRESS (${MAX_CONNECTIONS}), and keeps the others`, async () => {
    const health = requestHead('GET', '/health', {});
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => rawExchange(server.baseUrl, '', '', CAPPED_PEER)));
    const extra = await rawExchange(server.baseUrl, health, '', CAPPED_PEER);
    const refused = await extra.answer;
    expect(refused.status).toBe(503);
    expect(refused.head).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(JSON.parse(refused.body)).toMatchObject({ status: 503, code: 'SERVER.UNAVAILABLE', detail: expect.stringContaining('MAX_CONNECTIONS_PER_ADDRESS') });
    // Closed by the server after that one answer: the health request itself was never served.
    expect((await extra.closed).match(/HTTP\/1\.1 /g)).toHaveLength(1);
    const lastHealth = requestHead('GET', '/health', { connection: 'close' });
    for (const exchange of held) exchange.socket.write(lastHealth);
    for (const exchange of held) expect((await exchange.answer).status).toBe(200);
    await Promise.all(held.map((exchange) => exchange.closed));
    // Closed sockets give their places back (the server may see the close a moment after the client does).
    let again = 0;
    for (let attempt = 0; attempt < 20 && again !== 200; attempt += 1) {
      const exchange = await rawExchange(server.baseUrl, lastHealth, '', CAPPED_PEER);
      again = (await exchange.answer).status;
      if (again !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(again).toBe(200);
  }, 60_000);
});
