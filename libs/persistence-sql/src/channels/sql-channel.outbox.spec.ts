import type { Channel } from '@tally/inventory-application';
import {
  applyLines,
  contextOf,
  DATABASE_KINDS,
  openTestContext,
  seed,
  setLine,
  type Fixture,
  type TestContext,
  webhookChannel,
} from '../persistence-test.spec-helper';

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

  const newChannel = (name: string): Channel => webhookChannel(f.tenantId, name, at(0));
  const due = (c = channel, now = at(50)) => ctx.p.channelOutbox.dueItems(c, now, 100);
  const claim = (owner: string, now = at(50)) => ctx.p.channelOutbox.claimChannel(owner, now, at(59));

  let announced = 0;
  beforeAll(() => ctx.p.channelOutbox.onWork(() => announced++));

  it('writes no outbox row while the tenant has no channel, and announces no work', async () => {
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[0].id, f.locations[0].id, 5, null)], contextOf(f.connections[0].id));
    expect(await ctx.p.channelOutbox.fanOut(100, at(1))).toBe(0);
    expect(announced).toBe(0);
  });

  it('marks every item with a level for its first sync when a channel is created', async () => {
    channel = newChannel('shop');
    await ctx.p.channels.create(channel);
    expect(announced).toBe(1);
    expect((await due()).map((d) => d.itemId)).toEqual([f.items[0].id]);
    expect(await ctx.p.channels.get(f.tenantId, channel.id)).toEqual(channel);
    expect(await ctx.p.channels.summary(f.tenantId, channel.id)).toMatchObject({ pending: 1, synced: 0, oldestPendingAt: at(0) });
  });

  it('records level changes in the outbox in the write’s transaction and fans them out, coalesced by item', async () => {
    const conn = contextOf(f.connections[0].id);
    const before = announced;
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[0].id, 3, null)], conn);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[1].id, 4, null)], conn);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[1].id, 4, null)], conn); // unchanged: no row
    expect(announced - before).toBe(2); // each write that left a row, once it committed
    expect((await ctx.p.channels.summary(f.tenantId, channel.id)).outboxBacklog).toBe(1);
    expect(await ctx.p.channelOutbox.fanOut(100, at(2))).toBe(1);
    expect(await ctx.p.channelOutbox.fanOut(100, at(3))).toBe(0);
    expect((await due()).map((d) => d.itemId).sort()).toEqual([f.items[0].id, f.items[1].id].sort());
    // A round takes at most its limit; the rest waits for the next one.
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[0].id, f.locations[0].id, 15, null)], conn);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[1].id, f.locations[0].id, 16, null)], conn);
    expect(await ctx.p.channelOutbox.fanOut(1, at(4))).toBe(1);
    expect((await ctx.p.channels.summary(f.tenantId, channel.id)).outboxBacklog).toBe(1);
    expect(await ctx.p.channelOutbox.fanOut(100, at(5))).toBe(1);
    expect((await ctx.p.channels.summary(f.tenantId, channel.id)).outboxBacklog).toBe(0);
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
    expect(await ctx.p.channelOutbox.record(channel, 'someone else', at(6), [], outcomes)).toBe(false);
    expect(await ctx.p.channelOutbox.record(channel, 'a', at(6), [{ startedAt: at(5), finishedAt: at(6), outcomes, error: null }], outcomes)).toBe(true);
    const left = await due();
    expect(left).toEqual([{ itemId: second.itemId, generation: second.generation + 1, attempts: 0, sent: 3 }]);
    const summary = await ctx.p.channels.summary(f.tenantId, channel.id);
    expect(summary).toMatchObject({ synced: 1, pending: 1, lastSuccessAt: at(6) });
    expect((await ctx.p.channels.deliveries(f.tenantId, channel.id, { limit: 5, cursor: null })).items).toEqual([
      { id: expect.any(Number), startedAt: at(5), finishedAt: at(6), items: 2, sent: 2, retried: 0, rejected: 0, error: null, subject: 'items' },
    ]);
  });

  it('backs a failing item off, dead-letters a refused one, and replays dead letters', async () => {
    const [item] = await due();
    await ctx.p.channelOutbox.record(
      channel,
      'a',
      at(60),
      [],
      [{ itemId: item.itemId, generation: item.generation, kind: 'retry', error: 'HTTP 503', nextAttemptAt: at(70) }],
    );
    expect(await due()).toEqual([]);
    const [again] = await due(channel, at(71));
    expect(again).toMatchObject({ itemId: item.itemId, attempts: 1 });
    await ctx.p.channelOutbox.record(channel, 'a', at(60), [], [{ itemId: item.itemId, generation: again.generation, kind: 'dead', error: 'unknown sku' }]);
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
    await ctx.p.channelOutbox.record(ordered, 'o', at(2), [], [sent(a), sent(b), retry(c, 20), retry(d, 10)]);
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

  it('records the feed events a channel subscribes to in the write’s transaction, and sends, retries, dead-letters and replays them', async () => {
    // Events are due from when they were recorded: the writes' own (real) time.
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
    const feed = { ...newChannel('feed'), events: ['inventory.level.changed', 'job.finished'] };
    const quiet = newChannel('quiet');
    await ctx.p.channels.create(feed);
    await ctx.p.channels.create(quiet);
    expect((await ctx.p.channels.get(f.tenantId, feed.id))?.events).toEqual(feed.events);
    const conn = contextOf(f.connections[0].id);
    await applyLines(ctx.p, f.tenantId, [setLine(1, f.items[0].id, f.locations[0].id, 41, null), setLine(2, f.items[1].id, f.locations[1].id, 42, null)], conn);
    const { id: jobId, number: jobNumber } = await ctx.p.jobs.add({
      kind: 'ADJUST',
      tenantId: f.tenantId,
      orderingKey: `${f.tenantId}|feed`,
      locationCode: 'feed',
      itemCount: 1,
      processed: 0,
      messages: [],
      added: at(1),
      payload: { connectionId: null, actor: 'test', reference: null, lines: [], labels: [] },
    });
    let job = await ctx.p.jobs.claim('worker', at(2), at(30));
    while (job && job.id !== jobId) {
      await ctx.p.jobs.finish(job.id, 'worker', 'SUCCESS', at(2), []);
      job = await ctx.p.jobs.claim('worker', at(2), at(30));
    }
    expect(await ctx.p.jobs.finish(jobId, 'worker', 'FAILED', at(3), [{ line: 1, item: 'x', code: 'X', message: 'bad' }])).toBe(true);
    expect(await ctx.p.channelOutbox.dueEvents(quiet, later(60), 10)).toEqual([]);
    const events = await ctx.p.channelOutbox.dueEvents(feed, later(60), 10);
    const levels = events.filter((e) => e.type === 'inventory.level.changed');
    expect(levels.map((e) => [e.data['itemId'], (e.data['after'] as { figures: { onHand: number } }).figures.onHand])).toEqual([
      [f.items[0].id, 41],
      [f.items[1].id, 42],
    ]);
    expect(events.find((e) => e.type === 'job.finished')).toMatchObject({
      occurredAt: at(3),
      // The tenant's own job number, as everything the tenant is shown (ADR 0044).
      data: { jobId: jobNumber, kind: 'ADJUST', status: 'FAILED', locationCode: 'feed', problems: 1, finished: at(3) },
      attempts: 0,
    });
    expect(events.map((e) => Number(e.id))).toEqual([...events.map((e) => Number(e.id))].sort((a, b) => a - b));

    await ctx.p.channelOutbox.fanOut(1000, at(50));
    for (;;) {
      const claimed = await ctx.p.channelOutbox.claimChannel('e', later(60), later(600));
      if (!claimed) break;
      if (claimed.id === feed.id) break;
      await ctx.p.channelOutbox.releaseChannel(claimed.id, 'e', at(1));
      await ctx.p.channels.update({ ...claimed, status: 'paused' });
    }
    const [first, second, ...rest] = events;
    const outcomes = [
      { eventId: first.id, kind: 'sent' as const },
      { eventId: second.id, kind: 'retry' as const, error: 'HTTP 503', nextAttemptAt: later(3600) },
      ...rest.map((e) => ({ eventId: e.id, kind: 'dead' as const, error: 'HTTP 400' })),
    ];
    const send = { startedAt: at(50), finishedAt: at(51), outcomes, error: null };
    expect(await ctx.p.channelOutbox.recordEvents(feed, 'nobody', at(51), send)).toBe(false);
    expect(await ctx.p.channelOutbox.recordEvents(feed, 'e', at(51), send)).toBe(true);
    await ctx.p.channelOutbox.releaseChannel(feed.id, 'e', at(51));
    expect(await ctx.p.channelOutbox.dueEvents(feed, later(120), 10)).toEqual([]);
    expect(await ctx.p.channelOutbox.dueEvents(feed, later(3601), 10)).toEqual([expect.objectContaining({ id: second.id, attempts: 1 })]);
    expect(await ctx.p.channels.summary(f.tenantId, feed.id)).toMatchObject({ eventsPending: 1, eventsDead: rest.length });
    const [delivery] = (await ctx.p.channels.deliveries(f.tenantId, feed.id, { limit: 1, cursor: null })).items;
    expect(delivery).toMatchObject({ subject: 'events', items: events.length, sent: 1, retried: 1, rejected: rest.length });
    expect(await ctx.p.channels.replayDead(f.tenantId, feed.id, null, at(80))).toBeGreaterThanOrEqual(rest.length);
    expect(await ctx.p.channels.summary(f.tenantId, feed.id)).toMatchObject({ eventsPending: 1 + rest.length, eventsDead: 0 });
    expect(await ctx.p.channels.delete(f.tenantId, feed.id)).toBe(true);
    expect(await ctx.p.channelOutbox.dueEvents(feed, at(90), 10)).toEqual([]);
    expect(await ctx.p.channels.delete(f.tenantId, quiet.id)).toBe(true);
  });
});
