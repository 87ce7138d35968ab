import { API_KEY_ID_PATTERN, type ApiKey } from '@tally/inventory-application';
import { createInMemoryTally } from '../fakes/in-memory-tally.fake';

const SUPPLIED = 'the-operator-chose-this-admin-key-42';

describe('ManageAccess.createTenant', () => {
  it('opens the first tenant with an operator key, stored with it at once, and later tenants with an admin key', async () => {
    const tally = createInMemoryTally();
    const first = await tally.access.createTenant('  Acme  ');
    expect(first.tenant.name).toBe('Acme');
    expect(first.adminKey.key).toMatchObject({ tenantId: first.tenant.id, role: 'operator' });
    expect(await tally.access.authenticate(first.adminKey.secret)).toMatchObject({ tenantId: first.tenant.id, role: 'operator' });
    const second = await tally.access.createTenant('Beta');
    expect(second.adminKey.key).toMatchObject({ tenantId: second.tenant.id, role: 'admin', name: 'initial admin' });
    expect(await tally.access.authenticate(second.adminKey.secret)).toMatchObject({ tenantId: second.tenant.id, role: 'admin' });
  });

  it('refuses a blank or too long name, and a key for an unknown tenant, naming the field and storing nothing', async () => {
    const tally = createInMemoryTally();
    await expect(tally.access.createTenant('   ')).rejects.toMatchObject({ code: 'REQUEST.INVALID', field: 'name' });
    await expect(tally.access.createTenant('x'.repeat(101))).rejects.toMatchObject({ code: 'REQUEST.INVALID', field: 'name' });
    expect(await tally.tenants.count()).toBe(0);
    await expect(tally.access.createKey('no-such-tenant', 'ci', 'admin')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', field: 'tenantId' });
    expect(tally.tenants.keys).toHaveLength(0);
  });
});

describe('ManageAccess keys (ADR 0045)', () => {
  it('keeps no character of a supplied key: a random public id, a slow verifier, a keyed lookup digest', async () => {
    const tally = createInMemoryTally();
    await tally.access.bootstrap(SUPPLIED);
    const [row] = tally.tenants.keys;
    expect(row.prefix).toMatch(API_KEY_ID_PATTERN);
    expect(row.prefix).not.toBe(SUPPLIED.slice(0, 16));
    expect(row.secretHash).toBe(`slow:${SUPPLIED}`);
    expect(row.lookupDigest).toBe(`lookup:k1:${SUPPLIED}`);
    expect(row.role).toBe('operator');
    const [listed] = await tally.access.listKeys(row.tenantId);
    expect(listed).toEqual({
      id: row.id,
      tenantId: row.tenantId,
      name: 'bootstrap admin',
      role: 'operator',
      prefix: row.prefix,
      createdAt: row.createdAt,
      revokedAt: null,
    });
  });

  it('keeps generated keys fast: found by their public id, checked by the fast hasher', async () => {
    const tally = createInMemoryTally();
    const { adminKey, tenantId } = (await tally.access.bootstrap()) as { adminKey: string; tenantId: string };
    const { key, secret } = await tally.access.createKey(tenantId, 'ci', 'admin');
    const row = tally.tenants.keys.find((k) => k.id === key.id) as ApiKey;
    expect(secret.startsWith(`${row.prefix}_`)).toBe(true);
    expect(row).toMatchObject({ lookupDigest: null, secretHash: `hashed:${secret}`, role: 'admin' });
    expect(await tally.access.authenticate(secret)).toEqual({ tenantId, keyId: key.id, role: 'admin' });
    expect(await tally.access.authenticate(adminKey)).toMatchObject({ role: 'operator' });
    expect(await tally.access.authenticate(`${secret.slice(0, -1)}z`)).toBeNull();
  });

  it("refuses a key that starts with a supplied key's public id, and a wrong or revoked supplied key", async () => {
    const tally = createInMemoryTally();
    await tally.access.bootstrap(SUPPLIED);
    const [row] = tally.tenants.keys;
    expect(await tally.access.authenticate(`${row.prefix}_${'x'.repeat(32)}`)).toBeNull();
    expect(await tally.access.authenticate(`${SUPPLIED}x`)).toBeNull();
    expect(await tally.access.authenticate(SUPPLIED)).toEqual({ tenantId: row.tenantId, keyId: row.id, role: 'operator' });
    await tally.access.revokeKey(row.tenantId, row.id);
    expect(await tally.access.authenticate(SUPPLIED)).toBeNull();
  });

  it('upgrades a supplied key stored the old way at its next successful use, and not on a wrong one', async () => {
    const tally = createInMemoryTally();
    await tally.access.bootstrap();
    const legacy: ApiKey = {
      id: 'legacy',
      tenantId: tally.tenants.tenants[0].id,
      name: 'bootstrap admin',
      role: 'operator',
      prefix: SUPPLIED.slice(0, 16),
      lookupDigest: null,
      secretHash: `hashed:${SUPPLIED}`,
      createdAt: '2026-01-01T00:00:00.000Z',
      revokedAt: null,
    };
    tally.tenants.keys.push(legacy);
    expect(await tally.access.authenticate(`${SUPPLIED.slice(0, 16)}-a-wrong-guess-of-the-rest`)).toBeNull();
    expect(tally.tenants.keys.find((k) => k.id === 'legacy')).toEqual(legacy);

    expect(await tally.access.authenticate(SUPPLIED)).toMatchObject({ keyId: 'legacy', role: 'operator' });
    const upgraded = tally.tenants.keys.find((k) => k.id === 'legacy') as ApiKey;
    expect(upgraded.prefix).toMatch(API_KEY_ID_PATTERN);
    expect(upgraded).toMatchObject({ lookupDigest: `lookup:k1:${SUPPLIED}`, secretHash: `slow:${SUPPLIED}` });
    expect(JSON.stringify(upgraded)).not.toContain(`"${SUPPLIED.slice(0, 16)}"`);
    expect(await tally.access.authenticate(SUPPLIED)).toMatchObject({ keyId: 'legacy' });
  });

  it('upgrades a supplied key stored the old way when a later start is given it', async () => {
    const tally = createInMemoryTally();
    await tally.access.bootstrap();
    tally.tenants.keys.push({ ...tally.tenants.keys[0], id: 'legacy', prefix: SUPPLIED.slice(0, 16), secretHash: `hashed:${SUPPLIED}` });
    expect(await tally.access.bootstrap(SUPPLIED)).toEqual({ created: false, suppliedKeyFound: true });
    expect(tally.tenants.keys.find((k) => k.id === 'legacy')).toMatchObject({ secretHash: `slow:${SUPPLIED}` });
    expect(await tally.access.bootstrap(`${SUPPLIED}-not-this-one`)).toEqual({ created: false, suppliedKeyFound: false });
  });

  it('finds a supplied key filed under an older server-side key, and files it under the current one', async () => {
    const tally = createInMemoryTally();
    await tally.access.bootstrap(SUPPLIED);
    tally.chosenHasher.keys = ['k2', 'k1'];
    expect(await tally.access.authenticate(SUPPLIED)).toMatchObject({ role: 'operator' });
    expect(tally.tenants.keys[0].lookupDigest).toBe(`lookup:k2:${SUPPLIED}`);
    tally.chosenHasher.keys = ['k3'];
    expect(await tally.access.authenticate(SUPPLIED)).toBeNull();
  });
});
