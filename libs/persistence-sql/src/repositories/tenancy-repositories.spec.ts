import { randomUUID } from 'node:crypto';
import type { Migrator } from '@mikro-orm/migrations';
import type { ApiKey, Connection } from '@tally/inventory-application';
import { createPersistence } from '../persistence.factory';
import { MIGRATIONS, migrateDatabase } from '../migrations/migrate-database';
import { DATABASE_KINDS, createTestDatabase, openTestContext, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const at = '2026-01-01T00:00:00.000Z';

describe.each(DATABASE_KINDS)('tenancy repositories on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  const key = (tenantId: string, prefix: string): ApiKey => ({
    id: randomUUID(),
    tenantId,
    name: 'ci',
    role: 'admin',
    prefix,
    lookupDigest: null,
    secretHash: 'sha256:abc',
    createdAt: at,
    revokedAt: null,
  });

  it('creates, counts and gets tenants', async () => {
    const before = await ctx.p.tenants.count();
    const id = randomUUID();
    await ctx.p.tenants.create({ id, name: 'Acme', createdAt: at });
    expect(await ctx.p.tenants.count()).toBe(before + 1);
    expect(await ctx.p.tenants.get(id)).toEqual({ id, name: 'Acme', createdAt: at });
    expect(await ctx.p.tenants.get(randomUUID())).toBeNull();
    expect(await ctx.p.tenants.get('not-a-uuid')).toBeNull();
  });

  it('lists every tenant, oldest first', async () => {
    const older = { id: randomUUID(), name: 'Older', createdAt: '2020-01-01T00:00:00.000Z' };
    const newer = { id: randomUUID(), name: 'Newer', createdAt: '2020-01-02T00:00:00.000Z' };
    await ctx.p.tenants.create(newer);
    await ctx.p.tenants.create(older);
    const listed = await ctx.p.tenants.list();
    expect(listed).toHaveLength(await ctx.p.tenants.count());
    expect(listed.filter((t) => t.id === older.id || t.id === newer.id)).toEqual([older, newer]);
  });

  it('stores API keys, finds them by prefix, lists and revokes them once', async () => {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'Keys', createdAt: at });
    const first = key(tenantId, `tly_${randomUUID().slice(0, 12)}`);
    await ctx.p.tenants.createApiKey(first);
    expect(await ctx.p.tenants.findApiKeyByPrefix(first.prefix)).toEqual(first);
    expect(await ctx.p.tenants.listApiKeys(tenantId)).toEqual([first]);
    expect(await ctx.p.tenants.revokeApiKey(tenantId, first.id, '2026-02-01T00:00:00.000Z')).toBe(true);
    expect(await ctx.p.tenants.revokeApiKey(tenantId, first.id, '2026-03-01T00:00:00.000Z')).toBe(true);
    expect((await ctx.p.tenants.findApiKeyByPrefix(first.prefix))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(await ctx.p.tenants.revokeApiKey(randomUUID(), first.id, at)).toBe(false);
  });

  it('finds a supplied key by its lookup digest, keeps digests unique and replaces how a key is found and verified', async () => {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'Supplied', createdAt: at });
    const digest = `lookup-${randomUUID()}`;
    const supplied = { ...key(tenantId, `tly_${randomUUID().slice(0, 12)}`), lookupDigest: digest, secretHash: 'scrypt:1' };
    await ctx.p.tenants.createApiKey(supplied);
    expect(await ctx.p.tenants.findApiKeyByLookupDigest(digest)).toEqual(supplied);
    expect(await ctx.p.tenants.findApiKeyByLookupDigest(`lookup-${randomUUID()}`)).toBeNull();
    await expect(ctx.p.tenants.createApiKey({ ...key(tenantId, `tly_${randomUUID().slice(0, 12)}`), lookupDigest: digest })).rejects.toThrow();
    // Generated keys have no lookup digest: several nulls are no conflict.
    await ctx.p.tenants.createApiKey(key(tenantId, `tly_${randomUUID().slice(0, 12)}`));
    await ctx.p.tenants.createApiKey(key(tenantId, `tly_${randomUUID().slice(0, 12)}`));

    const legacy = key(tenantId, `operator-chose-${randomUUID().slice(0, 1)}`);
    await ctx.p.tenants.createApiKey(legacy);
    const upgraded = { prefix: `tly_${randomUUID().slice(0, 12)}`, lookupDigest: `lookup-${randomUUID()}`, secretHash: 'scrypt:2' };
    expect(await ctx.p.tenants.replaceApiKeyVerifier(legacy.id, upgraded)).toBe(true);
    expect(await ctx.p.tenants.findApiKeyByPrefix(legacy.prefix)).toBeNull();
    expect(await ctx.p.tenants.findApiKeyByLookupDigest(upgraded.lookupDigest)).toEqual({ ...legacy, ...upgraded });
    expect(await ctx.p.tenants.replaceApiKeyVerifier(randomUUID(), upgraded)).toBe(false);
  });

  it('keeps API key prefixes unique', async () => {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'Dup', createdAt: at });
    const prefix = `tly_${randomUUID().slice(0, 12)}`;
    await ctx.p.tenants.createApiKey(key(tenantId, prefix));
    await expect(ctx.p.tenants.createApiKey(key(tenantId, prefix))).rejects.toThrow();
  });

  it('stores connections with their settings, finds them by credential, updates them', async () => {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'Conn', createdAt: at });
    const connection: Connection = {
      id: randomUUID(),
      tenantId,
      dialect: 'kibo',
      name: 'Kibo',
      settings: { unknownItemPolicy: 'reject', defaultLocationCode: 'WH1', priority: 3, options: { testMode: true } },
      credentialId: `con_${randomUUID()}`,
      secretHash: 'sha256:1',
      status: 'active',
      createdAt: at,
      rotatedAt: null,
      revokedAt: null,
    };
    await ctx.p.connections.create(connection);
    expect(await ctx.p.connections.get(tenantId, connection.id)).toEqual(connection);
    expect(await ctx.p.connections.get(randomUUID(), connection.id)).toBeNull();
    expect(await ctx.p.connections.list(tenantId)).toEqual([connection]);
    expect(await ctx.p.connections.findByCredentialId('kibo', connection.credentialId)).toEqual(connection);
    expect(await ctx.p.connections.findByCredentialId('crux', connection.credentialId)).toBeNull();

    const revoked: Connection = { ...connection, status: 'revoked', revokedAt: '2026-02-01T00:00:00.000Z', settings: { ...connection.settings, priority: 9 } };
    await ctx.p.connections.update(revoked);
    expect(await ctx.p.connections.findByCredentialId('kibo', connection.credentialId)).toEqual(revoked);
  });

  it('keeps (dialect, credential id) unique', async () => {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'Cred', createdAt: at });
    const base = {
      tenantId,
      dialect: 'crux' as const,
      name: 'Crux',
      settings: { unknownItemPolicy: 'create' as const, defaultLocationCode: null, priority: 0, options: {} },
      credentialId: `con_${randomUUID()}`,
      secretHash: 'h',
      status: 'active' as const,
      createdAt: at,
      rotatedAt: null,
      revokedAt: null,
    };
    await ctx.p.connections.create({ ...base, id: randomUUID() });
    await expect(ctx.p.connections.create({ ...base, id: randomUUID() })).rejects.toThrow();
  });
});

describe.each(DATABASE_KINDS)('access tokens on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it('saves a token digest, finds it with its connection, and deletes it once expired', async () => {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: 'T', createdAt: at });
    const connection: Connection = {
      id: randomUUID(),
      tenantId,
      dialect: 'crux',
      name: 'crux',
      settings: { unknownItemPolicy: 'create', defaultLocationCode: null, priority: 0, options: {} },
      credentialId: `con_${randomUUID()}`,
      secretHash: 'sha256:x',
      status: 'active',
      createdAt: at,
      rotatedAt: null,
      revokedAt: null,
    };
    await ctx.p.connections.create(connection);
    const token = {
      tokenDigest: `d-${randomUUID()}`,
      tenantId,
      connectionId: connection.id,
      issuedAt: at,
      expiresAt: '2026-01-01T02:00:00.000Z',
      secretRotatedAt: null,
    };
    await ctx.p.accessTokens.save(token, 100);
    expect(await ctx.p.accessTokens.findWithConnection(token.tokenDigest)).toEqual({ token, connection });
    expect(await ctx.p.accessTokens.findWithConnection('unknown')).toBeNull();
    expect(await ctx.p.accessTokens.deleteExpired('2026-01-01T01:00:00.000Z')).toBe(0);
    expect(await ctx.p.accessTokens.deleteExpired('2026-01-01T03:00:00.000Z')).toBe(1);
    expect(await ctx.p.accessTokens.findWithConnection(token.tokenDigest)).toBeNull();
  });
});

describe.each(DATABASE_KINDS)('upgrading a %s database to api_key_lookup', (kind) => {
  it('keeps existing keys as they were and makes the oldest tenant’s oldest active admin key the operator', async () => {
    const db = await createTestDatabase(kind);
    const old = await createPersistence(db.url, { migrate: false });
    try {
      const before = MIGRATIONS.findIndex((m) => m.name.endsWith('_api_key_lookup'));
      await old.orm.getMigrator<Migrator>().up({ to: MIGRATIONS[before - 1].name });
      const sql = old.orm.em.getConnection();
      const time = (n: number) => `2026-01-0${n}T00:00:00.000Z`;
      await sql.execute(`insert into tenants (id, name, created_at) values ('t1', 'default', '${time(1)}'), ('t2', 'later', '${time(2)}')`);
      await sql.execute(
        `insert into api_keys (id, tenant_id, name, role, prefix, secret_hash, created_at, revoked_at) values
         ('revoked', 't1', 'bootstrap admin', 'admin', 'my-chosen-admin-', 'sha256:a', '${time(1)}', '${time(3)}'),
         ('reader', 't1', 'reader', 'read_only', 'tly_aaaaaaaaaaaa', 'sha256:b', '${time(2)}', null),
         ('second', 't1', 'second admin', 'admin', 'tly_bbbbbbbbbbbb', 'sha256:c', '${time(3)}', null),
         ('third', 't1', 'third admin', 'admin', 'tly_cccccccccccc', 'sha256:d', '${time(4)}', null),
         ('other', 't2', 'initial admin', 'admin', 'tly_dddddddddddd', 'sha256:e', '${time(2)}', null)`,
      );
      expect(await migrateDatabase(old.orm)).toEqual(MIGRATIONS.slice(before).map((m) => m.name));
      await old.close();

      const p = await createPersistence(db.url);
      try {
        const roles = Object.fromEntries([...(await p.tenants.listApiKeys('t1')), ...(await p.tenants.listApiKeys('t2'))].map((k) => [k.id, k.role]));
        expect(roles).toEqual({ revoked: 'admin', reader: 'read_only', second: 'operator', third: 'admin', other: 'admin' });
        expect(await p.tenants.findApiKeyByPrefix('my-chosen-admin-')).toMatchObject({ id: 'revoked', lookupDigest: null, secretHash: 'sha256:a' });
      } finally {
        await p.close();
      }
    } finally {
      await db.drop();
    }
  });
});
