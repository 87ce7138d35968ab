import { EMPTY_FIGURES, NO_CHANNEL_RULES } from '@tally/inventory-domain';
import {
  ChannelOutbox,
  ChannelSenders,
  DEFAULT_DISPATCH_OPTIONS,
  DispatchChannels,
  SecretCipher,
  type Channel,
  type ChannelEvent,
  type ChannelEventResult,
  type ChannelEventSendRecord,
  type ChannelItemFacts,
  type ChannelItemOutcome,
  type ChannelSendItem,
  type ChannelSendRecord,
  type ChannelSendResult,
  type DueChannelEvent,
  type DueChannelItem,
} from '@tally/inventory-application';
import { FixedClock } from '../fakes/basic-fakes';

const channel: Channel = {
  id: 'ch-1',
  tenantId: 't-1',
  name: 'shop',
  dialect: 'test',
  status: 'active',
  baseUrl: 'http://shop',
  locationIds: null,
  rules: NO_CHANNEL_RULES,
  identifier: { kind: 'sku', connectionId: null },
  settings: {},
  events: ['job.finished'],
  sealedCredentials: 'sealed:{"key":"k"}',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

interface Row {
  generation: number;
  attempts: number;
  sent: number | 'unlimited' | null;
  state: string;
  nextAt: string;
}

/** An in-memory outbox: items of one channel, each with an on-hand figure at one location. */
class MemoryOutbox extends ChannelOutbox {
  readonly rows = new Map<string, Row>();
  readonly onHand = new Map<string, number>();
  readonly logged: ChannelSendRecord[] = [];
  /** Items of each call of record(): one call per round. */
  readonly records: number[] = [];
  lease: string | null = null;
  loseLeaseOnRecord = false;
  readonly events = new Map<string, { event: DueChannelEvent; state: 'pending' | 'dead'; nextAt: string }>();
  readonly eventSends: ChannelEventSendRecord[] = [];

  addEvent(id: string, now = '2026-01-01T00:00:00.000Z'): void {
    this.events.set(id, { event: { id, type: 'job.finished', occurredAt: now, data: { jobId: Number(id) }, attempts: 0 }, state: 'pending', nextAt: now });
  }
  async dueEvents(_: Channel, now: string, limit: number): Promise<DueChannelEvent[]> {
    return [...this.events.values()]
      .filter((e) => e.state === 'pending' && e.nextAt <= now)
      .slice(0, limit)
      .map((e) => e.event);
  }
  async recordEvents(_: Channel, owner: string, _at: string, send: ChannelEventSendRecord): Promise<boolean> {
    if (this.lease !== owner || this.loseLeaseOnRecord) return false;
    for (const o of send.outcomes) {
      const row = this.events.get(o.eventId)!;
      const event = { ...row.event, attempts: row.event.attempts + 1 };
      if (o.kind === 'sent') this.events.delete(o.eventId);
      else if (o.kind === 'retry') this.events.set(o.eventId, { event, state: 'pending', nextAt: o.nextAttemptAt });
      else this.events.set(o.eventId, { event, state: 'dead', nextAt: row.nextAt });
    }
    this.eventSends.push(send);
    return true;
  }

  mark(itemId: string, onHand: number, now = '2026-01-01T00:00:00.000Z'): void {
    this.onHand.set(itemId, onHand);
    const row = this.rows.get(itemId);
    if (!row) this.rows.set(itemId, { generation: 0, attempts: 0, sent: null, state: 'pending', nextAt: now });
    else this.rows.set(itemId, { ...row, generation: row.generation + 1, state: row.state === 'synced' ? 'pending' : row.state });
  }
  async fanOut(): Promise<number> {
    return 0;
  }
  readonly workListeners = new Set<() => void>();
  onWork(listener: () => void): () => void {
    this.workListeners.add(listener);
    return () => this.workListeners.delete(listener);
  }
  resealed: string | null = null;
  async reseal(_: Channel, _old: string, sealed: string): Promise<void> {
    this.resealed = sealed;
  }
  async purgeDeliveries(): Promise<number> {
    return 0;
  }
  async claimChannel(owner: string, now: string): Promise<Channel | null> {
    const itemsDue = [...this.rows.values()].some((r) => (r.state === 'pending' || r.state === 'failing') && r.nextAt <= now);
    const eventsDue = [...this.events.values()].some((e) => e.state === 'pending' && e.nextAt <= now);
    if (this.lease !== null || !(itemsDue || eventsDue)) return null;
    this.lease = owner;
    return channel;
  }
  async renewLease(_: string, owner: string): Promise<boolean> {
    return this.lease === owner;
  }
  async releaseChannel(_: string, owner: string): Promise<void> {
    if (this.lease === owner) this.lease = null;
  }
  async dueItems(_: Channel, now: string, limit: number): Promise<DueChannelItem[]> {
    return [...this.rows.entries()]
      .filter(([, r]) => (r.state === 'pending' || r.state === 'failing') && r.nextAt <= now)
      .slice(0, limit)
      .map(([itemId, r]) => ({ itemId, generation: r.generation, attempts: r.attempts, sent: r.sent }));
  }
  readonly factReads: number[] = [];
  async facts(_: Channel, itemIds: readonly string[]): Promise<ChannelItemFacts[]> {
    this.factReads.push(itemIds.length);
    return itemIds.map((itemId) => ({
      itemId,
      name: null,
      identifiers: itemId.startsWith('nosku') ? [] : [{ kind: 'sku', value: `SKU-${itemId}`, connectionId: null }],
      levels: [{ locationId: 'l-1', present: true, figures: { ...EMPTY_FIGURES, onHand: this.onHand.get(itemId) ?? 0 } }],
      override: null,
      changedAt: null,
      sync: null,
    }));
  }
  async record(_: Channel, owner: string, _at: string, sends: readonly ChannelSendRecord[], outcomes: readonly ChannelItemOutcome[]): Promise<boolean> {
    if (this.lease !== owner || this.loseLeaseOnRecord) return false;
    this.records.push(outcomes.length);
    for (const o of outcomes) {
      const row = this.rows.get(o.itemId)!;
      const newer = row.generation !== o.generation;
      if (o.kind === 'sent') this.rows.set(o.itemId, { ...row, sent: o.figure, attempts: 0, state: newer ? 'pending' : 'synced' });
      else if (o.kind === 'retry') this.rows.set(o.itemId, { ...row, attempts: row.attempts + 1, state: 'failing', nextAt: o.nextAttemptAt });
      else this.rows.set(o.itemId, { ...row, attempts: row.attempts + 1, state: newer ? 'pending' : 'dead' });
    }
    this.logged.push(...sends);
    return true;
  }
}

/** A channel that records what it was sent and answers as told. */
class RecordingSenders extends ChannelSenders {
  readonly batches: ChannelSendItem[][] = [];
  answer: (item: ChannelSendItem) => ChannelSendResult = (item) => ({ itemId: item.itemId, outcome: 'sent' });
  onSend: () => void = () => undefined;
  dialects = () => ['test'];
  maxBatch = () => 2;
  parallel = 1;
  parallelSends = () => this.parallel;
  inFlight = 0;
  mostInFlight = 0;
  check = () => [];
  async send(_: Channel, credentials: Readonly<Record<string, string>>, items: readonly ChannelSendItem[]): Promise<ChannelSendResult[]> {
    expect(credentials).toEqual({ key: 'k' });
    this.batches.push([...items]);
    this.onSend();
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    return items.map((i) => this.answer(i));
  }
  readonly eventBatches: ChannelEvent[][] = [];
  answerEvent: (event: ChannelEvent) => ChannelEventResult = (event) => ({ eventId: event.id, outcome: 'sent' });
  subscribedEvents = () => ['job.finished'];
  maxEventBatch = () => 2;
  async sendEvents(_: Channel, credentials: Readonly<Record<string, string>>, events: readonly ChannelEvent[]): Promise<ChannelEventResult[]> {
    expect(credentials).toEqual({ key: 'k' });
    this.eventBatches.push([...events]);
    return events.map((e) => this.answerEvent(e));
  }
}

class PrefixCipher extends SecretCipher {
  seal = (plain: string) => `sealed:${plain}`;
  open = (sealed: string) => {
    if (!sealed.startsWith('sealed:')) throw new Error('not sealed here');
    return sealed.slice('sealed:'.length);
  };
  needsResealing = () => false;
}

describe('DispatchChannels', () => {
  let outbox: MemoryOutbox;
  let senders: RecordingSenders;
  let clock: FixedClock;
  let dispatch: DispatchChannels;
  const options = { ...DEFAULT_DISPATCH_OPTIONS, random: () => 0.5, maxAttempts: 3, backoffBaseMs: 1000 };
  beforeEach(() => {
    outbox = new MemoryOutbox();
    senders = new RecordingSenders();
    clock = new FixedClock(new Date('2026-01-01T00:00:00.000Z'));
    dispatch = new DispatchChannels(outbox, senders, new PrefixCipher(), clock, options);
  });
  const sentFigures = () => senders.batches.flat().map((i) => [i.identifier, i.quantity]);

  it('sends each due item’s current figure in batches no larger than the dialect allows', async () => {
    for (const [id, n] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const)
      outbox.mark(id, n);
    outbox.onHand.set('b', 20); // changed again before the send: the send carries the newer figure
    const round = await dispatch.runOnce('d1');
    expect(round).toEqual({ fannedOut: 0, channelId: 'ch-1', sent: 3 });
    expect(senders.batches.map((b) => b.length)).toEqual([2, 1]);
    expect(sentFigures()).toEqual([
      ['SKU-a', 1],
      ['SKU-b', 20],
      ['SKU-c', 3],
    ]);
    expect([...outbox.rows.values()].map((r) => [r.state, r.sent])).toEqual([
      ['synced', 1],
      ['synced', 20],
      ['synced', 3],
    ]);
    expect(outbox.lease).toBeNull();
  });

  it('has as many batches of a channel in flight at once as its dialect allows, each item in one of them only', async () => {
    for (const [n, id] of ['a', 'b', 'c', 'd', 'e'].entries()) outbox.mark(id, n + 1);
    senders.parallel = 2;
    const round = await dispatch.runOnce('d1');
    expect(round.sent).toBe(5);
    expect(senders.mostInFlight).toBe(2);
    expect(senders.batches.map((b) => b.map((i) => i.itemId))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect([...outbox.rows.values()].every((r) => r.state === 'synced')).toBe(true);
  });

  it('records a round in one call after its last send, with a log entry per send', async () => {
    outbox.mark('f', 0);
    await dispatch.runOnce('d1');
    outbox.mark('f', 0);
    for (const [n, id] of ['a', 'b', 'c', 'd', 'e'].entries()) outbox.mark(id, n + 1);
    senders.parallel = 3;
    senders.answer = (item) => (item.itemId === 'c' ? { itemId: 'c', outcome: 'rejected', error: 'unknown' } : { itemId: item.itemId, outcome: 'sent' });
    outbox.logged.length = 0;
    outbox.records.length = 0;
    const round = await dispatch.runOnce('d1');
    expect(round.sent).toBe(4);
    // f's figure was already shown: settled without a send, in the round's record and its first log entry.
    expect(outbox.records).toEqual([6]);
    expect(outbox.logged.map((l) => l.outcomes.map((o) => `${o.itemId}:${o.kind}`))).toEqual([
      ['f:sent', 'a:sent', 'b:sent'],
      ['c:dead', 'd:sent'],
      ['e:sent'],
    ]);
    expect(outbox.logged.map((l) => l.error)).toEqual([null, null, null]);
    expect(outbox.rows.get('c')?.state).toBe('dead');
  });

  it('reads the facts of a big batch in slices, and sends every item of it once', async () => {
    for (const [n, id] of ['a', 'b', 'c', 'd', 'e'].entries()) outbox.mark(id, n + 1);
    senders.maxBatch = () => 5;
    dispatch = new DispatchChannels(outbox, senders, new PrefixCipher(), clock, { ...options, factsPerRead: 2 });
    const round = await dispatch.runOnce('d1');
    expect(outbox.factReads).toEqual([2, 2, 1]);
    expect(round.sent).toBe(5);
    expect(sentFigures()).toEqual([
      ['SKU-a', 1],
      ['SKU-b', 2],
      ['SKU-c', 3],
      ['SKU-d', 4],
      ['SKU-e', 5],
    ]);
  });

  it('does not send a figure the channel already shows', async () => {
    outbox.mark('a', 5);
    await dispatch.runOnce('d1');
    outbox.mark('a', 5);
    await dispatch.runOnce('d1');
    expect(senders.batches).toHaveLength(1);
    expect(outbox.rows.get('a')?.state).toBe('synced');
  });

  it('keeps an item pending when it changed while its send was in flight, and sends the newer figure next', async () => {
    outbox.mark('a', 5);
    senders.onSend = () => {
      if (senders.batches.length === 1) outbox.mark('a', 7);
    };
    await dispatch.runOnce('d1');
    expect(sentFigures()).toEqual([
      ['SKU-a', 5],
      ['SKU-a', 7],
    ]);
    expect(outbox.rows.get('a')).toMatchObject({ state: 'synced', sent: 7 });
  });

  it('backs off a transient failure exponentially, honours Retry-After, and dead-letters after the last attempt', async () => {
    outbox.mark('a', 5);
    senders.answer = (i) => ({ itemId: i.itemId, outcome: 'retry', error: 'HTTP 503' });
    await dispatch.runOnce('d1');
    expect(outbox.rows.get('a')).toMatchObject({ state: 'failing', attempts: 1, nextAt: '2026-01-01T00:00:00.750Z' });
    clock.advance(1000);
    senders.answer = (i) => ({ itemId: i.itemId, outcome: 'retry', error: 'HTTP 429', retryAfterMs: 30_000 });
    await dispatch.runOnce('d1');
    expect(outbox.rows.get('a')).toMatchObject({ state: 'failing', attempts: 2, nextAt: '2026-01-01T00:00:31.000Z' });
    clock.advance(31_000);
    await dispatch.runOnce('d1');
    expect(outbox.rows.get('a')).toMatchObject({ state: 'dead', attempts: 3 });
    expect(outbox.logged.at(-1)?.error).toMatch(/gave up after 3 attempts: HTTP 429/);
  });

  it('dead-letters a refused item and one without the identifier the channel names items by, without failing its neighbours', async () => {
    outbox.mark('a', 1);
    outbox.mark('nosku', 2);
    senders.answer = (i) => (i.itemId === 'a' ? { itemId: 'a', outcome: 'rejected', error: 'unknown sku' } : { itemId: i.itemId, outcome: 'sent' });
    outbox.mark('b', 3);
    await dispatch.runOnce('d1');
    expect(outbox.rows.get('a')).toMatchObject({ state: 'dead' });
    expect(outbox.rows.get('nosku')).toMatchObject({ state: 'dead' });
    expect(outbox.rows.get('b')).toMatchObject({ state: 'synced', sent: 3 });
  });

  it('retries every item of a connector that throws, and of a channel whose credentials cannot be read', async () => {
    outbox.mark('a', 1);
    senders.send = async () => {
      throw new Error('boom');
    };
    await dispatch.runOnce('d1');
    expect(outbox.rows.get('a')).toMatchObject({ state: 'failing', attempts: 1 });
    const unreadable = new DispatchChannels(outbox, senders, new PrefixCipher(), clock, options);
    Object.assign(channel, { sealedCredentials: 'garbage' });
    try {
      clock.advance(10_000);
      await unreadable.runOnce('d2');
      expect(outbox.logged.at(-1)?.error).toMatch(/credentials cannot be read/);
      expect(outbox.rows.get('a')).toMatchObject({ state: 'failing', attempts: 2 });
    } finally {
      Object.assign(channel, { sealedCredentials: 'sealed:{"key":"k"}' });
    }
  });

  it('stops sending when its lease is lost', async () => {
    for (const id of ['a', 'b', 'c', 'd']) outbox.mark(id, 1);
    outbox.loseLeaseOnRecord = true;
    await dispatch.runOnce('d1');
    expect(senders.batches).toHaveLength(1);
  });

  it('acknowledges before sending only in the unsafe mode, so a send that never happens still reads as synced', async () => {
    const unsafe = new DispatchChannels(outbox, senders, new PrefixCipher(), clock, { ...options, acknowledgeBeforeSending: true });
    outbox.mark('a', 4);
    senders.send = async () => {
      throw new Error('killed');
    };
    await unsafe.runOnce('d1');
    // The early acknowledgement marked the item synced; the failure after it left a retry the safe path would own.
    expect(outbox.rows.get('a')?.sent).toBe(4);
  });

  describe('event feed', () => {
    it('sends due events oldest first in batches after the figures, and forgets the ones the channel accepted', async () => {
      outbox.mark('a', 1);
      for (const id of ['1', '2', '3']) outbox.addEvent(id);
      const round = await dispatch.runOnce('d1');
      expect(senders.batches).toHaveLength(1);
      expect(senders.eventBatches.map((b) => b.map((e) => e.id))).toEqual([['1', '2'], ['3']]);
      expect(round.sent).toBe(4);
      expect(outbox.events.size).toBe(0);
      expect(outbox.eventSends.map((s) => s.outcomes.length)).toEqual([2, 1]);
    });

    it('backs off a failed event, dead-letters a refused one or one out of attempts, and keeps its neighbours going', async () => {
      for (const id of ['1', '2']) outbox.addEvent(id);
      senders.answerEvent = (e) =>
        e.id === '1' ? { eventId: e.id, outcome: 'retry', error: 'HTTP 503', retryAfterMs: 5000 } : { eventId: e.id, outcome: 'rejected', error: 'HTTP 400' };
      await dispatch.runOnce('d1');
      expect(outbox.events.get('1')).toMatchObject({ state: 'pending', nextAt: '2026-01-01T00:00:05.000Z' });
      expect(outbox.events.get('2')).toMatchObject({ state: 'dead' });
      expect(outbox.eventSends[0].error).toBe('HTTP 503');
      expect(await dispatch.runOnce('d1')).toMatchObject({ channelId: null });
      clock.advance(5000);
      await dispatch.runOnce('d1');
      clock.advance(60_000);
      await dispatch.runOnce('d1');
      expect(outbox.events.get('1')).toMatchObject({ state: 'dead' });
      expect(outbox.eventSends.at(-1)?.error).toMatch(/gave up after 3 attempts: HTTP 503/);
    });

    it('keeps events of a channel whose credentials cannot be read, and of a connector that throws', async () => {
      outbox.addEvent('1');
      senders.sendEvents = async () => {
        throw new Error('boom');
      };
      await dispatch.runOnce('d1');
      expect(outbox.events.get('1')).toMatchObject({ state: 'pending' });
      expect(outbox.eventSends[0].error).toMatch(/connector failed: boom/);
    });
  });
});
