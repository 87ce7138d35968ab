import { randomUUID } from 'node:crypto';
import type { ConsoleSession } from '@tally/inventory-application';
import { DATABASE_KINDS, openTestContext, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const CAPS = { perKey: 3, perTenant: 5 };

describe.each(DATABASE_KINDS)('console sessions on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  /** A tenant with `keys` API keys; answers their ids. */
  async function tenantWithKeys(keys: number): Promise<{ tenantId: string; keyIds: string[] }> {
    const tenantId = randomUUID();
    await ctx.p.tenants.create({ id: tenantId, name: `tenant ${tenantId}`, createdAt: '2026-01-01T00:00:00.000Z' });
    const keyIds: string[] = [];
    for (let i = 0; i < keys; i++) {
      const id = randomUUID();
      await ctx.p.tenants.createApiKey({
        id,
        tenantId,
        name: `key ${i}`,
        role: i === 0 ? 'admin' : 'read_only',
        prefix: `tly_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
        lookupDigest: null,
        secretHash: 'hash',
        createdAt: '2026-01-01T00:00:00.000Z',
        revokedAt: null,
      });
      keyIds.push(id);
    }
    return { tenantId, keyIds };
  }

  /** A session of the key opened at minute `minute` of a day, ending an hour later. */
  const sessionOf = (tenantId: string, keyId: string, minute: number): ConsoleSession => {
    const at = new Date(Date.UTC(2026, 11, 1, 0, minute)).toISOString();
    const end = new Date(Date.UTC(2026, 11, 1, 1, minute)).toISOString();
    return { sessionDigest: randomUUID(), tenantId, keyId, createdAt: at, lastSeenAt: at, idleUntil: end, expiresAt: end };
  };

  const live = async (sessions: ConsoleSession[]) => {
    const found = await Promise.all(sessions.map((s) => ctx.p.sessions.findWithKey(s.sessionDigest)));
    return found.map((grant) => grant !== null);
  };

  it('finds a session with its key in one read, touches it, and closes it', async () => {
    const { tenantId, keyIds } = await tenantWithKeys(1);
    const session = sessionOf(tenantId, keyIds[0], 0);
    await ctx.p.sessions.open(session, CAPS);
    expect(await ctx.p.sessions.findWithKey(session.sessionDigest)).toEqual({ session, key: { id: keyIds[0], tenantId, role: 'admin', revokedAt: null } });
    await ctx.p.sessions.touch(session.sessionDigest, '2026-12-01T00:30:00.000Z', '2026-12-01T01:00:00.000Z');
    expect((await ctx.p.sessions.findWithKey(session.sessionDigest))?.session).toMatchObject({ lastSeenAt: '2026-12-01T00:30:00.000Z' });
    await ctx.p.tenants.revokeApiKey(tenantId, keyIds[0], '2026-12-01T00:31:00.000Z');
    expect((await ctx.p.sessions.findWithKey(session.sessionDigest))?.key.revokedAt).toBe('2026-12-01T00:31:00.000Z');
    await ctx.p.sessions.close(session.sessionDigest);
    expect(await ctx.p.sessions.findWithKey(session.sessionDigest)).toBeNull();
    await expect(ctx.p.sessions.close('unknown')).resolves.toBeUndefined();
  });

  it("evicts only the signing-in key's oldest beyond its cap, then only its tenant's oldest", async () => {
    const one = await tenantWithKeys(2);
    const other = await tenantWithKeys(1);
    const bystander = sessionOf(other.tenantId, other.keyIds[0], 0);
    await ctx.p.sessions.open(bystander, CAPS);
    const sibling = [sessionOf(one.tenantId, one.keyIds[1], 1), sessionOf(one.tenantId, one.keyIds[1], 2)];
    for (const s of sibling) await ctx.p.sessions.open(s, CAPS);
    const flood = Array.from({ length: 6 }, (_, i) => sessionOf(one.tenantId, one.keyIds[0], 10 + i));
    for (const s of flood) await ctx.p.sessions.open(s, CAPS);
    // The flooding key keeps its 3 newest; its sibling key and the other tenant keep theirs.
    expect(await live(flood)).toEqual([false, false, false, true, true, true]);
    expect(await live([...sibling, bystander])).toEqual([true, true, true]);
    // A sign-in of the sibling key brings the tenant to 6 > 5: the tenant's oldest (the sibling's first) goes.
    const late = sessionOf(one.tenantId, one.keyIds[1], 30);
    await ctx.p.sessions.open(late, CAPS);
    expect(await live([...sibling, late, bystander])).toEqual([false, true, true, true]);
    expect(await live(flood.slice(3))).toEqual([true, true, true]);
  });

  it('with one overall cap (the negative control), evicts the oldest of any tenant', async () => {
    const one = await tenantWithKeys(1);
    const other = await tenantWithKeys(1);
    const bystander = sessionOf(other.tenantId, other.keyIds[0], 0);
    await ctx.p.sessions.open(bystander, CAPS);
    // Every other spec's sessions count too: an overall cap of 1 keeps only the newest session of the database.
    await ctx.p.sessions.open(sessionOf(one.tenantId, one.keyIds[0], 59), { ...CAPS, overall: 1 });
    expect(await live([bystander])).toEqual([false]);
  });

  it('purges the sessions that ended before now, and no other', async () => {
    const { tenantId, keyIds } = await tenantWithKeys(1);
    const early = sessionOf(tenantId, keyIds[0], 0);
    const later = { ...sessionOf(tenantId, keyIds[0], 1), idleUntil: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-01T00:00:00.000Z' };
    await ctx.p.sessions.open(early, CAPS);
    await ctx.p.sessions.open(later, CAPS);
    expect(await ctx.p.sessions.deleteExpired('2026-12-01T02:00:00.000Z')).toBeGreaterThanOrEqual(1);
    expect(await live([early, later])).toEqual([false, true]);
  });
});
