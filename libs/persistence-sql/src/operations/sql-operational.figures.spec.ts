import type { Channel, NewJob } from '@tally/inventory-application';
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

const T0 = '2026-01-01T00:00:00.000Z';

describe.each(DATABASE_KINDS)('operational figures on %s', (kind) => {
  let ctx: TestContext;
  let f: Fixture;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
    f = await seed(ctx.p, { items: 3, locations: 1, connections: 1 });
  });
  afterAll(() => ctx?.dispose());

  const job = (location: string): NewJob => ({
    kind: 'REFRESH',
    tenantId: f.tenantId,
    orderingKey: `${f.tenantId}|${location}`,
    locationCode: location,
    itemCount: 1,
    processed: 0,
    messages: [],
    added: T0,
    payload: { connectionId: null, actor: 'test', reference: null, lines: [], labels: [] },
  });
  const channel = (name: string): Channel => webhookChannel(f.tenantId, name, T0);

  it('reads nothing waiting on an empty database, and the pool it runs on', async () => {
    const figures = await ctx.p.operationalFigures.read();
    expect(figures.jobs).toEqual([
      { state: 'PENDING', count: 0, oldestAddedAt: null },
      { state: 'WORKING', count: 0, oldestAddedAt: null },
    ]);
    expect(figures.openDiscrepancies).toBe(0);
    expect(figures.channels).toEqual([]);
    expect(figures.pool?.size).toBeGreaterThan(0);
    if (kind === 'sqlite') expect(figures.sqliteWalBytes).toBeGreaterThanOrEqual(0);
    else expect(figures.sqliteWalBytes).toBeNull();
  });

  it('counts unfinished jobs by state with the oldest, and each channel’s waiting items', async () => {
    await ctx.p.jobs.add(job('L1'));
    await ctx.p.jobs.add({ ...job('L2'), added: '2026-01-01T00:05:00.000Z' });
    await ctx.p.jobs.claim('worker', '2026-01-01T00:10:00.000Z', '2026-01-01T00:11:00.000Z');
    const quiet = channel('quiet');
    await ctx.p.channels.create(quiet);
    await applyLines(
      ctx.p,
      f.tenantId,
      [setLine(1, f.items[0].id, f.locations[0].id, 5, null), setLine(2, f.items[1].id, f.locations[0].id, 6, null)],
      contextOf(f.connections[0].id),
    );
    await ctx.p.channelOutbox.fanOut(100, '2026-01-01T00:20:00.000Z');
    const figures = await ctx.p.operationalFigures.read();
    expect(figures.jobs).toEqual([
      { state: 'PENDING', count: 1, oldestAddedAt: '2026-01-01T00:05:00.000Z' },
      { state: 'WORKING', count: 1, oldestAddedAt: T0 },
    ]);
    expect(figures.channels).toEqual([
      { channelId: quiet.id, dialect: 'webhook', pending: 2, failing: 0, dead: 0, oldestWaitingAt: expect.any(String), lastSuccessAt: null },
    ]);
  });
});
