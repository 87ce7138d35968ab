import { PURGE_BATCH_SIZE, type ApplyBatchCommand } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';
const HOUR = 3600 * 1000;

function keyed(key: string, onHand: number): ApplyBatchCommand {
  return {
    tenantId: T,
    connection: null,
    actor: 'key-1',
    reference: null,
    lines: [{ lineNo: 1, item: { sku: 'A' }, location: { code: 'WH1' }, write: { kind: 'set', patch: { onHand } }, sourceTimestamp: null }],
    unknownItemPolicy: 'create',
    createLocationsAs: 'warehouse',
    idempotency: { scope: 'set', key, requestHash: `hash-${onHand}`, render: (r) => ({ status: 200, body: r.counts }) },
  };
}

describe('PurgeExpiredRecords', () => {
  let tally: InMemoryTally;
  beforeEach(() => (tally = createInMemoryTally()));

  it('keeps idempotency keys for their 24 hours, then deletes them, after which the key is free again', async () => {
    await tally.applyBatch.execute(keyed('k1', 5));
    await tally.applyBatch.execute(keyed('k2', 6));
    tally.clock.advance(23 * HOUR);
    expect(await tally.purge.execute()).toEqual({ idempotencyRecords: 0, accessTokens: 0, channelDeliveries: 0, consoleSessions: 0 });
    expect(await tally.applyBatch.execute(keyed('k1', 5))).toMatchObject({ kind: 'replayed' });
    tally.clock.advance(2 * HOUR);
    expect(await tally.purge.execute()).toEqual({ idempotencyRecords: 2, accessTokens: 0, channelDeliveries: 0, consoleSessions: 0 });
    expect(tally.store.tables(T).idempotency.size).toBe(0);
    expect(await tally.applyBatch.execute(keyed('k1', 9))).toMatchObject({ kind: 'executed' });
  });

  it('deletes expired access tokens and keeps live ones', async () => {
    const { credentials } = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'kibo' });
    const old = await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 3600);
    tally.clock.advance(2 * HOUR);
    const live = await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 3600);
    expect(await tally.purge.execute()).toEqual({ idempotencyRecords: 0, accessTokens: 1, channelDeliveries: 0, consoleSessions: 0 });
    expect(tally.accessTokens.tokens.size).toBe(1);
    expect(await tally.tokens.verify('kibo', live!.token)).not.toBeNull();
    expect(old).not.toBeNull();
  });

  it('deletes console sessions that ended, idle or too old, and keeps live ones', async () => {
    const at = (ms: number) => new Date(tally.clock.now().getTime() + ms).toISOString();
    const session = (digest: string, idleMs: number, maxMs: number) => ({
      sessionDigest: digest,
      tenantId: T,
      keyId: 'key-1',
      createdAt: at(0),
      lastSeenAt: at(0),
      idleUntil: at(Math.min(idleMs, maxMs)),
      expiresAt: at(maxMs),
    });
    const caps = { perKey: 20, perTenant: 200 };
    await tally.sessions.open(session('idle', HOUR / 2, 12 * HOUR), caps);
    await tally.sessions.open(session('old', 12 * HOUR, HOUR / 4), caps);
    await tally.sessions.open(session('live', 2 * HOUR, 12 * HOUR), caps);
    tally.clock.advance(HOUR);
    expect(await tally.purge.execute()).toEqual({ idempotencyRecords: 0, accessTokens: 0, channelDeliveries: 0, consoleSessions: 2 });
    expect([...tally.sessions.sessions.keys()]).toEqual(['live']);
  });

  it('deletes more expired records than one batch holds, batch after batch', async () => {
    for (let n = 0; n <= PURGE_BATCH_SIZE; n++) await tally.applyBatch.execute(keyed(`k${n}`, n));
    tally.clock.advance(25 * HOUR);
    expect(await tally.purge.execute()).toEqual({ idempotencyRecords: PURGE_BATCH_SIZE + 1, accessTokens: 0, channelDeliveries: 0, consoleSessions: 0 });
  });
});
