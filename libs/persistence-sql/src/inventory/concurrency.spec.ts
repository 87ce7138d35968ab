import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Persistence } from '../persistence.factory';
import {
  adjustLine,
  applyLines,
  contextOf,
  DATABASE_KINDS,
  openTestContext,
  seed,
  setLine,
  type Fixture,
  type TestContext,
} from '../persistence-test.spec-helper';

jest.setTimeout(180_000);

const WRITERS = 8;
const BATCHES = 50;

/** `writers` async writers, each applying `batches` batches of +1 on every level, in its own order. */
async function hammer(instances: Persistence[], f: Fixture, writers: number, batches: number): Promise<void> {
  const places = f.items.flatMap((i) => f.locations.map((l) => ({ itemId: i.id, locationId: l.id })));
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const p = instances[w % instances.length];
      for (let b = 0; b < batches; b++) {
        // Every writer lists the places in a different order; the store must lock them in one order.
        const order = places.map((_, n) => places[(n + w + b) % places.length]);
        const lines = (w % 2 ? order.reverse() : order).map((k, n) => adjustLine(n + 1, k.itemId, k.locationId, 1));
        await applyLines(p, f.tenantId, lines);
      }
    }),
  );
}

async function expectTotals(p: Persistence, f: Fixture, expected: number): Promise<void> {
  const levels = await p.reader.levelsOfItems(
    f.tenantId,
    f.items.map((i) => i.id),
  );
  expect(levels).toHaveLength(f.items.length * f.locations.length);
  for (const level of levels) expect(level).toMatchObject({ present: true, version: expected, figures: { onHand: expected } });
  for (const level of levels) {
    let entries = 0;
    let cursor: string | null = null;
    do {
      const page = await p.reader.listLedger(f.tenantId, { itemId: level.itemId, locationId: level.locationId }, { limit: 1000, cursor });
      entries += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(entries).toBe(expected);
  }
  const verification = await p.reader.levelsWithLastEntry(f.tenantId, { limit: 100, cursor: null });
  for (const { level, lastEntry } of verification.items) expect(lastEntry?.versionAfter).toBe(level?.version);
}

/** Runs the worker script in a new Node process, with ts-node, and waits for it to succeed. */
function runWorker(input: object): Promise<void> {
  const root = join(__dirname, '..', '..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'concurrency-worker.spec-helper.ts')], {
      cwd: root,
      env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.spec.json'), TALLY_WORKER: JSON.stringify(input) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
  });
}

describe.each(DATABASE_KINDS)('concurrent writers on %s', (kind) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await openTestContext(kind);
  });
  afterAll(() => ctx?.dispose());

  it(`loses no update: ${WRITERS} writers × ${BATCHES} batches on the same new levels, one pool`, async () => {
    const f = await seed(ctx.p, { items: 3, locations: 1 });
    await hammer([ctx.p], f, WRITERS, BATCHES);
    await expectTotals(ctx.p, f, WRITERS * BATCHES);
  });

  it(`loses no update across two instances (two pools, as two processes would)`, async () => {
    const second = await ctx.open();
    const f = await seed(ctx.p, { items: 2, locations: 2 });
    await hammer([ctx.p, second], f, WRITERS, BATCHES);
    await expectTotals(second, f, WRITERS * BATCHES);
  });

  it('loses no update across two operating-system processes', async () => {
    const f = await seed(ctx.p, { items: 2, locations: 1 });
    const places = f.items.map((i) => ({ itemId: i.id, locationId: f.locations[0].id }));
    const input = { url: ctx.db.url, tenantId: f.tenantId, places, writers: 4, batches: 25 };
    await Promise.all([runWorker(input), runWorker(input)]);
    await expectTotals(ctx.p, f, 2 * 4 * 25);
  });

  it('lets exactly one of two connections become the single source of a new location', async () => {
    const f = await seed(ctx.p, { items: 20, locations: 1, connections: 2 });
    const second = await ctx.open();
    const l = f.locations[0];
    const halves = [f.items.slice(0, 10), f.items.slice(10)];
    await Promise.all(
      f.connections.map(async (c, n) => {
        for (const item of halves[n]) await applyLines(n ? second : ctx.p, f.tenantId, [setLine(1, item.id, l.id, 5)], contextOf(c.id));
      }),
    );
    const source = (await ctx.p.locations.get(f.tenantId, l.id))?.sourceConnectionId;
    const winner = f.connections.findIndex((c) => c.id === source);
    expect(winner).toBeGreaterThanOrEqual(0);
    const levels = await ctx.p.reader.levelsOfItems(
      f.tenantId,
      f.items.map((i) => i.id),
    );
    // Only the source's reports move levels; the other connection's stay observations.
    expect(
      levels
        .filter((x) => x.present)
        .map((x) => x.itemId)
        .sort(),
    ).toEqual(halves[winner].map((i) => i.id).sort());
    for (const item of f.items) expect(await ctx.p.reader.observationsOfItem(f.tenantId, item.id)).toHaveLength(1);
  });
});
