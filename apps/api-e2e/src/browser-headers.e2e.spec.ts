import { basicAuthorization, bearer, client, unique, type Answer } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { createConnection, freshTenant } from './support/tenant.fixtures';

const CRUX_LOGIN = '/crux/timp/organizations/user-login/';

/** What a browser expects of the answers and cookie writes of the console's origin (docs/security.md). */
describe.each(targets())('browser headers and cookies on %s', (_kind, target) => {
  const anonymous = client(target.baseUrl, null);
  const signIn = async (apiKey: string): Promise<string> => {
    const answer = await anonymous('POST', '/api/v1/session', { json: { apiKey } });
    expect(answer.status).toBe(200);
    return (answer.headers.get('set-cookie') ?? '').split(';')[0];
  };
  /** A form-shaped POST without a body, as a page of another origin can send with the cookie. */
  const post = (path: string, headers: Record<string, string>) =>
    anonymous('POST', path, { headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const cruxLogin = (username: string, password: string) => anonymous('POST', CRUX_LOGIN, { json: { username, password } });
  const expectRefusedCrossOrigin = (answer: Answer) => {
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'AUTH.FORBIDDEN', errors: [{ field: 'Origin' }] });
  };

  it('refuses cookie writes from another origin (rotate, revoke, verify with repair) and changes nothing', async () => {
    const { admin, adminKey } = await freshTenant(target);
    const cookie = await signIn(adminKey);
    const crux = await createConnection(admin, 'crux', { defaultLocationCode: unique('C') });
    const other = await createConnection(admin, 'kibo');
    const { id } = crux.connection;

    expectRefusedCrossOrigin(await post(`/api/v1/connections/${id}/rotate`, { cookie, origin: 'https://evil.example' }));
    expectRefusedCrossOrigin(await post(`/api/v1/connections/${id}/rotate`, { cookie, 'sec-fetch-site': 'same-site', origin: target.baseUrl }));
    expectRefusedCrossOrigin(await post(`/api/v1/connections/${other.connection.id}/revoke`, { cookie, 'sec-fetch-site': 'cross-site' }));
    expectRefusedCrossOrigin(await post('/api/v1/verify?repair=true', { cookie, origin: 'null' }));
    expect((await cruxLogin(crux.connection.credentialId, crux.credentials.secret)).status).toBe(200);
    expect((await admin('GET', `/api/v1/connections/${other.connection.id}`)).body.status).toBe('active');
    // Reads with the cookie are not writes: a cross-origin page cannot read the answer anyway.
    expect((await anonymous('GET', '/api/v1/connections', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('lets the same writes through from the console itself, and with a bearer key from anywhere', async () => {
    const { admin, adminKey } = await freshTenant(target);
    const cookie = await signIn(adminKey);
    const crux = await createConnection(admin, 'crux', { defaultLocationCode: unique('C') });
    const { id } = crux.connection;

    const sameOrigin = await post(`/api/v1/connections/${id}/rotate`, { cookie, 'sec-fetch-site': 'same-origin', origin: target.baseUrl });
    expect(sameOrigin.status).toBe(200);
    expect((await cruxLogin(crux.connection.credentialId, sameOrigin.body.credentials.secret)).status).toBe(200);
    // Without Sec-Fetch-Site, the Origin is compared with the host the request was sent to.
    expect((await post(`/api/v1/connections/${id}/rotate`, { cookie, origin: target.baseUrl })).status).toBe(200);
    // A client that is no browser sends neither header.
    expect((await post('/api/v1/verify', { cookie })).status).toBe(200);
    const withKey = await post(`/api/v1/connections/${id}/revoke`, { ...bearer(adminKey), 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(withKey.status).toBe(200);
  });

  it('answers carrying new keys, secrets or tokens with Cache-Control: no-store', async () => {
    const { admin, adminKey } = await freshTenant(target);
    const kibo = await createConnection(admin, 'kibo');
    const crux = await createConnection(admin, 'crux', { defaultLocationCode: unique('C') });
    const answers: Record<string, Answer> = {
      // Opening tenants is the operator's: the deployment's bootstrap key.
      'create tenant': await client(target.baseUrl, target.adminKey)('POST', '/api/v1/tenants', { json: { name: unique('tenant') } }),
      'create API key': await admin('POST', '/api/v1/api-keys', { json: { name: unique('key'), role: 'read_only' } }),
      'create connection': await admin('POST', '/api/v1/connections', { json: { dialect: 'comestri', name: unique('c'), settings: {} } }),
      'rotate connection': await admin('POST', `/api/v1/connections/${kibo.connection.id}/rotate`),
      'create RetailOPS connection': await admin('POST', '/api/v1/retailops/connections', { json: { name: unique('r') } }),
      'console sign-in': await anonymous('POST', '/api/v1/session', { json: { apiKey: adminKey } }),
      'Crux login': await cruxLogin(crux.connection.credentialId, crux.credentials.secret),
    };
    const rotated = answers['rotate connection'].body.credentials;
    answers['Kibo token'] = await anonymous('POST', '/kibo/oauthserver/oauth2/token', {
      raw: 'grant_type=client_credentials',
      headers: { authorization: basicAuthorization(kibo.connection.credentialId, rotated.secret), 'content-type': 'application/x-www-form-urlencoded' },
    });
    const seen = Object.fromEntries(Object.entries(answers).map(([what, answer]) => [what, `${answer.status} ${answer.headers.get('cache-control')}`]));
    expect(Object.values(seen).filter((s) => !/^20[01] no-store$/.test(s))).toEqual([]);
    expect(Object.keys(seen)).toHaveLength(8);
  });

  it('serves Swagger UI with the security headers, and without persisting a key typed into Authorize', async () => {
    const page = await anonymous('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.contentType).toContain('text/html');
    expectSecurityHeaders(page);
    const init = await anonymous('GET', '/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.body).toMatch(/"persistAuthorization":\s*false/);
    expect(init.body).not.toMatch(/"persistAuthorization":\s*true/);
    expectSecurityHeaders(await anonymous('GET', '/docs-json'));
  });

  it('believes no X-Forwarded-Proto without TRUST_PROXY: the cookie stays plain', async () => {
    const { adminKey } = await freshTenant(target);
    const answer = await anonymous('POST', '/api/v1/session', { json: { apiKey: adminKey }, headers: { 'x-forwarded-proto': 'https' } });
    expect(answer.headers.get('set-cookie')).toMatch(/^tally_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  });
});

/** The headers `@fastify/helmet` adds, with the policy of docs/security.md. */
function expectSecurityHeaders(answer: Answer): void {
  const csp = answer.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(answer.headers.get('x-frame-options')).toBe('DENY');
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
  expect(answer.headers.get('strict-transport-security')).toBeNull();
}
