import { randomUUID } from 'node:crypto';
import type { ApiKey } from '@tally/inventory-application';
import { at, newConnection, seedTenant, useSubject, type OpenPersistenceSubject } from './persistence-subject';

const apiKeyOf = (tenantId: string, overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: randomUUID(),
  tenantId,
  name: 'key',
  role: 'admin',
  prefix: `pfx-${randomUUID().slice(0, 8)}`,
  lookupDigest: null,
  secretHash: 'hash',
  createdAt: at(),
  revokedAt: null,
  ...overrides,
});

/** What every TenantRepository adapter promises. */
export function describeTenantRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`TenantRepository contract (${name})`, () => {
    const subject = useSubject(open);

    // First, while the subject's database holds no tenant.
    it('stores the first tenant with its key once, when two first starts race, and nothing once a tenant exists', async () => {
      const s = subject();
      expect(await s.tenants.count()).toBe(0);
      const first = [randomUUID(), randomUUID()].map((id) => ({ tenant: { id, name: 'default', createdAt: at() }, key: apiKeyOf(id, { role: 'operator' }) }));
      const won = await Promise.all(first.map(({ tenant, key }) => s.tenants.createFirst(tenant, key)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = first[won.indexOf(true)];
      const loser = first[won.indexOf(false)];
      expect(await s.tenants.count()).toBe(1);
      expect(await s.tenants.get(winner.tenant.id)).toEqual(winner.tenant);
      expect(await s.tenants.findApiKeyByPrefix(winner.key.prefix)).toEqual(winner.key);
      expect(await s.tenants.get(loser.tenant.id)).toBeNull();
      expect(await s.tenants.findApiKeyByPrefix(loser.key.prefix)).toBeNull();
      const late = apiKeyOf(randomUUID());
      expect(await s.tenants.createFirst({ id: late.tenantId, name: 'default', createdAt: at() }, late)).toBe(false);
      expect(await s.tenants.count()).toBe(1);
    });

    it('stores a tenant and counts it', async () => {
      const s = subject();
      const before = await s.tenants.count();
      const { tenantId } = await seedTenant(s);
      expect(await s.tenants.get(tenantId)).toEqual({ id: tenantId, name: `tenant ${tenantId}`, createdAt: at() });
      expect(await s.tenants.count()).toBe(before + 1);
      expect(await s.tenants.get(randomUUID())).toBeNull();
    });

    it('finds keys by prefix, lists them oldest first, and revokes once', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const later = apiKeyOf(tenantId, { createdAt: at(20), role: 'read_only' });
      const first = apiKeyOf(tenantId, { createdAt: at(10) });
      await s.tenants.createApiKey(later);
      await s.tenants.createApiKey(first);
      expect(await s.tenants.findApiKeyByPrefix(first.prefix)).toEqual(first);
      expect(await s.tenants.listApiKeys(tenantId)).toEqual([first, later]);
      expect(await s.tenants.revokeApiKey(tenantId, first.id, at(30))).toBe(true);
      expect(await s.tenants.revokeApiKey(tenantId, first.id, at(40))).toBe(true);
      expect((await s.tenants.findApiKeyByPrefix(first.prefix))?.revokedAt).toBe(at(30));
      expect(await s.tenants.revokeApiKey(tenantId, randomUUID(), at(30))).toBe(false);
    });

    it("keeps a tenant's keys to itself and refuses a prefix twice", async () => {
      const s = subject();
      const one = await seedTenant(s);
      const other = await seedTenant(s);
      const key = apiKeyOf(one.tenantId);
      await s.tenants.createApiKey(key);
      expect(await s.tenants.listApiKeys(other.tenantId)).toEqual([]);
      expect(await s.tenants.revokeApiKey(other.tenantId, key.id, at(1))).toBe(false);
      await expect(s.tenants.createApiKey(apiKeyOf(other.tenantId, { prefix: key.prefix }))).rejects.toThrow();
    });

    it('finds a supplied key by its lookup digest and replaces how a key is found and verified', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const digest = `lookup-${randomUUID()}`;
      const supplied = apiKeyOf(tenantId, { lookupDigest: digest, role: 'operator' });
      await s.tenants.createApiKey(supplied);
      expect(await s.tenants.findApiKeyByLookupDigest(digest)).toEqual(supplied);
      expect(await s.tenants.findApiKeyByLookupDigest(`lookup-${randomUUID()}`)).toBeNull();
      const verifier = { prefix: `pfx-${randomUUID().slice(0, 8)}`, lookupDigest: `lookup-${randomUUID()}`, secretHash: 'slow' };
      expect(await s.tenants.replaceApiKeyVerifier(supplied.id, verifier)).toBe(true);
      expect(await s.tenants.findApiKeyByLookupDigest(digest)).toBeNull();
      expect(await s.tenants.findApiKeyByPrefix(verifier.prefix)).toEqual({ ...supplied, ...verifier });
      expect(await s.tenants.replaceApiKeyVerifier(randomUUID(), verifier)).toBe(false);
    });
  });
}

/** What every ConnectionRepository adapter promises. */
export function describeConnectionRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`ConnectionRepository contract (${name})`, () => {
    const subject = useSubject(open);

    it('stores a connection whole, and finds it by tenant and id or by dialect and credential id', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const connection = newConnection(tenantId, {
        dialect: 'kibo',
        settings: { unknownItemPolicy: 'reject', defaultLocationCode: 'LOC-9', priority: 3, attachIdentifiers: true, options: { tenantCode: 7 } },
      });
      await s.connections.create(connection);
      expect(await s.connections.get(tenantId, connection.id)).toEqual(connection);
      expect(await s.connections.findByCredentialId('kibo', connection.credentialId)).toEqual(connection);
      expect(await s.connections.findByCredentialId('crux', connection.credentialId)).toBeNull();
      expect(await s.connections.get((await seedTenant(s)).tenantId, connection.id)).toBeNull();
    });

    it('lists oldest first and stores updates (rotation, revocation)', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const newer = newConnection(tenantId, { createdAt: at(20) });
      const older = newConnection(tenantId, { createdAt: at(10) });
      await s.connections.create(newer);
      await s.connections.create(older);
      expect((await s.connections.list(tenantId)).map((c) => c.id)).toEqual([older.id, newer.id]);
      const revoked = { ...older, status: 'revoked' as const, revokedAt: at(30), secretHash: 'rotated', rotatedAt: at(25), name: 'renamed' };
      await s.connections.update(revoked);
      expect(await s.connections.get(tenantId, older.id)).toEqual(revoked);
      expect(await s.connections.findByCredentialId(older.dialect, older.credentialId)).toEqual(revoked);
    });

    it('refuses a second connection with the same dialect and credential id', async () => {
      const s = subject();
      const { tenantId } = await seedTenant(s);
      const first = newConnection(tenantId);
      await s.connections.create(first);
      await expect(s.connections.create(newConnection(tenantId, { credentialId: first.credentialId }))).rejects.toThrow();
      await s.connections.create(newConnection(tenantId, { credentialId: first.credentialId, dialect: 'crux' }));
    });
  });
}

/** What every AccessTokenRepository adapter promises. */
export function describeAccessTokenRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`AccessTokenRepository contract (${name})`, () => {
    const subject = useSubject(open);

    it('finds a token with its connection by digest, and deletes those expired before now', async () => {
      const s = subject();
      const { tenantId, connections } = await seedTenant(s, { connections: 1 });
      const token = (digest: string, expiresAt: string) => ({
        tokenDigest: digest,
        tenantId,
        connectionId: connections[0].id,
        issuedAt: at(),
        expiresAt,
        secretRotatedAt: null,
      });
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await s.accessTokens.save(token(a, at(10)), 100);
      await s.accessTokens.save(token(b, at(20)), 100);
      await s.accessTokens.save(token(c, at(30)), 100);
      expect(await s.accessTokens.findWithConnection(a)).toEqual({ token: token(a, at(10)), connection: connections[0] });
      expect(await s.accessTokens.findWithConnection(randomUUID())).toBeNull();
      // Expired strictly before now: the token expiring at now survives this sweep.
      expect(await s.accessTokens.deleteExpired(at(20))).toBeGreaterThanOrEqual(1);
      expect(await s.accessTokens.findWithConnection(a)).toBeNull();
      expect(await s.accessTokens.findWithConnection(b)).not.toBeNull();
      expect(await s.accessTokens.findWithConnection(c)).not.toBeNull();
      const stamped = { ...token(randomUUID(), at(40)), secretRotatedAt: at(5) };
      await s.accessTokens.save(stamped, 100);
      expect((await s.accessTokens.findWithConnection(stamped.tokenDigest))?.token).toEqual(stamped);
    });

    it('keeps only a connection’s newest tokens, and leaves other connections’ alone', async () => {
      const s = subject();
      const { tenantId, connections } = await seedTenant(s, { connections: 2 });
      const token = (digest: string, connection: number, issued: number) => ({
        tokenDigest: digest,
        tenantId,
        connectionId: connections[connection].id,
        issuedAt: at(issued),
        expiresAt: at(1000),
        secretRotatedAt: null,
      });
      const other = randomUUID();
      await s.accessTokens.save(token(other, 1, 0), 2);
      const digests = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const dropped: number[] = [];
      for (const [n, digest] of digests.entries()) dropped.push(await s.accessTokens.save(token(digest, 0, n + 1), 2));
      // What it deleted is told: those tokens stop working, and every process must hear of it (ADR 0048).
      expect(dropped).toEqual([0, 0, 1, 1]);
      const kept = await Promise.all(digests.map(async (d) => (await s.accessTokens.findWithConnection(d)) !== null));
      expect(kept).toEqual([false, false, true, true]);
      expect(await s.accessTokens.findWithConnection(other)).not.toBeNull();
    });
  });
}
