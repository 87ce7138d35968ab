import { randomUUID } from 'node:crypto';
import type { Channel } from '@tally/inventory-application';
import { NO_CHANNEL_RULES } from '@tally/inventory-domain';
import { applyLines, contextOf, DATABASE_KINDS, openTestContext, seed, setLine, type Fixture, type TestContext } from '../persistence-test.spec-helper';

jest.setTimeout(60_000);

const at = (second: number) => new Date(Date.UTC(2026, 0, 2, 0, 0, second)).toISOString();

describe.each(DATABASE_KINDS)('channel outbox on %s', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  let channel: Channel;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 4, locations: 2, connections: 1 });
  });
  afterAll(() => ctx?.dispose());

  const newChannel = (name: string): Channel => ({
    id: randomUUID(),
    tenantId: f.tenantId,
    name,
    dialect: 'webhook',
    status: 'active',
    baseUrl: 'http://127.0.0.1:9/hook',
    locationIds: null,
    rules: NO_CHANNEL_RULES,
    identifier: { kind: 'sku', connectionId: null },
    settings: {},
    sealedCredentials: 'sealed',
    createdAt: at(0),
    updatedAt: at(0),
  });
  const due = (c = channel, now = at(50)) => ctx.p.channelOutbox.dueItems(c, now, 100);
  const claim = (owner: string, now = at(50)) => ctx.p.channelOutbox.claimChannel(owner, now, at(59));

  it('writes no outbox row while the tenant has no channel', async () => {
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[0].id, f.locations[0].id, 5, null)], contextOf(f.connections[0].id));
    expect(await ctx.p.channelOutbox.fanOut(100, at(1))).toBe(0);
  });

  it('marks every item with a level for its first sync when a channel is created', async () => {
    channel = newChannel('shop');
    await ctx.p.channels.create(channel);
    expect((await due()).map((d) => d.itemId)).toEqual([f.items[0].id]);
    expect(await ctx.p.channels.get(f.tenantId, channel.id)).toEqual(channel);
    expect(await ctx.p.channels.summary(f.tenantId, channel.id)).toMatchObject({ pending: 1, synced: 0, oldestPendingAt: at(0) });
  });

  it('records level changes in the outbox in the write’s transaction and fans them out, coalesced by item', async () => {
    const conn = contextOf(f.connections[0].id);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[0].id, 3, null)], conn);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[1].id, 4, null)], conn);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[1].id, 4, null)], conn); // unchanged: no row
    expect((await ctx.p.channels.summary(f.tenantId, channel.id)).outboxBacklog).toBe(1);
    expect(await ctx.p.channelOutbox.fanOut(100, at(2))).toBe(1);
    expect(await ctx.p.channelOutbox.fanOut(100, at(3))).toBe(0);
    expect((await due()).map((d) => d.itemId).sort()).toEqual([f.items[0].id, f.items[1].id].sort());
  });

  it('leases a channel to one dispatcher at a time', async () => {
    const claimed = await claim('a');
    expect(claimed?.id).toBe(channel.id);
    expect(await claim('b')).toBeNull();
    expect(await ctx.p.channelOutbox.renewLease(channel.id, 'b', at(58))).toBe(false);
    expect(await ctx.p.channelOutbox.renewLease(channel.id, 'a', at(59))).toBe(true);
    expect(await claim('b', at(60))).not.toBeNull(); // a's lease ran out
    await ctx.p.channelOutbox.releaseChannel(channel.id, 'b', at(61));
    // Released at 61: claimable at 61 already, by the loop that goes on with it.
    expect(await claim('b', at(61))).not.toBeNull();
    await ctx.p.channelOutbox.releaseChannel(channel.id, 'b', at(40));
  });

  it('marks an item synced only when no newer change arrived while it was sent', async () => {
    const [first, second] = await due();
    expect(await claim('a')).not.toBeNull();
    await applyLines(ctx.p, f.tenantId, [setLine(1, second.itemId, f.locations[0].id, 99, null)], contextOf(f.connections[0].id));
    await ctx.p.channelOutbox.fanOut(100, at(4));
    const outcomes = [
      { itemId: first.itemId, generation: first.generation, kind: 'sent' as const, figure: 5 },
      { itemId: second.itemId, generation: second.generation, kind: 'sent' as const, figure: 3 },
    ];
    expect(await ctx.p.channelOutbox.record(channel, 'someone else', at(6), null, outcomes)).toBe(false);
    expect(await ctx.p.channelOutbox.record(channel, 'a', at(6), { startedAt: at(5), finishedAt: at(6), outcomes, error: null }, outcomes)).toBe(true);
    const left = await due();
    expect(left).toEqual([{ itemId: second.itemId, generation: second.generation + 1, attempts: 0, sent: 3 }]);
    const summary = await ctx.p.channels.summary(f.tenantId, channel.id);
    expect(summary).toMatchObject({ synced: 1, pending: 1, lastSuccessAt: at(6) });
    expect((await ctx.p.channels.deliveries(f.tenantId, channel.id, { limit: 5, cursor: null })).items).toEqual([
      { id: expect.any(Number), startedAt: at(5), finishedAt: at(6), items: 2, sent: 2, retried: 0, rejected: 0, error: null },
    ]);
  });

  it('backs a failing item off, dead-letters a refused one, and replays dead letters', async () => {
    const [item] = await due();
    await ctx.p.channelOutbox.record(channel, 'a', at(60), null, [
      { itemId: item.itemId, generation: item.generation, kind: 'retry', error: 'HTTP 503', nextAttemptAt: at(70) },
    ]);
    expect(await due()).toEqual([]);
    const [again] = await due(channel, at(71));
    expect(again).toMatchObject({ itemId: item.itemId, attempts: 1 });
    await ctx.p.channelOutbox.record(channel, 'a', at(60), null, [{ itemId: item.itemId, generation: again.generation, kind: 'dead', error: 'unknown sku' }]);
    expect(await due(channel, at(90))).toEqual([]);
    const dead = await ctx.p.channels.itemsInState(f.tenantId, channel.id, 'dead', { limit: 10, cursor: null });
    expect(dead.items).toEqual([expect.objectContaining({ itemId: item.itemId, state: 'dead', lastError: 'unknown sku', attempts: 2 })]);
    expect(await ctx.p.channels.replayDead(f.tenantId, channel.id, null, at(91))).toBe(1);
    expect(await due(channel, at(91))).toEqual([expect.objectContaining({ itemId: item.itemId, attempts: 0 })]);
    await ctx.p.channelOutbox.releaseChannel(channel.id, 'a', at(92));
  });

  it('answers availability facts paged by item, filtered by change time', async () => {
    const page = await ctx.p.channels.itemFacts(f.tenantId, channel.id, { changedSince: null }, { limit: 1, cursor: null });
    expect(page.items).toHaveLength(1);
    expect(page.items[0].levels.length).toBeGreaterThan(0);
    expect(page.items[0].identifiers.map((i) => i.kind)).toContain('sku');
    const rest = await ctx.p.channels.itemFacts(f.tenantId, channel.id, { changedSince: null }, { limit: 10, cursor: page.nextCursor });
    expect(rest.items).toHaveLength(1);
    const future = await ctx.p.channels.itemFacts(f.tenantId, channel.id, { changedSince: '2999-01-01T00:00:00.000Z' }, { limit: 10, cursor: null });
    expect(future.items).toEqual([]);
  });

  it('forgets what was sent on a full resync, and deletes a channel with its state', async () => {
    expect(await ctx.p.channels.markAll(f.tenantId, channel.id, at(100))).toBe(2);
    expect((await due(channel, at(100))).every((d) => d.sent === null)).toBe(true);
    expect(await ctx.p.channels.delete(f.tenantId, channel.id)).toBe(true);
    expect(await ctx.p.channels.get(f.tenantId, channel.id)).toBeNull();
    expect(await ctx.p.channels.delete(f.tenantId, channel.id)).toBe(false);
  });

  it('answers due items oldest first across the pending and failing states, at most the limit', async () => {
    const conn = contextOf(f.connections[0].id);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[2].id, f.locations[0].id, 1, null), setLine(2, f.items[3].id, f.locations[0].id, 1, null)], conn);
    await ctx.p.channelOutbox.fanOut(100, at(1));
    const ordered = newChannel('ordered');
    await ctx.p.channels.create(ordered);
    const byId = new Map((await due(ordered, at(1))).map((d) => [d.itemId, d]));
    const [a, b, c, d] = f.items.map((i) => byId.get(i.id)!);
    expect(await ctx.p.channelOutbox.claimChannel('o', at(1), at(59))).not.toBeNull();
    const sent = (x: typeof a) => ({ itemId: x.itemId, generation: x.generation, kind: 'sent' as const, figure: 1 });
    const retry = (x: typeof a, second: number) => ({
      itemId: x.itemId,
      generation: x.generation,
      kind: 'retry' as const,
      error: 'HTTP 503',
      nextAttemptAt: at(second),
    });
    await ctx.p.channelOutbox.record(ordered, 'o', at(2), null, [sent(a), sent(b), retry(c, 20), retry(d, 10)]);
    await ctx.p.channelOutbox.releaseChannel(ordered.id, 'o', at(2));
    // a and b change again: pending from 30, later than the failing items' next attempts.
    await applyLines(ctx.p, f.tenantId, [setLine(1, a.itemId, f.locations[0].id, 7, null), setLine(2, b.itemId, f.locations[0].id, 7, null)], conn);
    await ctx.p.channelOutbox.fanOut(100, at(30));
    const pending = [a.itemId, b.itemId].sort();
    expect((await ctx.p.channelOutbox.dueItems(ordered, at(50), 10)).map((x) => x.itemId)).toEqual([d.itemId, c.itemId, ...pending]);
    expect((await ctx.p.channelOutbox.dueItems(ordered, at(50), 3)).map((x) => x.itemId)).toEqual([d.itemId, c.itemId, pending[0]]);
    expect((await ctx.p.channelOutbox.dueItems(ordered, at(15), 10)).map((x) => x.itemId)).toEqual([d.itemId]);
    expect(await ctx.p.channels.delete(f.tenantId, ordered.id)).toBe(true);
  });
});
