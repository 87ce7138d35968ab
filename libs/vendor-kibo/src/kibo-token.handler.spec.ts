import { createInMemoryTally, type InMemoryTally } from '@tally/testing';
import { KIBO_TOKEN_TTL_SECONDS, KiboTokenHandler } from './kibo-token.handler';

const T = 'tenant-a';
const GRANT = { grant_type: 'client_credentials' };
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`, 'utf8').toString('base64')}`;

describe('KiboTokenHandler', () => {
  let tally: InMemoryTally;
  let handler: KiboTokenHandler;
  let credentials: { credentialId: string; secret: string };
  let connectionId: string;

  beforeEach(async () => {
    tally = createInMemoryTally();
    handler = new KiboTokenHandler(tally.tokens);
    const created = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'Kibo OMS' });
    credentials = created.credentials;
    connectionId = created.connection.id;
  });

  it('issues a bearer token for the connection’s credential id and secret, which then names that connection', async () => {
    const answer = await handler.token(basic(credentials.credentialId, credentials.secret), GRANT);
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'cache-control': 'no-store', pragma: 'no-cache' });
    const body = answer.body as { access_token: string; token_type: string; expires_in: number };
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: KIBO_TOKEN_TTL_SECONDS });
    expect(await tally.tokens.verify('kibo', body.access_token)).toMatchObject({ id: connectionId, tenantId: T });
  });

  it('refuses a body holding a NUL or a lone surrogate, even in a member it does not read, as an invalid request', async () => {
    const authorization = basic(credentials.credentialId, credentials.secret);
    for (const body of [{ grant_type: 'client_credentials\u0000' }, { ...GRANT, scope: '\uD800' }, { ...GRANT, ['x\u0000']: 'y' }]) {
      const answer = await handler.token(authorization, body);
      expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: expect.stringMatching(/must not contain/) } });
    }
  });

  it('gives the token the lifetime it is configured with, and the token stops working after it', async () => {
    const short = new KiboTokenHandler(tally.tokens, 60);
    const answer = await short.token(basic(credentials.credentialId, credentials.secret), GRANT);
    const body = answer.body as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(60);
    tally.clock.advance(61_000);
    expect(await tally.tokens.verify('kibo', body.access_token)).toBeNull();
  });

  it('accepts the scheme in any case and a secret that holds a colon', async () => {
    const answer = await handler.token(basic(credentials.credentialId, credentials.secret).replace('Basic', 'bAsIc'), GRANT);
    expect(answer.status).toBe(200);
    // Only the first colon separates the id from the secret: a secret with a colon is a wrong secret, not a malformed header.
    const withColon = await handler.token(basic(credentials.credentialId, `${credentials.secret}:more`), GRANT);
    expect(withColon.body).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('wrong') });
  });

  it.each([
    ['a wrong secret', () => basic(credentials.credentialId, 'not-the-secret')],
    ['an unknown credential id', () => basic('con_unknown', credentials.secret)],
  ])('answers 401 invalid_client with a Basic challenge for %s', async (_name, header) => {
    const answer = await handler.token(header(), GRANT);
    expect(answer).toMatchObject({
      status: 401,
      headers: { 'www-authenticate': 'Basic realm="kibo"', 'cache-control': 'no-store' },
      body: { error: 'invalid_client', error_description: expect.any(String) },
    });
    expect(tally.accessTokens.tokens.size).toBe(0);
  });

  it('refuses the credentials of a revoked connection', async () => {
    await tally.manageConnections.revoke(T, connectionId);
    const answer = await handler.token(basic(credentials.credentialId, credentials.secret), GRANT);
    expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('refuses the credentials of a connection of another dialect', async () => {
    const crux = await tally.manageConnections.create(T, { dialect: 'crux', name: 'Crux' });
    const answer = await handler.token(basic(crux.credentials.credentialId, crux.credentials.secret), GRANT);
    expect(answer).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it.each([
    ['no header', undefined],
    ['a Bearer header', 'Bearer abc'],
    ['Basic that is not base64', 'Basic ***'],
    ['Basic without a colon', `Basic ${Buffer.from('just-an-id').toString('base64')}`],
    ['Basic with an empty id', `Basic ${Buffer.from(':secret').toString('base64')}`],
    ['Basic that is not UTF-8', `Basic ${Buffer.from([0xff, 0x3a, 0x41]).toString('base64')}`],
  ])('answers 401 invalid_client for %s, before looking at the body', async (_name, header) => {
    const answer = await handler.token(header, {});
    expect(answer).toMatchObject({ status: 401, headers: { 'www-authenticate': 'Basic realm="kibo"' }, body: { error: 'invalid_client' } });
  });

  it.each([
    ['no body', undefined, 'invalid_request'],
    ['an array', [GRANT], 'invalid_request'],
    ['no grant_type', { scope: 'x' }, 'invalid_request'],
    ['another grant', { grant_type: 'password' }, 'unsupported_grant_type'],
  ])('answers 400 for %s', async (_name, body, error) => {
    const answer = await handler.token(basic(credentials.credentialId, credentials.secret), body);
    expect(answer).toMatchObject({ status: 400, body: { error, error_description: expect.stringContaining('grant_type') } });
    expect(answer.headers['www-authenticate']).toBeUndefined();
    expect(tally.accessTokens.tokens.size).toBe(0);
  });
});
