import { MAX_TOKENS_PER_CONNECTION } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const TTL_MS = 60_000;

/** A tally whose use cases keep authentication answers (ADR 0048), its admin key, and counters of the reads they make. */
async function cachedTally(maxEntries = 100) {
  const tally = createInMemoryTally({ credentialCache: { ttlMs: TTL_MS, maxEntries } });
  const boot = (await tally.access.bootstrap()) as { tenantId: string; adminKey: string };
  const reads = {
    keys: jest.spyOn(tally.tenants, 'findApiKeyByPrefix'),
    tokens: jest.spyOn(tally.accessTokens, 'findWithConnection'),
    credentials: jest.spyOn(tally.connections, 'findByCredentialId'),
  };
  return { tally, ...boot, reads };
}

async function kiboConnection(tally: InMemoryTally, tenantId: string) {
  const { connection, credentials } = await tally.manageConnections.create(tenantId, { dialect: 'kibo', name: 'kibo' });
  const issued = await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 3600);
  return { connection, credentials, token: issued!.token };
}

describe('CredentialCache (ADR 0048)', () => {
  it('answers a valid API key, token and credential from memory, and reads again after its lifetime', async () => {
    const { tally, tenantId, adminKey, reads } = await cachedTally();
    const { credentials, token } = await kiboConnection(tally, tenantId);
    reads.credentials.mockClear();
    for (let i = 0; i < 3; i++) {
      expect(await tally.access.authenticate(adminKey)).toMatchObject({ tenantId, role: 'operator' });
      expect(await tally.tokens.verify('kibo', token)).toMatchObject({ tenantId });
      expect(await tally.manageConnections.authenticate('kibo', credentials.credentialId, credentials.secret)).toMatchObject({ tenantId });
    }
    // The credential was kept by the login's own check.
    expect([reads.keys.mock.calls.length, reads.tokens.mock.calls.length, reads.credentials.mock.calls.length]).toEqual([1, 1, 0]);
    tally.clock.advance(TTL_MS);
    await tally.access.authenticate(adminKey);
    await tally.tokens.verify('kibo', token);
    expect([reads.keys.mock.calls.length, reads.tokens.mock.calls.length]).toEqual([2, 2]);
  });

  it('never keeps a refusal: a wrong key or token is read every time', async () => {
    const { tally, adminKey, reads } = await cachedTally();
    const wrong = `${adminKey.slice(0, -1)}${adminKey.endsWith('x') ? 'y' : 'x'}`;
    for (let i = 0; i < 3; i++) {
      expect(await tally.access.authenticate(wrong)).toBeNull();
      expect(await tally.tokens.verify('kibo', 'no-such-token-0123456789')).toBeNull();
    }
    expect([reads.keys.mock.calls.length, reads.tokens.mock.calls.length]).toEqual([3, 3]);
    expect(tally.credentialCache!.size).toBe(0);
  });

  it("keeps a token's answer no longer than the token lives", async () => {
    const { tally, tenantId } = await cachedTally();
    const { credentials } = await kiboConnection(tally, tenantId);
    const short = await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 5);
    expect(await tally.tokens.verify('kibo', short!.token)).not.toBeNull();
    tally.clock.advance(5_000);
    expect(await tally.tokens.verify('kibo', short!.token)).toBeNull();
  });

  it('forgets everything when a key is revoked, a connection rotated, revoked or its settings changed', async () => {
    const { tally, tenantId, adminKey } = await cachedTally();
    const other = await tally.access.createKey(tenantId, 'ci', 'admin');
    expect(await tally.access.authenticate(other.secret)).not.toBeNull();
    await tally.access.revokeKey(tenantId, other.key.id);
    expect(await tally.access.authenticate(other.secret)).toBeNull();
    expect(await tally.access.authenticate(adminKey)).not.toBeNull();

    const { connection, credentials, token } = await kiboConnection(tally, tenantId);
    expect(await tally.tokens.verify('kibo', token)).not.toBeNull();
    expect(await tally.manageConnections.authenticate('kibo', credentials.credentialId, credentials.secret)).not.toBeNull();
    await tally.manageConnections.updateSettings(tenantId, connection.id, { priority: 7 });
    expect(await tally.tokens.verify('kibo', token)).toMatchObject({ settings: { priority: 7 } });
    const rotated = await tally.manageConnections.rotate(tenantId, connection.id);
    expect(await tally.tokens.verify('kibo', token)).toBeNull();
    expect(await tally.manageConnections.authenticate('kibo', credentials.credentialId, credentials.secret)).toBeNull();
    const fresh = await tally.tokens.login('kibo', credentials.credentialId, rotated.credentials.secret, 3600);
    expect(await tally.tokens.verify('kibo', fresh!.token)).not.toBeNull();
    await tally.manageConnections.revoke(tenantId, connection.id);
    expect(await tally.tokens.verify('kibo', fresh!.token)).toBeNull();
    expect(tally.credentialChanges.published).toBe(4);
  });

  it('forgets a token dropped because its connection logged in too many times since', async () => {
    const { tally, tenantId } = await cachedTally(1000);
    const { credentials, token } = await kiboConnection(tally, tenantId);
    expect(await tally.tokens.verify('kibo', token)).not.toBeNull();
    for (let i = 0; i < MAX_TOKENS_PER_CONNECTION; i++) {
      tally.clock.advance(1);
      await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 3600);
    }
    expect(tally.credentialChanges.published).toBe(1);
    expect(await tally.tokens.verify('kibo', token)).toBeNull();
  });

  it('keeps at most its bound, dropping the oldest', async () => {
    const { tally, tenantId, adminKey, reads } = await cachedTally(2);
    const keys = [adminKey, (await tally.access.createKey(tenantId, 'a', 'admin')).secret, (await tally.access.createKey(tenantId, 'b', 'admin')).secret];
    for (const key of keys) await tally.access.authenticate(key);
    expect(tally.credentialCache!.size).toBe(2);
    reads.keys.mockClear();
    await tally.access.authenticate(keys[2]);
    await tally.access.authenticate(keys[0]);
    expect(reads.keys.mock.calls.map(([prefix]) => prefix)).toEqual([keys[0].slice(0, 16)]);
  });

  it('reads the database every time while changes may go unheard, and forgets what it kept before', async () => {
    const { tally, adminKey, reads } = await cachedTally();
    await tally.access.authenticate(adminKey);
    tally.credentialChanges.setLive(false);
    expect(tally.credentialCache!.size).toBe(0);
    for (let i = 0; i < 3; i++) expect(await tally.access.authenticate(adminKey)).not.toBeNull();
    expect(reads.keys.mock.calls.length).toBe(4);
    tally.credentialChanges.setLive(true);
    await tally.access.authenticate(adminKey);
    await tally.access.authenticate(adminKey);
    expect(reads.keys.mock.calls.length).toBe(5);
  });

  it('does not keep an answer read before a change that was announced while the read ran', async () => {
    const { tally, tenantId, reads } = await cachedTally();
    const { key, secret } = await tally.access.createKey(tenantId, 'ci', 'admin');
    const original = (Object.getPrototypeOf(tally.tenants) as typeof tally.tenants).findApiKeyByPrefix.bind(tally.tenants);
    let revokeDuringRead = true;
    reads.keys.mockImplementation(async (prefix) => {
      const found = await original(prefix);
      if (revokeDuringRead) {
        revokeDuringRead = false;
        await tally.access.revokeKey(tenantId, key.id);
      }
      return found;
    });
    // The read saw the key before its revocation: that one answer passes, as a request in flight does.
    expect(await tally.access.authenticate(secret)).not.toBeNull();
    expect(tally.credentialCache!.size).toBe(0);
    expect(await tally.access.authenticate(secret)).toBeNull();
  });

  it('keeps nothing without a cache, and still announces changes', async () => {
    const tally = createInMemoryTally();
    const { adminKey, tenantId } = (await tally.access.bootstrap()) as { adminKey: string; tenantId: string };
    const reads = jest.spyOn(tally.tenants, 'findApiKeyByPrefix');
    await tally.access.authenticate(adminKey);
    await tally.access.authenticate(adminKey);
    expect(reads.mock.calls.length).toBe(2);
    const { key } = await tally.access.createKey(tenantId, 'ci', 'admin');
    await tally.access.revokeKey(tenantId, key.id);
    expect(tally.credentialChanges.published).toBe(1);
  });
});
