import { attemptsUntilThrottled, checkRefusedCredentials, findInDatabase, findInLogs, type CredentialFigures } from './checks/credentials.checker';
import { deploy, unique } from './support/deployment.fixture';
import { client } from '@tally/test-support';
import { report } from './support/figures.report';
import { checkSuppliedKeyAtRest, checkTenantCreation } from './checks/supplied-key.checker';
import { capturedLogs, recordedSecrets, recordSecret } from './support/run-dir';

const KIBO_TTL_SECONDS = 2;
const LIMIT = 60;
const CONTROL_LOG = 'control-log-secrets';

describe('check 7: credentials (this file runs last: it scans the logs of the whole suite)', () => {
  const summary: Record<string, unknown>[] = [];
  afterAll(() => report('check 7: credentials', summary));

  it.each(['sqlite', 'postgres'] as const)(
    'on %s: refuses missing, wrong, malformed, revoked, rotated and expired credentials with 401 in each dialect; stores secrets hashed; throttles guessing',
    async (engine) => {
      const deployment = await deploy(`credentials-${engine}`, engine, 1, {
        KIBO_TOKEN_TTL_SECONDS: String(KIBO_TTL_SECONDS),
        AUTH_FAILURE_LIMIT: String(LIMIT),
      });
      try {
        const { figures, violations } = await checkRefusedCredentials(deployment, KIBO_TTL_SECONDS);
        report(`check 7: refused credentials by dialect (${engine})`, figures as unknown as Record<string, unknown>[]);
        expect(violations).toEqual([]);
        // Every dialect the server describes has its refusals checked: a new dialect fails here until it is added.
        const described = (await deployment.admin()('GET', '/api/v1/dialects')).body.items.map((d: { name: string }) => d.name);
        expect(figures.map((f: CredentialFigures) => f.dialect).sort()).toEqual([...described].sort());
        const refused = figures.reduce((sum, f) => sum + f.cases, 0);

        // Hashed at rest: no secret handed out by this deployment is in any table; the scan does read every table.
        const secrets = recordedSecrets();
        const inDatabase = await findInDatabase(deployment, secrets);
        const connectionName = (await deployment.admin()('GET', '/api/v1/connections')).body.items[0].name as string;
        summary.push(
          { figure: `${engine}: secrets searched in every table`, value: secrets.length },
          { figure: `${engine}: found in clear`, value: inDatabase.length },
        );
        expect(inDatabase).toEqual([]);
        expect((await findInDatabase(deployment, [connectionName])).length).toBeGreaterThan(0);

        // The operator-chosen TALLY_ADMIN_KEY (ADR 0045): nothing of it in any table, a slow verifier, an id that is no part of it.
        const supplied = await checkSuppliedKeyAtRest(deployment);
        summary.push(
          { figure: `${engine}: supplied admin key, its first 16 characters or its SHA-256 found in a table`, value: supplied.figures.foundInDatabase.length },
          { figure: `${engine}: supplied admin key's verifier`, value: `${supplied.figures.verifier}, ${supplied.figures.scryptMemoryMiB} MiB per guess` },
          { figure: `${engine}: ms per offline guess, stored verifier`, value: supplied.figures.msPerGuessStored },
          { figure: `${engine}: ms per offline guess, SHA-256 (as before)`, value: supplied.figures.msPerGuessSha256 },
        );
        expect(supplied.violations).toEqual([]);
        // Opening tenants is the operator's: a tenant's admin key is refused.
        const tenants = await checkTenantCreation(deployment);
        summary.push(
          { figure: `${engine}: tenant opened by a tenant's admin key`, value: tenants.byTenantAdmin },
          { figure: `${engine}: tenant opened by the operator key`, value: tenants.byOperator },
        );
        expect(tenants.violations).toEqual([]);

        // Guessing: a key that keeps failing is refused with 429 once the client reached the limit, in the dialect of the path.
        const { firstThrottledAt, throttledAnswer } = await attemptsUntilThrottled(deployment.servers[0].baseUrl, LIMIT);
        summary.push(
          { figure: `${engine}: 401s before this client's guessed key was throttled`, value: refused + (firstThrottledAt ?? 0) - 1 },
          { figure: `${engine}: AUTH_FAILURE_LIMIT`, value: LIMIT },
        );
        expect(firstThrottledAt).not.toBeNull();
        expect(throttledAnswer?.body.code).toBe('AUTH.TOO_MANY_FAILURES');
        expect(throttledAnswer?.headers.get('retry-after')).toMatch(/^\d+$/);
        const kibo = client(deployment.servers[0].baseUrl, null);
        const guessedToken = { json: { locationName: '1', items: [] }, headers: { authorization: `Bearer ${unique('guessed')}` } };
        expect((await kibo('POST', '/kibo/api/v5/inventory/refresh', guessedToken)).status).toBe(401);
        const refusedKibo = await kibo('POST', '/kibo/api/v5/inventory/refresh', guessedToken);
        expect(refusedKibo.status).toBe(429);
        expect(refusedKibo.body).toMatchObject({ status: 429 });
        // A good key from the same client is still checked and passes: the limit is on what failed (check 10).
        expect((await deployment.admin()('GET', '/api/v1/stock-levels')).status).toBe(200);
      } finally {
        await deployment.close();
      }
    },
  );

  it('negative control: with secrets stored in clear, the database scan finds them', async () => {
    const deployment = await deploy('credentials-clear-control', 'sqlite', 1, { TALLY_UNSAFE_TEST_MODE: 'store-secrets-in-clear' });
    try {
      const created = await deployment.admin()('POST', '/api/v1/connections', { json: { dialect: 'crux', name: unique('clear'), settings: {} } });
      const { credentialId, secret } = created.body.credentials as { credentialId: string; secret: string };
      recordSecret(secret);
      const login = await client(deployment.servers[0].baseUrl, null)('POST', '/crux/timp/organizations/user-login/', {
        json: { username: credentialId, password: secret },
      });
      expect(login.status).toBe(200);
      recordSecret(login.body.auth_token);
      const found = await findInDatabase(deployment, [deployment.adminKey, secret, login.body.auth_token]);
      summary.push({ figure: 'control: secrets found in clear with store-secrets-in-clear', value: found.length });
      expect(found.length).toBeGreaterThanOrEqual(3);
    } finally {
      await deployment.close();
    }
  });

  it('negative control: with supplied keys hashed fast, the checker finds the unkeyed digest and a verifier that is not scrypt', async () => {
    const deployment = await deploy('credentials-fast-hash-control', 'sqlite', 1, { TALLY_UNSAFE_TEST_MODE: 'fast-hash-supplied-keys' });
    try {
      const { figures, violations } = await checkSuppliedKeyAtRest(deployment);
      summary.push(
        { figure: 'control: supplied key verifier with fast-hash-supplied-keys', value: figures.verifier },
        { figure: 'control: ms per offline guess with fast-hash-supplied-keys', value: figures.msPerGuessStored },
        { figure: 'control: violations found', value: violations.length },
      );
      expect(figures.verifier).toBe('sha256');
      expect(figures.foundInDatabase.length).toBeGreaterThan(0);
      expect(violations.some((v) => v.includes('not scrypt'))).toBe(true);
    } finally {
      await deployment.close();
    }
  });

  it("negative control: with any admin key opening tenants, the checker finds a tenant's admin key answered 201", async () => {
    const deployment = await deploy('credentials-operator-control', 'sqlite', 1, { TALLY_UNSAFE_TEST_MODE: 'any-admin-opens-tenants' });
    try {
      const { byTenantAdmin, violations } = await checkTenantCreation(deployment);
      summary.push({ figure: "control: tenant opened by a tenant's admin key with any-admin-opens-tenants", value: byTenantAdmin });
      expect(byTenantAdmin).toBe('201');
      expect(violations.length).toBe(1);
    } finally {
      await deployment.close();
    }
  });

  it('negative control: with tokens that outlive a rotation, the checker finds the rotated Kibo and Crux tokens accepted', async () => {
    const deployment = await deploy('credentials-rotation-control', 'sqlite', 1, {
      KIBO_TOKEN_TTL_SECONDS: String(KIBO_TTL_SECONDS),
      TALLY_UNSAFE_TEST_MODE: 'tokens-outlive-rotation',
    });
    try {
      const { violations } = await checkRefusedCredentials(deployment, KIBO_TTL_SECONDS);
      const rotated = violations.filter((v) => v.includes(' rotated: ')).map((v) => v.split(' ')[0]);
      summary.push({ figure: 'control: rotated tokens accepted with tokens-outlive-rotation', value: rotated.join(', ') });
      expect(rotated.sort()).toEqual(['crux', 'kibo']);
    } finally {
      await deployment.close();
    }
  });

  it('negative control: with the limit out of reach, the throttle checker sees no 429', async () => {
    const deployment = await deploy('credentials-throttle-control', 'sqlite', 1, { AUTH_FAILURE_LIMIT: '1000000' });
    try {
      const { firstThrottledAt } = await attemptsUntilThrottled(deployment.servers[0].baseUrl, LIMIT * 2);
      summary.push({ figure: 'control: 429 within 2 × limit without a throttle', value: firstThrottledAt ?? 'none' });
      expect(firstThrottledAt).toBeNull();
    } finally {
      await deployment.close();
    }
  });

  it('negative control: a server that logs refused keys is caught by the log scan', async () => {
    const deployment = await deploy(CONTROL_LOG, 'sqlite', 1, { TALLY_UNSAFE_TEST_MODE: 'log-secrets' });
    try {
      const guessed = `tly_${unique('leak')}aaaaaaaaaaaaaaaaaaaaaaaa`;
      recordSecret(guessed);
      expect((await client(deployment.servers[0].baseUrl, guessed)('GET', '/api/v1/stock-levels')).status).toBe(401);
    } finally {
      await deployment.close();
    }
    const leaks = findInLogs(new Map([...capturedLogs()].filter(([name]) => name.startsWith(CONTROL_LOG))), recordedSecrets());
    summary.push({ figure: 'control: secrets found in the unsafe server log', value: leaks.length });
    expect(leaks.length).toBeGreaterThan(0);
  });

  it('the captured logs of every server of the suite contain none of the secrets it used', () => {
    const logs = new Map([...capturedLogs()].filter(([name]) => !name.startsWith(CONTROL_LOG)));
    const secrets = recordedSecrets();
    const leaks = findInLogs(logs, secrets);
    const bytes = [...logs.values()].reduce((sum, text) => sum + text.length, 0);
    summary.push(
      { figure: 'server logs scanned', value: logs.size },
      { figure: 'log bytes', value: bytes },
      { figure: 'secrets', value: secrets.length },
      { figure: 'leaks', value: leaks.length },
    );
    expect(logs.size).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
